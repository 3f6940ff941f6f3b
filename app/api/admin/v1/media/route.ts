import { env } from "@/lib/env";
import { absoluteUrl } from "@/lib/seo/urls";
import { DomainError } from "@/lib/errors";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { idempotent } from "@/lib/http/idempotency";
import { readMultipart } from "@/lib/http/request";
import type { Actor } from "@/lib/auth/permissions";
import { listMedia, mediaToApi } from "@/lib/media/library";
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

/** An instant query parameter: an ISO 8601 date or date-time; anything else is a 422 naming the parameter. */
function instant(params: URLSearchParams, name: string): Date | null {
  const raw = params.get(name);
  if (raw === null || raw === "") return null;
  const at = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(raw) ? new Date(raw) : null;
  if (!at || Number.isNaN(at.getTime())) {
    const message = `${name} is a date or date-time (ISO 8601), e.g. 2026-03-01 or 2026-03-01T00:00:00Z.`;
    throw new DomainError(422, message, { [name]: message });
  }
  return at;
}

/**
 * GET /api/admin/v1/media?q=heron&from=2026-03-01&before=2026-04-01&page=2 — the library, newest first, 24 a page.
 * `q`: every word must appear in the alt text, caption or credit; removed images are not listed.
 */
export const GET = apiHandler(async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const page = Number.parseInt(params.get("page") ?? "1", 10);
  const found = await listMedia(actor, {
    q: (params.get("q") ?? "").slice(0, 200),
    from: instant(params, "from"),
    before: instant(params, "before"),
    page: Number.isFinite(page) ? page : 1,
  });
  return json({ items: found.items.map(mediaToApi), page: found.page, pageCount: found.pageCount, total: found.total });
});

// Every other method gets a JSON 405 rather than Next's empty one.
export const PUT = methodNotAllowed("GET, POST");
export const PATCH = methodNotAllowed("GET, POST");
export const DELETE = methodNotAllowed("GET, POST");
