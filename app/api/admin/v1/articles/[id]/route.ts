import { articleToApi, getArticleForEdit } from "@/lib/articles/admin";
import { updateArticle } from "@/lib/articles/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { parseId, readJson } from "@/lib/http/request";

type Context = { params: Promise<{ id: string }> };

/** GET /api/admin/v1/articles/:id — the article in the input shape plus id, url, status and timestamps. */
export const GET = apiHandler<Context>(async (_request, actor, { params }) => {
  const id = parseId((await params).id, "The article");
  return json(articleToApi(await getArticleForEdit(actor, id)));
});

/** PATCH /api/admin/v1/articles/:id — partial update; `status` publishes or unpublishes. */
export const PATCH = apiHandler<Context>(async (request, actor, { params }) => {
  const id = parseId((await params).id, "The article");
  const patch = await readJson(request);
  await updateArticle(actor, id, patch);
  return json(articleToApi(await getArticleForEdit(actor, id)));
});

// Every other method gets a JSON 405 rather than Next's empty one.
export const POST = methodNotAllowed("GET, PATCH");
export const PUT = methodNotAllowed("GET, PATCH");
export const DELETE = methodNotAllowed("GET, PATCH");
