import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { actorFromBearer } from "../auth/tokens";

/**
 * The actor behind an API request (`Authorization: Bearer <token>`), or a 401. Roles are checked by the lib/
 * function the route calls, which answers 403 itself.
 */
export async function requireBearer(request: Request): Promise<Actor> {
  const header = request.headers.get("authorization");
  if (!header) throw new DomainError(401, "Send an API token: Authorization: Bearer <token>.");
  const actor = await actorFromBearer(header);
  if (!actor) throw new DomainError(401, "The API token is invalid or has been revoked.");
  return actor;
}
