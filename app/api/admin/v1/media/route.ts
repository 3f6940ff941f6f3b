import { env } from "@/lib/env";
import { absoluteUrl } from "@/lib/seo/urls";
import { DomainError } from "@/lib/errors";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { idempotent } from "@/lib/http/idempotency";
import { readMultipart } from "@/lib/http/request";
import type { Actor } from "@/lib/auth/permissions";
import { uploadImage } from "@/lib/media/upload";

/** Room for the multipart boundaries and the text fields around the file. */
const FORM_OVERHEAD = 64 * 1024;

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === "string" ? value : undefined;
};

/** POST /api/admin/v1/media — multipart `file` (+ alt, caption, credit) → 201 {id, url, width, height}. */
export const POST = apiHandler((request, actor) =>
  idempotent(request, env().MEDIA_MAX_BYTES + FORM_OVERHEAD, (request) => upload(request, actor)),
);

async function upload(request: Request, actor: Actor): Promise<Response> {
  const form = await readMultipart(request, env().MEDIA_MAX_BYTES + FORM_OVERHEAD);
  const file = form.get("file");
  if (!(file instanceof Blob))
    throw new DomainError(400, 'Attach the image as the multipart field "file".', { file: "Attach an image." });
  const uploaded = await uploadImage(actor, {
    bytes: new Uint8Array(await file.arrayBuffer()),
    alt: text(form, "alt"),
    caption: text(form, "caption"),
    credit: text(form, "credit"),
  });
  return json({ id: uploaded.id, url: absoluteUrl(uploaded.url), width: uploaded.width, height: uploaded.height }, 201);
}

// Every other method gets a JSON 405 rather than Next's empty one.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
