import { z } from "zod";
import { SLUG_PATTERN } from "../text/slugs";

/** What the API and the newsroom send to create or change an author. `title` is the job title on the byline. */

const slug = z
  .string({ error: "The slug must be text." })
  .trim()
  .max(80, "Slugs are at most 80 characters.")
  .regex(SLUG_PATTERN, 'Slugs use lower-case letters, digits and single hyphens, like "jane-doe".');

const link = z.strictObject({
  label: z
    .string({ error: "Each link needs a label." })
    .trim()
    .min(1, "Each link needs a label.")
    .max(60, "Link labels are at most 60 characters."),
  url: z
    .string({ error: "Each link needs a URL." })
    .trim()
    .max(500, "Link URLs are at most 500 characters.")
    .refine((value) => {
      try {
        const u = new URL(value);
        return u.protocol === "https:" || u.protocol === "http:" || u.protocol === "mailto:";
      } catch {
        return false;
      }
    }, "Links must be full http(s) or mailto addresses."),
});

const fields = {
  name: z
    .string({ error: "Enter the author's name." })
    .trim()
    .min(1, "Enter the author's name.")
    .max(120, "Names are at most 120 characters."),
  slug: slug.optional(),
  title: z
    .string({ error: "The title must be text." })
    .trim()
    .max(120, "Titles are at most 120 characters.")
    .optional(),
  bio: z.string({ error: "The bio must be text." }).trim().max(2000, "Bios are at most 2000 characters.").optional(),
  links: z.array(link, { error: "Links are a list of {label, url}." }).max(10, "At most 10 links.").optional(),
  pseudonymous: z.boolean({ error: "pseudonymous is true or false." }).optional(),
  // Ids are PostgreSQL integers: 2147483648 would be a database error, not "unknown image".
  photoId: z
    .number({ error: "photoId is a media id." })
    .int("photoId is a media id (a positive whole number).")
    .positive("photoId is a media id (a positive whole number).")
    .max(2_147_483_647, "photoId is a media id (a positive whole number).")
    .nullable()
    .optional(),
};

const unknownKeys = {
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys!.length > 1 ? "s" : ""}: ${issue.keys!.join(", ")}.`
      : undefined,
};

export const authorInputSchema = z.strictObject(fields, unknownKeys);
export const authorPatchSchema = z.strictObject({ ...fields, name: fields.name.optional() }, unknownKeys);
