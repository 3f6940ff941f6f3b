import { createAuthor } from "@/lib/authors/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";

/** POST /api/admin/v1/authors — {name, slug?, title?, bio?} → 201 {id, slug, url}. */
export const POST = apiHandler(async (request, actor) => {
  const created = await createAuthor(actor, await readJson(request, 64 * 1024));
  return json(created, 201);
});

// Every other method gets a JSON 405 rather than Next's empty one.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
