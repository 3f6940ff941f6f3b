import { createSection, listSections } from "@/lib/sections/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler } from "@/lib/http/handler";
import { readJson } from "@/lib/http/request";

/** GET /api/admin/v1/sections — every section, in navigation order. */
export const GET = apiHandler(async (_request, actor) => json({ items: await listSections(actor) }));

/** POST /api/admin/v1/sections — {name, slug?, description?, position?} → 201 {id, slug, url}. Admins only. */
export const POST = apiHandler(async (request, actor) => json(await createSection(actor, await readJson(request, 64 * 1024)), 201));
