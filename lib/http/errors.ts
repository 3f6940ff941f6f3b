import { DomainError } from "../errors";
import { isDatabaseUnavailable, reportDatabaseUnavailable, RETRY_AFTER_SECONDS } from "../ops/outage";

/**
 * JSON answers for the admin API. Every error has the shape `{ error, fields? }`; anything that is not a
 * DomainError is a bug, logged here and answered with a bland 500 so no internals leak.
 */
export function jsonError(
  status: number,
  error: string,
  fields?: Record<string, string>,
  headers?: HeadersInit,
): Response {
  const response = Response.json(fields ? { error, fields } : { error }, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}

/** `method` decides the wording: a read did not change anything, so it must not talk about a change not saved. */
export function errorResponse(error: unknown, method = "POST"): Response {
  if (error instanceof DomainError) {
    // RFC 6750: tell the client which scheme we expect.
    const headers: HeadersInit | undefined =
      error.status === 401 ? { "WWW-Authenticate": 'Bearer realm="broadsheet"' } : undefined;
    return jsonError(error.status, error.message, error.fields, headers);
  }
  const reading = method === "GET" || method === "HEAD";
  if (isDatabaseUnavailable(error)) {
    reportDatabaseUnavailable(error);
    const message = reading
      ? `The database is not answering right now. Try again in ${RETRY_AFTER_SECONDS} seconds.`
      : `The database is not answering right now, so the change was not saved. Try again in ${RETRY_AFTER_SECONDS} seconds.`;
    return jsonError(503, message, undefined, { "Retry-After": String(RETRY_AFTER_SECONDS) });
  }
  console.error("Unexpected error in the admin API:", error);
  return jsonError(
    500,
    reading ? "Something went wrong on our side." : "Something went wrong on our side. The change was not saved.",
  );
}

export function json(body: unknown, status = 200, headers?: HeadersInit): Response {
  const response = Response.json(body, { status, headers });
  response.headers.set("Cache-Control", "no-store");
  return response;
}
