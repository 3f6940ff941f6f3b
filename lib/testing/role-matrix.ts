import { ACTIONS, MATRIX, ROLES, canOnArticle, type Action, type Actor, type Role } from "../auth/permissions";

/**
 * The role × action matrix as the tests walk it, shared by the integration test (lib/auth/matrix.test.ts, through
 * lib/) and the end-to-end one (e2e/security/role-matrix.spec.ts, through HTTP). Every cell is an action on a target;
 * `EXPECTED` says, in plain Y/N, what each role may do there. `fromMatrix` derives the same answer from
 * lib/auth/permissions.ts, and the tests require both to agree: changing the matrix without changing the
 * expectations (or the other way round) fails.
 */

/** What a cell acts on: an article of a given owner and status, a new article, or nothing in particular. */
export type Target =
  | "new"
  | "own-draft"
  | "other-draft"
  | "own-in-review"
  | "other-in-review"
  | "own-published"
  | "other-published"
  | "none";

export type Cell = { action: Action; target: Target; key: string };

// Columns: contributor, author, editor, admin.
const TABLE: Record<string, string> = {
  "article:read own-draft": "Y Y Y Y",
  "article:read other-draft": "N Y Y Y",
  "article:write new": "Y Y Y Y",
  "article:write own-draft": "Y Y Y Y",
  "article:write other-draft": "N N Y Y",
  "article:write own-published": "N Y Y Y",
  "article:write other-published": "N N Y Y",
  "article:submit own-draft": "Y Y Y Y",
  "article:submit other-draft": "N N Y Y",
  "article:publish new": "N Y Y Y",
  "article:publish own-draft": "N Y Y Y",
  "article:publish other-draft": "N N Y Y",
  "article:publish own-in-review": "N Y Y Y",
  "article:publish other-in-review": "N N Y Y",
  "article:publish own-published": "N Y Y Y",
  "article:publish other-published": "N N Y Y",
  "article:review own-in-review": "N N Y Y",
  "article:review other-in-review": "N N Y Y",
  "article:withdraw own-in-review": "Y Y Y Y",
  "article:withdraw other-in-review": "N N Y Y",
  "article:take_down own-published": "N N Y Y",
  "article:take_down other-published": "N N Y Y",
  "article:correct own-published": "N N Y Y",
  "article:correct other-published": "N N Y Y",
  "media:upload none": "Y Y Y Y",
  "media:manage none": "N N Y Y",
  "author:manage none": "N N Y Y",
  "section:manage none": "N N Y Y",
  "tag:manage none": "N N Y Y",
  "front:curate none": "N N Y Y",
  "user:manage none": "N N N Y",
  "token:manage none": "N N N Y",
  "settings:manage none": "N N N Y",
  "audit:read none": "N N N Y",
};

export const CELLS: Cell[] = Object.keys(TABLE).map((key) => {
  const [action, target] = key.split(" ") as [Action, Target];
  return { action, target, key };
});

export const EXPECTED: Record<string, Record<Role, boolean>> = Object.fromEntries(
  Object.entries(TABLE).map(([key, row]) => {
    const marks = row.trim().split(/\s+/);
    return [key, Object.fromEntries(ROLES.map((role, i) => [role, marks[i] === "Y"])) as Record<Role, boolean>];
  }),
);

export const statusOf = (target: Target): string =>
  target.endsWith("in-review") ? "IN_REVIEW" : target.endsWith("published") ? "PUBLISHED" : "DRAFT";

/** What lib/auth/permissions.ts says about a cell for a role. */
export function fromMatrix(role: Role, cell: Cell): boolean {
  const actor: Actor = { id: 1, email: "x@example.test", name: "x", role };
  if (cell.target === "none") return MATRIX[role][cell.action] !== undefined;
  const own = cell.target === "new" || cell.target.startsWith("own");
  return canOnArticle(actor, cell.action, { createdById: own ? 1 : 2, status: statusOf(cell.target) });
}

/**
 * The article actions the editor's own server actions carry (save, publish/unpublish, autosave, history, preview):
 * e2e/security/role-matrix-actions.spec.ts walks every cell of these; the other article actions have forms of their
 * own (role-matrix.spec.ts).
 */
export const EDITOR_ACTIONS: readonly Action[] = ["article:read", "article:write", "article:publish"];

/** Every action of the matrix has at least one cell (a new action without a test fails). */
export const uncoveredActions = (): Action[] => ACTIONS.filter((a) => !CELLS.some((c) => c.action === a));
