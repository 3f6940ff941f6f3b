import type { Actor } from "../auth/permissions";
import { requireBearer } from "./auth";
import { errorResponse } from "./errors";

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
