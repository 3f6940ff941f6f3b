import { createAuthor } from "@/lib/authors/mutations";
import { json } from "@/lib/http/errors";
import { apiHandler } from "@/lib/http/handler";
import { idempotent } from "@/lib/http/idempotency";
import { readJson } from "@/lib/http/request";

const BODY_LIMIT = 64 * 1024;

/** POST /api/admin/v1/authors — {name, slug?, title?, bio?} → 201 {id, slug, url}. */
export const POST = apiHandler((request, actor) =>
  idempotent(request, BODY_LIMIT, async (request) => json(await createAuthor(actor, await readJson(request, BODY_LIMIT)), 201)),
);
