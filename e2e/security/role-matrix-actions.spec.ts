import type { APIRequestContext, Page, Request } from "@playwright/test";
import { test, expect, signInThroughForm } from "../fixtures";
import { hashPassword } from "../../lib/auth/passwords";
import { ROLES, type Role } from "../../lib/auth/permissions";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";
import { CELLS, EDITOR_ACTIONS, EXPECTED, statusOf, type Cell } from "../../lib/testing/role-matrix";
import { deleteAuditRows, trackNewsroomRows } from "../editor/newsroom-cleanup";

/**
 * The article cells the editor carries (article:read, article:write, article:publish; lib/testing/role-matrix.ts),
 * walked through the editor's real server actions for every role. An admin's editor is used once, in Chromium, to
 * record what it sends: the save (and publish), the autosave, the history list and the preview link, each a POST
 * with a `Next-Action` header and a React-encoded argument list. Those requests are then sent again with each role's
 * session, pointed at an article of the cell's owner and status with a changed headline and standfirst. Allowed:
 * the action answers success and the database has the change. Refused: the action answers the error the editor
 * shows in its alert ("may not", "only on your own") and the article, its revisions and preview links are as before.
 * article:read also opens the editor page itself (200, or 404 for an article the role may not see).
 */

test.describe.configure({ mode: "serial" });

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  await deleteAuditRows(factory);
});

/** One recorded server action call: where it was posted, its headers that matter, and its decoded arguments. */
type Recorded = { headers: Record<string, string>; args: unknown[] };

/** Headers the browser sends with a server action call (the cookie comes from each role's own context). */
const ACTION_HEADERS = ["next-action", "content-type", "accept", "next-router-state-tree"];

function record(request: Request): Recorded {
  const all = request.headers();
  const headers = Object.fromEntries(ACTION_HEADERS.filter((h) => all[h]).map((h) => [h, all[h]!]));
  // Arguments without files are encoded as one JSON array (React's encodeReply); a multipart body would mean files.
  expect(headers["content-type"] ?? "", "a server action without files sends text").toMatch(/^text\/plain/);
  const args = JSON.parse(request.postData() ?? "null") as unknown;
  expect(Array.isArray(args), "the arguments are a JSON array").toBe(true);
  return { headers, args: args as unknown[] };
}

/** Clicks (or types) and returns the server action request that the gesture sent. */
async function capture(page: Page, gesture: () => Promise<void>): Promise<Recorded> {
  const sent = page.waitForRequest((r) => r.method() === "POST" && !!r.headers()["next-action"]);
  await gesture();
  return record(await sent);
}

/**
 * The value a server action returned, out of its React Server Components answer: the chunk holding an object with
 * the action's result keys (`outcome` for the save and autosave, `ok` for the history and preview).
 */
function actionResult(text: string): Record<string, unknown> {
  const found: Record<string, unknown>[] = [];
  const visit = (value: unknown) => {
    if (!value || typeof value !== "object") return;
    if (!Array.isArray(value) && ("outcome" in value || "ok" in value)) found.push(value as Record<string, unknown>);
    for (const v of Object.values(value)) visit(v);
  };
  for (const line of text.split("\n")) {
    const json = /^[0-9a-f]+:(\{.*\})$/.exec(line)?.[1];
    if (json) visit(JSON.parse(json));
  }
  expect(found.length, `a result in the answer: ${text.slice(0, 500)}`).toBeGreaterThan(0);
  return found[0]!;
}

async function replay(
  request: APIRequestContext,
  origin: string,
  path: string,
  recorded: Recorded,
  args: unknown[],
): Promise<Record<string, unknown>> {
  const response = await request.post(path, {
    headers: { ...recorded.headers, origin },
    data: JSON.stringify(args),
    maxRedirects: 0,
  });
  const text = await response.text();
  expect(response.status(), text.slice(0, 300)).toBe(200);
  return actionResult(text);
}

/** The words of a refusal as lib/auth/permissions.ts writes them, which the editor shows in its alert. */
const REFUSAL = /may not do this|only on your own articles/;

/** Everything a refused call could have touched on one article. */
async function articleState(id: number) {
  const d = db();
  const row = await d.article.findUniqueOrThrow({
    where: { id },
    select: { headline: true, dek: true, status: true, version: true, updatedAt: true, publishedAt: true },
  });
  const [revisions, previews] = await Promise.all([
    d.articleRevision.count({ where: { articleId: id } }),
    d.articlePreview.count({ where: { articleId: id } }),
  ]);
  return { ...row, revisions, previews };
}

async function signInAs(page: Page, factory: Factory, role: Role) {
  const password = `e2e-matrix-actions-${factory.suffix}`;
  const user = await factory.user({
    role,
    name: `Matrix ${role.toLowerCase()}`,
    passwordHash: await hashPassword(password),
  });
  await signInThroughForm(page, user.email, password);
  return user;
}

test("the editor's server actions, replayed by every role on every read, write and publish cell", async ({
  browser,
  factory,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const section = await factory.section();
  const author = await factory.author();
  const other = await factory.user({ role: "AUTHOR", name: "Someone else" });
  const editorCells = CELLS.filter((c) => EDITOR_ACTIONS.includes(c.action));

  // 1. What a real editor sends, recorded from an admin's session on an article of theirs.
  const recorded = {} as Record<"save" | "autosave" | "history" | "preview", Recorded>;
  const adminContext = await browser.newContext();
  try {
    const page = await adminContext.newPage();
    const admin = await signInAs(page, factory, "ADMIN");
    const sample = await factory.article({
      status: "DRAFT",
      headline: `Matrix sample ${factory.suffix}`,
      sectionId: section.id,
      authorIds: [author.id],
      createdById: admin.id,
    });
    await page.goto(`/admin/articles/${sample.id}`);
    await page.getByLabel("Headline").fill(`Matrix sample saved ${factory.suffix}`);
    recorded.save = await capture(page, () => page.getByRole("button", { name: "Save draft" }).click());
    await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();
    recorded.history = await capture(page, () => page.getByRole("button", { name: "Show history" }).click());
    recorded.preview = await capture(page, () => page.getByRole("button", { name: "Share a preview link" }).click());
    // Autosave fires a few seconds after the last keystroke: waiting for its request, not for a time.
    recorded.autosave = await capture(page, () => page.getByLabel("Standfirst (dek)").fill("Typed, then left alone."));
  } finally {
    await adminContext.close();
  }
  const saved = recorded.save.args[1] as Record<string, unknown>;
  expect(saved).toMatchObject({
    id: expect.any(Number),
    intent: "save",
    headline: `Matrix sample saved ${factory.suffix}`,
  });
  expect(recorded.autosave.args[0]).toMatchObject({ dek: "Typed, then left alone." });
  expect(recorded.history.args).toEqual([expect.any(Number)]);
  expect(recorded.preview.args[0]).toMatchObject({ id: expect.any(Number) });
  expect(new Set(Object.values(recorded).map((r) => r.headers["next-action"])).size, "four distinct actions").toBe(4);
  // The sample's slug stays behind (an empty slug keeps the target's own, or makes one from a new headline).
  const payload = (over: Record<string, unknown>) => ({ ...saved, slug: "", ...over });

  // 2. Every cell, replayed with each role's session.
  const walked: string[] = [];
  for (const role of ROLES) {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      const me = await signInAs(page, factory, role);
      const request = context.request;
      for (const cell of editorCells) {
        const allowed = EXPECTED[cell.key]![role];
        const label = `${role} ${cell.key}`;
        const target = await targetOf(
          factory,
          cell,
          cell.target.startsWith("own") ? me.id : other.id,
          section.id,
          author.id,
        );
        const headline = `Changed by ${role.toLowerCase()} ${factory.suffix} ${cell.key}`;
        const before = target ? await articleState(target) : null;

        if (cell.action === "article:read") {
          const opened = await page.goto(`/admin/articles/${target}`);
          expect(opened?.status(), label).toBe(allowed ? 200 : 404);
          const history = await replay(request, baseURL!, `/admin/articles/${target}`, recorded.history, [target]);
          const preview = await replay(request, baseURL!, `/admin/articles/${target}`, recorded.preview, [
            { id: target, snapshot: null },
          ]);
          if (allowed) {
            expect(history, label).toMatchObject({ ok: true, revisions: expect.any(Array) });
            expect(preview, label).toMatchObject({ ok: true, url: expect.stringContaining("/preview/") });
            expect((await articleState(target!)).previews, label).toBe(before!.previews + 1);
          } else {
            expect(history, label).toMatchObject({ ok: false, message: expect.stringMatching(REFUSAL) });
            expect(preview, label).toMatchObject({ ok: false, message: expect.stringMatching(REFUSAL) });
            expect(await articleState(target!), `${label}: nothing changed`).toEqual(before);
          }
          walked.push(label);
          continue;
        }

        // write and publish: the editor's save, with the intent the cell names.
        const intent =
          cell.action === "article:write" ? "save" : cell.target.endsWith("published") ? "unpublish" : "publish";
        const dek = `Standfirst by ${role.toLowerCase()}`;
        if (target === null) {
          const result = await replay(request, baseURL!, "/admin/articles/new", recorded.save, [
            { outcome: "idle" },
            payload({ id: null, version: null, intent, headline, dek }),
          ]);
          const made = await db().article.findMany({ where: { headline }, select: { id: true, status: true } });
          for (const m of made) factory.track("articles", m.id);
          if (allowed) {
            expect(result, label).toMatchObject({ outcome: "saved" });
            expect(
              made.map((m) => m.status),
              label,
            ).toEqual([intent === "publish" ? "PUBLISHED" : "DRAFT"]);
          } else {
            expect(result, label).toMatchObject({ outcome: "error", message: expect.stringMatching(REFUSAL) });
            expect(made, `${label}: nothing made`).toEqual([]);
          }
          walked.push(label);
          continue;
        }

        // The autosave of a write cell comes first (it moves a draft's version on; the save then sends the new one).
        if (cell.action === "article:write") {
          const result = await replay(request, baseURL!, `/admin/articles/${target}`, recorded.autosave, [
            payload({ id: target, version: before!.version, intent: "save", headline, dek }),
          ]);
          const after = await articleState(target);
          if (allowed) {
            expect(result, `${label} (autosave)`).toMatchObject({ outcome: "saved" });
            expect(after.revisions, `${label} (autosave): a revision`).toBeGreaterThan(before!.revisions);
            // A published article is never changed by an autosave: its revision waits in the history.
            expect(after.headline, label).toBe(before!.status === "PUBLISHED" ? before!.headline : headline);
          } else {
            expect(result, `${label} (autosave)`).toMatchObject({
              outcome: "error",
              message: expect.stringMatching(REFUSAL),
            });
            expect(after, `${label} (autosave): nothing changed`).toEqual(before);
          }
        }

        const current = await articleState(target);
        const result = await replay(request, baseURL!, `/admin/articles/${target}`, recorded.save, [
          { outcome: "idle" },
          payload({ id: target, version: current.version, intent, headline: `${headline} saved`, dek }),
        ]);
        const after = await articleState(target);
        if (allowed) {
          expect(result, label).toMatchObject({ outcome: "saved", article: { id: target } });
          expect(after.headline, label).toBe(`${headline} saved`);
          const status = intent === "save" ? current.status : intent === "publish" ? "PUBLISHED" : "UNPUBLISHED";
          expect(after.status, label).toBe(status);
        } else {
          expect(result, label).toMatchObject({ outcome: "error", message: expect.stringMatching(REFUSAL) });
          expect(after, `${label}: nothing changed`).toEqual(current);
          expect(after, `${label}: nothing changed`).toEqual(before);
        }
        walked.push(label);
      }
    } finally {
      await context.close();
    }
  }
  // Every read/write/publish cell of the table, for every role: a cell added without a walk here fails.
  expect(new Set(walked).size).toBe(editorCells.length * ROLES.length);
  expect(walked.length).toBeGreaterThanOrEqual(4 * 14);
  console.log(`role-matrix-actions: ${walked.length} cells through the editor's server actions`);
});

/** The cell's article: of the given owner, in the cell's status; null for a new one. */
async function targetOf(factory: Factory, cell: Cell, ownerId: number, sectionId: number, authorId: number) {
  if (cell.target === "new" || cell.target === "none") return null;
  const status = statusOf(cell.target) as "DRAFT" | "IN_REVIEW" | "PUBLISHED";
  const row = await factory.article({
    headline: `Matrix action target ${factory.suffix} ${cell.key}`,
    status,
    sectionId,
    authorIds: [authorId],
    createdById: ownerId,
    publishedAt: status === "PUBLISHED" ? new Date(Date.now() - 3_600_000) : null,
  });
  return row.id;
}
