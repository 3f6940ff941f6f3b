import { createAuthor } from "@/lib/authors/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";

/** POST /api/admin/v1/authors — {name, slug?, title?, bio?} → 201 {id, slug, url}. */
export const POST = apiHandler(async (request, actor) => {
  const created = await createAuthor(actor, await readJson(request, 64 * 1024));
  return json(created, 201);
});
