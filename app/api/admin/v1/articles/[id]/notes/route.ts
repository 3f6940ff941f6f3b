import { addArticleNote, listArticleNotes } from "@/lib/articles/notes";
import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { parseId, readJson } from "@/lib/http/request";

type Context = { params: Promise<{ id: string }> };

/** GET /api/admin/v1/articles/:id/notes — the article's corrections and updates, oldest first (docs/api.md). */
export const GET = apiHandler<Context>(async (_request, actor, { params }) => {
  const id = parseId((await params).id, "The article");
  return json({ items: await listArticleNotes(actor, id) });
});

/** POST /api/admin/v1/articles/:id/notes {kind, text} — adds a correction or update to a published article. */
export const POST = apiHandler<Context>(async (request, actor, { params }) => {
  const id = parseId((await params).id, "The article");
  const note = await addArticleNote(actor, id, await readJson(request));
  return json(note, 201);
});

// Notes are append-only: a wrong correction is corrected by another one.
export const PUT = methodNotAllowed("GET, POST");
export const PATCH = methodNotAllowed("GET, POST");
export const DELETE = methodNotAllowed("GET, POST");
