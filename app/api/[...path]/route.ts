import { jsonError } from "@/lib/http/errors";

/** API paths nothing serves: a JSON 404 (API clients parse errors), not the reader's HTML not-found page. */
const notFound = async (request: Request) =>
  jsonError(404, `No API endpoint at ${new URL(request.url).pathname}. See docs/api.md.`);

export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
