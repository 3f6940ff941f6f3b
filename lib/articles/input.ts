import { z } from "zod";
import { MAX_HTML_DEPTH, htmlDepth } from "../documents/depth";
import { SLUG_PATTERN } from "../text/slugs";

/**
 * What a person (the API, the newsroom editor, a script) sends to create or change an article. Lower-case enum
 * values and slugs/names instead of ids, so the API is writable by hand; lib/articles/mutations.ts resolves them.
 * Messages are meant to be shown as they are, next to the field they name.
 */

export const ARTICLE_TYPES = ["news", "opinion", "analysis", "feature"] as const;
export type ArticleTypeName = (typeof ARTICLE_TYPES)[number];
export const ARTICLE_STATUSES = ["draft", "in_review", "scheduled", "published", "unpublished", "taken_down"] as const;
export type ArticleStatusName = (typeof ARTICLE_STATUSES)[number];

/**
 * Limits on HTML bodies, far above any real article (a 5,000-word feature is ~40,000 characters and ~1,000
 * elements) but low enough that importing stays within a few seconds: the DOM-based import costs ~0.2–0.5 ms
 * per element.
 */
export const MAX_HTML_LENGTH = 500_000;
export const MAX_HTML_ELEMENTS = 10_000;

/** Counts start tags without parsing, so an oversized body is refused before the expensive import. */
function countElements(html: string): number {
  let count = 0;
  const re = /<[a-zA-Z]/g;
  while (re.exec(html)) if (++count > MAX_HTML_ELEMENTS) break;
  return count;
}

const unknownKeys = (what: string) => ({
  error: (issue: { code?: string; keys?: string[] }) =>
    issue.code === "unrecognized_keys"
      ? `Unknown field${issue.keys!.length > 1 ? "s" : ""} in ${what}: ${issue.keys!.join(", ")}.`
      : undefined,
});

const ID_MESSAGE = "Must be an id (a positive whole number).";

/** A positive integer id; numeric strings are accepted because HTML forms send strings. */
export const idSchema = z
  .union(
    [
      z.number(),
      z
        .string()
        .regex(/^\d{1,10}$/, ID_MESSAGE)
        .transform(Number),
    ],
    { error: ID_MESSAGE },
  )
  .pipe(z.number().int(ID_MESSAGE).positive(ID_MESSAGE).max(2_147_483_647, ID_MESSAGE));

const slugSchema = z
  .string({ error: "The slug must be text." })
  .trim()
  .max(80, "Slugs are at most 80 characters.")
  .regex(SLUG_PATTERN, 'Slugs use lower-case letters, digits and single hyphens, like "city-budget-vote".');

const headline = z
  .string({ error: "Enter a headline." })
  .trim()
  .min(1, "Enter a headline.")
  .max(200, "Headlines are at most 200 characters.");
const dek = z
  .string({ error: "The standfirst (dek) must be text." })
  .trim()
  .max(400, "The standfirst (dek) is at most 400 characters.");

const type = z
  .string({ error: "Choose a type: news, opinion, analysis or feature." })
  .trim()
  .toLowerCase()
  .pipe(z.enum(ARTICLE_TYPES, { error: "Choose a type: news, opinion, analysis or feature." }));

const section = z
  .string({ error: 'Choose a section (its slug, e.g. "news").' })
  .trim()
  .min(1, 'Choose a section (its slug, e.g. "news").');

const authors = z
  .array(z.string({ error: "Authors are given by slug." }).trim().min(1, "Author slugs cannot be empty."), {
    error: 'List the authors by slug, e.g. ["jane-doe"].',
  })
  .min(1, "Name at least one author.")
  .max(10, "At most 10 authors.")
  .refine((list) => new Set(list).size === list.length, "An author is listed twice.");

const tagsSchema = z
  .array(
    z
      .string({ error: "Tags are given by name." })
      .trim()
      .min(1, "Tag names cannot be empty.")
      .max(60, "Tag names are at most 60 characters."),
    {
      error: 'List tags by name, e.g. ["Elections"].',
    },
  )
  .max(20, "At most 20 tags.");

const heroImage = z.strictObject(
  {
    mediaId: idSchema,
    alt: z
      .string({ error: "Alt text must be text." })
      .trim()
      .max(1000, "Alt text is at most 1000 characters.")
      .optional(),
    caption: z
      .string({ error: "The caption must be text." })
      .trim()
      .max(2000, "Captions are at most 2000 characters.")
      .optional(),
    credit: z
      .string({ error: "The credit must be text." })
      .trim()
      .max(300, "Credits are at most 300 characters.")
      .optional(),
  },
  unknownKeys("heroImage"),
);

const body = z
  .object(
    {
      html: z
        .string({ error: "body.html must be a string of HTML." })
        .max(MAX_HTML_LENGTH, `HTML bodies are at most ${MAX_HTML_LENGTH.toLocaleString("en")} characters.`)
        .refine(
          (html) => countElements(html) <= MAX_HTML_ELEMENTS,
          `HTML bodies have at most ${MAX_HTML_ELEMENTS.toLocaleString("en")} elements.`,
        )
        .refine(
          (html) => htmlDepth(html) <= MAX_HTML_DEPTH,
          `HTML bodies nest elements at most ${MAX_HTML_DEPTH} deep.`,
        )
        .optional(),
      doc: z.unknown().optional(),
    },
    { error: 'Give the body as {"html": "<p>…</p>"} or {"doc": {…}}.' },
  )
  .refine(
    (b) => (b.html === undefined) !== (b.doc === undefined),
    'Give the body as {"html": "<p>…</p>"} or {"doc": {…}}, not both or neither.',
  );

/**
 * Archive imports reach back into the 19th century; nothing is published after 2199. Outside that range a date
 * is a typo or a probe, and year 0 or 275760 break URL dates and the database's timestamp range.
 */
const EARLIEST = new Date("1800-01-01T00:00:00Z");
const LATEST = new Date("2200-01-01T00:00:00Z");
const publishedAt = z
  .union([z.date(), z.iso.datetime({ offset: true }).transform((s) => new Date(s))], {
    error: "Give publishedAt as an ISO-8601 date and time with a time zone, e.g. 2026-03-01T09:30:00Z.",
  })
  .refine(
    (d) => !Number.isNaN(d.getTime()) && d >= EARLIEST && d < LATEST,
    "publishedAt must be between the years 1800 and 2199.",
  );

const related = z
  .array(idSchema, { error: "List related articles by id, e.g. [12, 40]." })
  .max(10, "At most 10 related articles.")
  .refine((list) => new Set(list).size === list.length, "A related article is listed twice.");

/**
 * Search and social overrides. Empty text means "use the headline / dek"; `image` null means "use the hero". Search
 * engines show about 60 characters of a title and 160 of a description: the editor says so, the limits here only
 * stop nonsense.
 */
const seo = z.strictObject(
  {
    title: z
      .string({ error: "The SEO title must be text." })
      .trim()
      .max(200, "The SEO title is at most 200 characters (search results show about 60).")
      .optional(),
    description: z
      .string({ error: "The SEO description must be text." })
      .trim()
      .max(400, "The SEO description is at most 400 characters (search results show about 160).")
      .optional(),
    image: idSchema.nullable().optional(),
  },
  unknownKeys("seo"),
);

const fields = {
  headline,
  dek: dek.optional(),
  slug: slugSchema.optional(),
  type,
  section,
  authors,
  tags: tagsSchema.optional(),
  heroImage: heroImage.nullable().optional(),
  body,
  publishedAt: publishedAt.optional(),
  related: related.optional(),
  seo: seo.optional(),
};

/**
 * Creating an article. `type` defaults to news and `status` to draft. "published" with a `publishedAt` in the future
 * schedules the article (it is stored as "scheduled" and goes live at that time); "scheduled" says so explicitly and
 * needs a future `publishedAt`.
 */
export const articleInputSchema = z.strictObject(
  {
    ...fields,
    type: type.default("news"),
    status: z
      .enum(["draft", "published", "scheduled"], {
        error: 'A new article\'s status is "draft", "published" or "scheduled".',
      })
      .default("draft"),
  },
  unknownKeys("the article"),
);

/** The newsroom's record of why an article was removed (legal or ethical reasons); never shown to readers. */
export const takenDownReasonSchema = z
  .string({ error: "Give the reason for the take-down." })
  .trim()
  .min(1, "Give the reason for the take-down.")
  .max(2_000, "The reason is at most 2,000 characters.");

/**
 * Changing an article: every field optional; only those present change. `status` publishes ("published"; with a
 * future `publishedAt` it schedules, as does "scheduled") or takes the article off the site ("unpublished"; "draft" is
 * accepted as a synonym; a scheduled article goes back to draft);
 * "taken_down" with `takenDownReason` removes it for legal or ethical reasons (its URL answers 410); "in_review" submits
 * a draft for review with `reviewNote`, and "draft" on an article in review sends it back (again with a note).
 */
export const articlePatchSchema = z.strictObject(
  {
    headline: headline.optional(),
    dek: dek.optional(),
    slug: slugSchema.optional(),
    type: type.optional(),
    section: section.optional(),
    authors: authors.optional(),
    tags: tagsSchema.optional(),
    heroImage: heroImage.nullable().optional(),
    body: body.optional(),
    publishedAt: publishedAt.optional(),
    related: related.optional(),
    seo: seo.optional(),
    status: z
      .enum(["draft", "in_review", "scheduled", "published", "unpublished", "taken_down"], {
        error: 'Status is "draft", "in_review", "scheduled", "published", "unpublished" or "taken_down".',
      })
      .optional(),
    /** With status "in_review": the submitter's note to the editors; with "draft" on an article in review: why it
     * was sent back. */
    reviewNote: z
      .string({ error: "The review note must be text." })
      .trim()
      .max(2_000, "The review note is at most 2,000 characters.")
      .optional(),
    /** Why the article was taken down; required with status "taken_down" and only there. */
    takenDownReason: takenDownReasonSchema.optional(),
    /** With status "unpublished" or "taken_down": its images answer 410 Gone too (lib/media/removal.ts). */
    removeImages: z.boolean({ error: "removeImages is true or false." }).optional(),
    /** A typo fix: the change is saved without stamping "Updated" (contentUpdatedAt) on a published article. */
    minorEdit: z.boolean({ error: "minorEdit is true or false." }).optional(),
  },
  unknownKeys("the article"),
);

export type ParsedArticleInput = z.output<typeof articleInputSchema>;
export type ParsedArticlePatch = z.output<typeof articlePatchSchema>;

export const toDbType = (t: ArticleTypeName) => t.toUpperCase() as "NEWS" | "OPINION" | "ANALYSIS" | "FEATURE";
export const fromDbType = (t: string) => t.toLowerCase() as ArticleTypeName;
export const fromDbStatus = (s: string) => s.toLowerCase() as ArticleStatusName;
