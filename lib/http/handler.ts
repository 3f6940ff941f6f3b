import type { Actor } from "../auth/permissions";
import { requireBearer } from "./auth";
import { errorResponse, jsonError } from "./errors";

/**
 * Wraps an admin API route handler: authenticates the bearer token, runs the handler and turns any thrown
 * DomainError into its JSON answer. Handlers only parse, call lib/ and answer.
 */
export function apiHandler<Ctx>(handle: (request: Request, actor: Actor, context: Ctx) => Promise<Response>) {
  return async (request: Request, context: Ctx): Promise<Response> => {
    try {
      const actor = await requireBearer(request);
      return await handle(request, actor, context);
    } catch (error) {
      return errorResponse(error, request.method);
    }
  };
}

/**
 * A handler for a method the route does not support. Next.js answers those with an empty 405 on its own; API
 * clients get our JSON error shape and the `Allow` header instead (RFC 9110 §15.5.6).
 */
export function methodNotAllowed(allow: string) {
  return async (request: Request): Promise<Response> =>
    jsonError(405, `${request.method} is not supported here; use ${allow}.`, undefined, { Allow: allow });
}
