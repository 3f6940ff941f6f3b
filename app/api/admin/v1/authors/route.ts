import { createAuthor } from "@/lib/authors/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { idempotent } from "@/lib/http/idempotency";
import { readJson } from "@/lib/http/request";

const BODY_LIMIT = 64 * 1024;

/** POST /api/admin/v1/authors — {name, slug?, title?, bio?} → 201 {id, slug, url}. */
export const POST = apiHandler((request, actor) =>
  idempotent(request, BODY_LIMIT, async (request) =>
    json(await createAuthor(actor, await readJson(request, BODY_LIMIT)), 201),
  ),
);

// Every other method gets a JSON 405 rather than Next's empty one.
export const GET = methodNotAllowed("POST");
export const PUT = methodNotAllowed("POST");
export const PATCH = methodNotAllowed("POST");
export const DELETE = methodNotAllowed("POST");
