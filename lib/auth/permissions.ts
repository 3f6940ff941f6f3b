import { DomainError } from "../errors";

/**
 * Who may do what. Every lib/ function that reads or writes newsroom data takes an `Actor` and calls
 * `assertCan` first, so authorization never depends on a route or middleware remembering to check.
 * Roles today are admin and editor; the fuller matrix (contributor, copy editor…) extends `grants` only.
 */
export type Role = "ADMIN" | "EDITOR";

export type Actor = { id: number; email: string; name: string; role: Role };

export type Action =
  | "article:read"
  | "article:write"
  | "article:publish"
  | "media:upload"
  | "author:manage"
  | "section:manage"
  | "tag:manage"
  | "user:manage"
  | "token:manage"
  | "settings:manage"
  | "audit:read"
  | "front:curate";

const editorActions: readonly Action[] = [
  "article:read",
  "article:write",
  "article:publish",
  "media:upload",
  "author:manage",
  "tag:manage",
  "front:curate",
];

const grants: Record<Role, ReadonlySet<Action>> = {
  EDITOR: new Set(editorActions),
  ADMIN: new Set<Action>([
    ...editorActions,
    "section:manage",
    "user:manage",
    "token:manage",
    "settings:manage",
    "audit:read",
  ]),
};

export function can(actor: Actor | null | undefined, action: Action): boolean {
  return !!actor && grants[actor.role].has(action);
}

/** Throws 401 when nobody is signed in, 403 when the role lacks the action. */
export function assertCan(actor: Actor | null | undefined, action: Action): asserts actor is Actor {
  if (!actor) throw new DomainError(401, "Sign in to continue.");
  if (!grants[actor.role].has(action)) {
    throw new DomainError(403, `Your role (${actor.role.toLowerCase()}) may not do this (${action}).`);
  }
}
