import { DomainError } from "../errors";

/**
 * JSON answers for the admin API. Every error has the shape `{ error, fields? }`; anything that is not a
 * DomainError is a bug, logged here and answered with a bland 500 so no internals leak.
 */
export function jsonError(status: number, error: string, fields?: Record<string, string>, headers?: HeadersInit): Response {
  const response = Response.json(fields ? { error, fields } : { error }, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}

export function errorResponse(error: unknown): Response {
  if (error instanceof DomainError) {
    // RFC 6750: tell the client which scheme we expect.
    const headers: HeadersInit | undefined = error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="broadsheet"' } : undefined;
    return jsonError(error.status, error.message, error.fields, headers);
  }
  console.error("Unexpected error in the admin API:", error);
  return jsonError(500, "Something went wrong on our side. The change was not saved.");
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
