import { articleToApi, getArticleForEdit } from "@/lib/articles/admin";
import { updateArticle } from "@/lib/articles/mutations";
import { VersionConflict } from "@/lib/articles/revision-log";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { etag, expectedVersion } from "@/lib/http/if-match";
import { parseId, readJson } from "@/lib/http/request";

type Context = { params: Promise<{ id: string }> };

/** GET /api/admin/v1/articles/:id — the article in the input shape plus id, url, status, version and timestamps. */
export const GET = apiHandler<Context>(async (_request, actor, { params }) => {
  const id = parseId((await params).id, "The article");
  const article = await getArticleForEdit(actor, id);
  return json(articleToApi(article), 200, { ETag: etag(article.version) });
});

/**
 * PATCH /api/admin/v1/articles/:id — partial update; `status` publishes or unpublishes. `If-Match: "<version>"` (or
 * a `version` field) makes it conditional: a stale one is a 409 carrying the article as it now is and who saved it.
 */
export const PATCH = apiHandler<Context>(async (request, actor, { params }) => {
  const id = parseId((await params).id, "The article");
  const { version, body } = expectedVersion(request, await readJson(request));
  try {
    await updateArticle(actor, id, body, { expectedVersion: version });
  } catch (error) {
    if (!(error instanceof VersionConflict)) throw error;
    const current = await getArticleForEdit(actor, id);
    const conflict = {
      error: error.message,
      conflict: {
        version: current.version,
        savedBy: error.current.savedBy,
        savedAt: error.current.savedAt.toISOString(),
        current: articleToApi(current),
      },
    };
    return json(conflict, 409, { ETag: etag(current.version) });
  }
  const article = await getArticleForEdit(actor, id);
  return json(articleToApi(article), 200, { ETag: etag(article.version) });
});

// Every other method gets a JSON 405 rather than Next's empty one.
export const POST = methodNotAllowed("GET, PATCH");
export const PUT = methodNotAllowed("GET, PATCH");
export const DELETE = methodNotAllowed("GET, PATCH");
