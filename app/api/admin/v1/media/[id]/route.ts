import { json } from "@/lib/http/errors";
import { apiHandler, methodNotAllowed } from "@/lib/http/handler";
import { parseId, readJson } from "@/lib/http/request";
import { deleteMedia, getMediaWithUsage, mediaToApi, updateMedia, type MediaEdit } from "@/lib/media/library";

type Context = { params: Promise<{ id: string }> };

const withUsage = async (actor: Parameters<typeof getMediaWithUsage>[0], id: number) => {
  const media = await getMediaWithUsage(actor, id);
  return {
    ...mediaToApi(media),
    removed: media.removed,
    usage: {
      articles: media.usage.articles.map(({ id, headline, status, asHero, inBody }) => ({
        id,
        headline,
        status,
        asHero,
        inBody,
      })),
      authors: media.usage.authors,
    },
  };
};

/** GET /api/admin/v1/media/:id — one image and where it is used (articles as hero or in the body, author photos). */
export const GET = apiHandler<Context>(async (_request, actor, { params }) => {
  const id = parseId((await params).id, "The image");
  return json(await withUsage(actor, id));
});

/** PATCH /api/admin/v1/media/:id — `alt`, `caption`, `credit`, `decorative`, `focal` ({x, y} fractions or null). */
export const PATCH = apiHandler<Context>(async (request, actor, { params }) => {
  const id = parseId((await params).id, "The image");
  const patch = await readJson(request);
  await updateMedia(actor, id, patch as MediaEdit);
  return json(await withUsage(actor, id));
});

/** DELETE /api/admin/v1/media/:id — 204; 409 naming where the image is still used. */
export const DELETE = apiHandler<Context>(async (_request, actor, { params }) => {
  const id = parseId((await params).id, "The image");
  await deleteMedia(actor, id);
  return new Response(null, { status: 204 });
});

export const POST = methodNotAllowed("GET, PATCH, DELETE");
export const PUT = methodNotAllowed("GET, PATCH, DELETE");
