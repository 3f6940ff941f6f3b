import { DomainError } from "../errors";

/**
 * Who may do what. Every lib/ function that reads or writes newsroom data takes an `Actor` and calls
 * `assertCan` (or, for one article, `assertCanOnArticle`) first, so authorization never depends on a route or
 * middleware remembering to check.
 *
 * The roles are Ghost's: contributors write and submit their own drafts and never publish; authors write and publish
 * their own articles; editors do everything editorial (every article, take-downs, corrections, review, authors, tags,
 * sections); admins also manage staff, API tokens, settings and read the audit log.
 */
export const ROLES = ["CONTRIBUTOR", "AUTHOR", "EDITOR", "ADMIN"] as const;
export type Role = (typeof ROLES)[number];

export type Actor = { id: number; email: string; name: string; role: Role };

export const ACTIONS = [
  "article:read",
  "article:write",
  "article:submit",
  "article:publish",
  "article:review",
  /** Take one's own submission back out of review (IN_REVIEW → DRAFT, its note cleared), as Ghost and WordPress allow. */
  "article:withdraw",
  "article:take_down",
  "article:correct",
  "media:upload",
  "media:manage",
  "author:manage",
  "section:manage",
  "tag:manage",
  "user:manage",
  "token:manage",
  "settings:manage",
  "audit:read",
  /** Pin stories on the home page and section fronts (lib/fronts/curation.ts). */
  "front:curate",
] as const;
export type Action = (typeof ACTIONS)[number];

/**
 * How far a grant reaches: "any" article (or simply granted, for actions about no article), only the actor's "own",
 * or "own-draft": their own while it has never been on the site (draft or in review) — a contributor's reach, who
 * "cannot edit published articles".
 */
export type Scope = "any" | "own" | "own-draft";

/** The role × action matrix. A missing cell is refused. e2e and integration tests walk every cell of it. */
export const MATRIX: Record<Role, Partial<Record<Action, Scope>>> = {
  CONTRIBUTOR: {
    "article:read": "own",
    "article:write": "own-draft",
    "article:submit": "own-draft",
    "article:withdraw": "own-draft",
    "media:upload": "any",
  },
  AUTHOR: {
    "article:read": "any",
    "article:write": "own",
    "article:submit": "own",
    "article:publish": "own",
    "article:withdraw": "own",
    "media:upload": "any",
  },
  EDITOR: {
    "article:read": "any",
    "article:write": "any",
    "article:submit": "any",
    "article:publish": "any",
    "article:review": "any",
    // Someone else's article out of review is sending it back (article:review): editors may both.
    "article:withdraw": "any",
    "article:take_down": "any",
    "article:correct": "any",
    "media:upload": "any",
    // Edit an image's library texts and focal point; delete an unused image (lib/media/library.ts).
    "media:manage": "any",
    "author:manage": "any",
    "section:manage": "any",
    "tag:manage": "any",
    "front:curate": "any",
  },
  ADMIN: Object.fromEntries(ACTIONS.map((action) => [action, "any"])) as Record<Action, Scope>,
};

/** Roles from least to most powerful: a token may act with its user's role or a lesser one. */
export const roleRank = (role: Role) => ROLES.indexOf(role);

/**
 * Who owns an article. Ghost gives ownership to the post's staff authors; here bylines (`Author`) are not staff
 * accounts — they may be pseudonyms, wire services or freelancers without a login — so the owner is the staff
 * user who created the article (`Article.createdById`), which is what Ghost's primary author is at creation. An
 * article whose creator was deleted has no owner: only editors and admins reach it.
 */
export type ArticleOwnership = { createdById: number | null; status: string };

const NEVER_PUBLIC = new Set(["DRAFT", "IN_REVIEW"]);

/** Whether the role may do the action at all (for some article, for scoped grants): what screens show. */
export function can(actor: Actor | null | undefined, action: Action): boolean {
  return !!actor && MATRIX[actor.role][action] !== undefined;
}

/** Whether the actor may do the action on this very article (ownership and, for "own-draft", its status). */
export function canOnArticle(actor: Actor | null | undefined, action: Action, article: ArticleOwnership): boolean {
  if (!actor) return false;
  const scope = MATRIX[actor.role][action];
  if (scope === "any") return true;
  const own = article.createdById !== null && article.createdById === actor.id;
  if (scope === "own") return own;
  if (scope === "own-draft") return own && NEVER_PUBLIC.has(article.status);
  return false;
}

const refusal = (actor: Actor, action: Action) =>
  new DomainError(403, `Your role (${actor.role.toLowerCase()}) may not do this (${action}).`);

/** Throws 401 when nobody is signed in, 403 when the role lacks the action. */
export function assertCan(actor: Actor | null | undefined, action: Action): asserts actor is Actor {
  if (!actor) throw new DomainError(401, "Sign in to continue.");
  if (!can(actor, action)) throw refusal(actor, action);
}

/** `assertCan` for one article: 403 also when the grant is for the actor's own articles and this is not one. */
export function assertCanOnArticle(
  actor: Actor | null | undefined,
  action: Action,
  article: ArticleOwnership,
): asserts actor is Actor {
  assertCan(actor, action);
  if (!canOnArticle(actor, action, article)) {
    const scope = MATRIX[actor.role][action];
    throw new DomainError(
      403,
      scope === "own-draft"
        ? `Your role (${actor.role.toLowerCase()}) may do this (${action}) only on your own articles that have not been published.`
        : `Your role (${actor.role.toLowerCase()}) may do this (${action}) only on your own articles.`,
    );
  }
}
