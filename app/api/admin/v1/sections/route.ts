import { createSection, listSections } from "@/lib/sections/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { idempotent } from "@/lib/http/idempotency";
import { readJson } from "@/lib/http/request";

const BODY_LIMIT = 64 * 1024;

/** GET /api/admin/v1/sections — every section, in navigation order. */
export const GET = apiHandler(async (_request, actor) => json({ items: await listSections(actor) }));

/** POST /api/admin/v1/sections — {name, slug?, description?, position?} → 201 {id, slug, url}. Admins only. */
export const POST = apiHandler((request, actor) =>
  idempotent(request, BODY_LIMIT, async (request) =>
    json(await createSection(actor, await readJson(request, BODY_LIMIT)), 201),
  ),
);

// Every other method gets a JSON 405 rather than Next's empty one.
export const PUT = methodNotAllowed("GET, POST");
export const PATCH = methodNotAllowed("GET, POST");
export const DELETE = methodNotAllowed("GET, POST");
