import { createArticle } from "@/lib/articles/mutations";
import { listArticlesForAdmin } from "@/lib/articles/admin";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { etag } from "@/lib/http/if-match";
import { idempotent } from "@/lib/http/idempotency";
import { MAX_JSON_BYTES, readJson } from "@/lib/http/request";

/**
 * POST /api/admin/v1/articles — create (docs/api.md). A new article is at version 1; answering it (and its ETag)
 * lets a client PATCH what it just made without reading it first (a PATCH must name its version).
 */
export const POST = apiHandler((request, actor) =>
  idempotent(request, MAX_JSON_BYTES, async (request) => {
    const created = await createArticle(actor, await readJson(request));
    return json({ id: created.id, url: created.url, status: created.status, version: 1 }, 201, {
      Location: `/api/admin/v1/articles/${created.id}`,
      ETag: etag(1),
    });
  }),
);

/** GET /api/admin/v1/articles?page=&status=&q= — the newsroom list. */
export const GET = apiHandler(async (request, actor) => {
  const params = new URL(request.url).searchParams;
  const page = Number(params.get("page") ?? "1");
  const list = await listArticlesForAdmin(actor, { page, status: params.get("status"), q: params.get("q") });
  return json(list);
});

// Every other method gets a JSON 405 rather than Next's empty one.
export const PUT = methodNotAllowed("GET, POST");
export const PATCH = methodNotAllowed("GET, POST");
export const DELETE = methodNotAllowed("GET, POST");
