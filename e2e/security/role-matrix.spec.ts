import type { APIRequestContext, Page } from "@playwright/test";
import sharp from "sharp";
import { test, expect, signInThroughForm } from "../fixtures";
import { createApiToken } from "../../lib/auth/tokens";
import { hashPassword } from "../../lib/auth/passwords";
import { ROLES, type Role } from "../../lib/auth/permissions";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";
import { CELLS, EDITOR_ACTIONS, EXPECTED, fromMatrix, statusOf, type Cell } from "../../lib/testing/role-matrix";

/**
 * The role × action matrix through HTTP, every cell (lib/testing/role-matrix.ts): with a token of each role, each
 * cell's request to /api/admin/v1 answers 2xx where the role may and 403 where it may not, and a refused request
 * changes nothing in the database. Cells with no API (tags, users, tokens, the audit log, settings) are walked through the
 * newsroom with a session of each role: the screen exists for the roles that may (200 and the form) and not for the
 * others (404, no form), and its server action, posted anyway as each role, writes only for those that may. The
 * article forms (review, withdrawal, corrections, take-downs) are posted the same way; the editor's own server actions
 * (save, publish, autosave, history, preview) carry the read/write/publish cells in role-matrix-actions.spec.ts.
 * settings:manage is walked through /admin/settings the same way (it has no API).
 */

test.describe.configure({ mode: "serial" });

type Ctx = {
  factory: Factory;
  request: APIRequestContext;
  token: string;
  section: { slug: string };
  author: { slug: string };
  /** A library image for the media:manage cell. */
  mediaId: number;
};

/** The HTTP request of a cell, or null for a cell without an API. */
async function perform(ctx: Ctx, cell: Cell, id: number | null, png: Buffer) {
  const { request, token, factory, section, author } = ctx;
  const headers = { authorization: `Bearer ${token}` };
  const newArticle = (status: string) => ({
    headline: `Matrix http ${factory.suffix} ${cell.key}`,
    section: section.slug,
    authors: [author.slug],
    body: { html: "<p>Matrix body.</p>" },
    status,
  });
  // From the stored version: the cell is about who may, not about a stale save (a PATCH without one is a 428).
  const patch = async (data: Record<string, unknown>) => {
    const { version } = await db().article.findUniqueOrThrow({ where: { id: id! }, select: { version: true } });
    return request.patch(`/api/admin/v1/articles/${id}`, { headers, data: { ...data, version } });
  };
  switch (cell.action) {
    case "article:read":
      return request.get(`/api/admin/v1/articles/${id}`, { headers });
    case "article:write":
      return id === null
        ? request.post("/api/admin/v1/articles", { headers, data: newArticle("draft") })
        : patch({ dek: `Changed through HTTP ${factory.suffix}` });
    case "article:submit":
      return patch({ status: "in_review", reviewNote: "Ready for a look." });
    case "article:publish":
      if (id === null) return request.post("/api/admin/v1/articles", { headers, data: newArticle("published") });
      return patch({ status: cell.target.endsWith("published") ? "unpublished" : "published" });
    case "article:review":
      return patch({ status: "draft", reviewNote: "Needs a second source." });
    case "article:withdraw":
      return patch({ status: "draft" });
    case "article:take_down":
      return patch({ status: "taken_down", takenDownReason: "A court order." });
    case "article:correct":
      return request.post(`/api/admin/v1/articles/${id}/notes`, {
        headers,
        data: { kind: "correction", text: "The date was wrong." },
      });
    case "media:upload":
      return request.post("/api/admin/v1/media", {
        headers,
        multipart: { file: { name: "m.png", mimeType: "image/png", buffer: png }, alt: `Matrix ${factory.suffix}` },
      });
    case "media:manage":
      return request.patch(`/api/admin/v1/media/${ctx.mediaId}`, {
        headers,
        data: { caption: `Edited through HTTP ${factory.suffix}` },
      });
    case "author:manage":
      return request.post("/api/admin/v1/authors", { headers, data: { name: `Matrix author ${factory.suffix}` } });
    case "section:manage":
      return request.post("/api/admin/v1/sections", {
        headers,
        data: { name: `Matrix ${factory.suffix}`, slug: `matrix-${factory.suffix}` },
      });
    default:
      return null;
  }
}

/** Everything a refused request of this user could have touched (scoped to them: other specs run alongside). */
async function snapshot(id: number | null, userId: number, suffix: string, mediaId: number) {
  const d = db();
  const caption = (await d.media.findUnique({ where: { id: mediaId }, select: { caption: true } }))?.caption;
  const [articles, authors, sections, media, notes, audit] = await Promise.all([
    d.article.count({ where: { OR: [{ createdById: userId }, { updatedById: userId }] } }),
    d.author.count({ where: { name: { contains: suffix } } }),
    d.section.count({ where: { slug: { contains: suffix } } }),
    d.media.count({ where: { uploadedById: userId } }),
    d.articleNote.count({ where: { createdById: userId } }),
    d.auditEvent.count({ where: { actorId: userId } }),
  ]);
  const row = id
    ? await d.article.findUnique({
        where: { id },
        select: { status: true, dek: true, reviewNote: true, updatedAt: true, takenDownReason: true },
      })
    : null;
  return { articles, authors, sections, media, notes, audit, row, caption };
}

async function cleanupMade(factory: Factory) {
  const s = factory.suffix;
  const d = db();
  for (const a of await d.article.findMany({ where: { headline: { contains: s } }, select: { id: true } }))
    factory.track("articles", a.id);
  for (const a of await d.author.findMany({ where: { name: { contains: s } }, select: { id: true } }))
    factory.track("authors", a.id);
  for (const x of await d.section.findMany({ where: { slug: { contains: s } }, select: { id: true } }))
    factory.track("sections", x.id);
  for (const m of await d.media.findMany({ where: { alt: { contains: s } }, select: { id: true } }))
    factory.track("media", m.id);
}

/** Screens (and so their server actions) of the cells without an API. */
const SCREENS: Partial<Record<string, { path: string; form: string }>> = {
  "tag:manage none": { path: "/admin/tags", form: "Create tag" },
  "front:curate none": { path: "/admin/front", form: "Search" },
  "user:manage none": { path: "/admin/users", form: "Add user" },
  "token:manage none": { path: "/admin/users", form: "Create token" },
  "audit:read none": { path: "/admin/audit", form: "Filter" },
  "settings:manage none": { path: "/admin/settings", form: "Save settings" },
};

for (const role of ROLES) {
  test(`every cell of the matrix for ${role.toLowerCase()}, through the HTTP API`, async ({ request, factory }) => {
    test.setTimeout(120_000);
    const user = await factory.user({ role });
    const other = await factory.user({ role: "AUTHOR" });
    const { token } = await createApiToken({ email: user.email, name: `matrix ${factory.suffix}` });
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#336699" } })
      .png()
      .toBuffer();
    const ctx: Ctx = {
      factory,
      request,
      token,
      section: await factory.section(),
      author: await factory.author(),
      mediaId: (await factory.media({ caption: "Before" })).id,
    };
    const results: string[] = [];
    try {
      for (const cell of CELLS) {
        const allowed = EXPECTED[cell.key]![role];
        expect(fromMatrix(role, cell), `the matrix and the expected table agree on ${cell.key}`).toBe(allowed);
        let id: number | null = null;
        if (cell.target !== "new" && cell.target !== "none") {
          const status = statusOf(cell.target) as "DRAFT" | "IN_REVIEW" | "PUBLISHED";
          id = (
            await factory.article({
              headline: `Matrix target ${factory.suffix} ${cell.key}`,
              status,
              createdById: cell.target.startsWith("own") ? user.id : other.id,
              publishedAt: status === "PUBLISHED" ? new Date(Date.now() - 3_600_000) : null,
            })
          ).id;
        }
        const before = await snapshot(id, user.id, factory.suffix, ctx.mediaId);
        const response = await perform(ctx, cell, id, png);
        if (!response) continue;
        const status = response.status();
        results.push(`${cell.key}: ${status}`);
        if (allowed) {
          expect(status, `${role} ${cell.key}: ${await response.text()}`).toBeLessThan(300);
        } else {
          expect(status, `${role} ${cell.key}: ${await response.text()}`).toBe(403);
          expect((await response.json()) as { error?: unknown }).toHaveProperty("error");
          expect(
            await snapshot(id, user.id, factory.suffix, ctx.mediaId),
            `${role} ${cell.key}: a refused request changes nothing`,
          ).toEqual(before);
        }
      }
    } finally {
      await cleanupMade(factory);
    }
    console.log(`role-matrix ${role}: ${results.length} HTTP cells`);
  });
}

async function signInAs(page: Page, factory: Factory, role: Role) {
  const password = `e2e-matrix-${factory.suffix}`;
  const user = await factory.user({ role, passwordHash: await hashPassword(password) });
  await signInThroughForm(page, user.email, password);
  return user;
}

for (const role of ROLES) {
  test(`the cells without an API, for ${role.toLowerCase()}: the screens and their forms`, async ({
    page,
    factory,
  }) => {
    await signInAs(page, factory, role);
    for (const cell of CELLS) {
      const screen = SCREENS[cell.key];
      if (!screen) continue;
      const allowed = EXPECTED[cell.key]![role];
      const response = await page.goto(screen.path);
      expect(response?.status(), `${role} ${cell.key}`).toBe(allowed ? 200 : 404);
      await expect(page.getByRole("button", { name: screen.form, exact: true }).first()).toHaveCount(allowed ? 1 : 0);
    }
  });
}

/**
 * The server actions of those cells, posted as each role the way a browser without JavaScript posts the form: the
 * form's hidden action fields are taken from an admin's page, then sent with another role's session. Allowed → the
 * row exists (200); refused → no row (the page answers 404 and the action changed nothing).
 */
type Forged = {
  key: string;
  path: string;
  /** The accessible name of the form whose hidden action fields are taken (a function: it names a row). */
  form: string | ((s: string) => string);
  fields: (s: string) => Record<string, string>;
  /** Rows the post acts on, made before it: returns the fields that point at them. */
  prepare?: (s: string) => Promise<Record<string, string>>;
};

/** Whose tokens the revoke form revokes (a user of the test below). */
let tokenOwner = "";
/** The publication's settings as the test found them: the forged settings post changes only the tagline. */
let settingsNow = { name: "", language: "", opinionDisclaimer: "" };

/** A fresh API token for the revoke form to point at (for the admin's page, and one per role's forged post). */
async function tokenToRevoke(s: string) {
  const { id } = await createApiToken({ email: tokenOwner, name: `revoke-me-${s}` });
  return { tokenId: String(id) };
}

const FORGED: Forged[] = [
  { key: "tag:manage none", path: "/admin/tags", form: "New tag", fields: (s) => ({ name: `forged-tag-${s}` }) },
  {
    key: "user:manage none",
    path: "/admin/users",
    form: "Add a user",
    fields: (s) => ({ name: "Forged", email: `forged-${s}@example.test`, role: "ADMIN" }),
  },
  {
    key: "token:manage none",
    path: "/admin/users",
    form: "New API token",
    fields: (s) => ({ email: `forged-target-${s}@example.test`, name: `forged-token-${s}`, role: "" }),
  },
  {
    key: "token:manage none",
    path: "/admin/users",
    form: (s) => `Revoke the API token revoke-me-${s}`,
    fields: () => ({}),
    prepare: tokenToRevoke,
  },
  {
    key: "settings:manage none",
    path: "/admin/settings",
    form: "Publication settings",
    fields: (s) => ({ ...settingsNow, tagline: `forged-tagline-${s}` }),
  },
];

/** What the forged post made (or, for a revocation, undid): 1 when it took effect. */
async function created(f: Forged, s: string): Promise<number> {
  if (f.key.startsWith("settings"))
    return (await db().publication.findUniqueOrThrow({ where: { id: 1 } })).tagline === `forged-tagline-${s}` ? 1 : 0;
  if (f.prepare) return db().apiToken.count({ where: { name: `revoke-me-${s}`, revokedAt: { not: null } } });
  if (f.key.startsWith("tag")) return db().tag.count({ where: { name: `forged-tag-${s}` } });
  if (f.key.startsWith("user")) return db().user.count({ where: { email: `forged-${s}@example.test` } });
  return db().apiToken.count({ where: { name: `forged-token-${s}` } });
}

test("the server actions of the cells without an API, posted by every role", async ({ browser, factory, baseURL }) => {
  test.setTimeout(120_000);
  // The users the forged tokens would act as.
  for (const role of ROLES)
    await factory.user({ email: `forged-target-${factory.suffix}-${role.toLowerCase()}@example.test`, role: "EDITOR" });
  tokenOwner = `forged-target-${factory.suffix}-admin@example.test`;
  const publication = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  settingsNow = {
    name: publication.name,
    language: publication.language,
    opinionDisclaimer: publication.opinionDisclaimer ?? "",
  };
  const hidden: Record<number, Record<string, string>> = {};
  const admin = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await admin.newPage();
    await signInAs(page, factory, "ADMIN");
    for (const [i, f] of FORGED.entries()) {
      await f.prepare?.(factory.suffix);
      await page.goto(f.path);
      // A revoke form's name ends with the token's prefix, unknown here: matched as the start of the name.
      const form =
        typeof f.form === "string"
          ? page.getByRole("form", { name: f.form, exact: true })
          : page.getByRole("form", { name: `${f.form(factory.suffix)} (` });
      const inputs = form.locator('input[type="hidden"]');
      hidden[i] = {};
      for (const input of await inputs.all())
        hidden[i]![(await input.getAttribute("name"))!] = (await input.getAttribute("value")) ?? "";
      expect(
        Object.keys(hidden[i]!).some((n) => n.startsWith("$ACTION")),
        f.key,
      ).toBe(true);
    }
  } finally {
    await admin.close();
  }
  for (const role of ROLES) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      await signInAs(page, factory, role);
      for (const [i, f] of FORGED.entries()) {
        const s = `${factory.suffix}-${role.toLowerCase()}`;
        const response = await context.request.post(f.path, {
          headers: { origin: baseURL! },
          multipart: { ...hidden[i]!, ...f.fields(s), ...(await f.prepare?.(s)) },
          maxRedirects: 0,
        });
        const allowed = EXPECTED[f.key]![role];
        expect(await created(f, s), `${role} ${f.key}`).toBe(allowed ? 1 : 0);
        expect(response.status(), `${role} ${f.key}`).toBe(allowed ? 200 : 404);
      }
    } finally {
      await context.close();
    }
  }
  // The tagline the admin's forged post set goes back (every page shows it).
  await db().publication.update({ where: { id: 1 }, data: { tagline: publication.tagline } });
  const d = db();
  const s = factory.suffix;
  for (const t of await d.tag.findMany({ where: { name: { startsWith: `forged-tag-${s}` } } }))
    factory.track("tags", t.id);
  for (const u of await d.user.findMany({ where: { email: { startsWith: `forged-${s}` } } }))
    factory.track("users", u.id);
});

/**
 * The article cells whose newsroom forms are plain forms (review, withdrawal, corrections, take-downs), posted as
 * each role with the action fields of an admin's page and the target article's id. The editor's own actions (read,
 * write, publish) are replayed in role-matrix-actions.spec.ts.
 */
const ARTICLE_FORMS: Partial<
  Record<string, { form: string; status: "DRAFT" | "IN_REVIEW" | "PUBLISHED"; fields: Record<string, string> }>
> = {
  "article:submit": { form: "textarea[name=note]", status: "DRAFT", fields: { note: "Forged submission" } },
  "article:review": { form: "textarea[name=note]", status: "IN_REVIEW", fields: { note: "Forged return" } },
  // The withdraw button's form posts the same action; an admin's page of someone else's submission has no such
  // button, so the review form's fields are taken and the intent changed.
  "article:withdraw": { form: "textarea[name=note]", status: "IN_REVIEW", fields: { intent: "withdraw", note: "" } },
  "article:correct": {
    form: "textarea[name=text]",
    status: "PUBLISHED",
    fields: { kind: "correction", text: "Forged correction" },
  },
  "article:take_down": { form: "textarea[name=reason]", status: "PUBLISHED", fields: { reason: "Forged take-down" } },
};

async function effect(action: string, id: number): Promise<boolean> {
  const row = await db().article.findUniqueOrThrow({ where: { id }, include: { notes: true } });
  if (action === "article:submit") return row.status === "IN_REVIEW";
  if (action === "article:review") return row.status === "DRAFT";
  // A withdrawal by the writer, or (someone else's article, editors) a return: either way out of review.
  if (action === "article:withdraw") return row.status === "DRAFT";
  if (action === "article:correct") return row.notes.length === 1;
  return row.status === "TAKEN_DOWN";
}

test("the article forms (review, withdrawal, corrections, take-downs) posted by every role", async ({
  browser,
  factory,
  baseURL,
}) => {
  test.setTimeout(180_000);
  const other = await factory.user({ role: "AUTHOR" });
  const hidden: Record<string, Record<string, string>> = {};
  const admin = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await admin.newPage();
    await signInAs(page, factory, "ADMIN");
    for (const [action, spec] of Object.entries(ARTICLE_FORMS)) {
      const sample = await factory.article({ status: spec!.status, createdById: other.id });
      await page.goto(`/admin/articles/${sample.id}`);
      const inputs = page.locator(`form:has(${spec!.form})`).locator('input[type="hidden"]');
      hidden[action] = {};
      for (const input of await inputs.all())
        hidden[action]![(await input.getAttribute("name"))!] = (await input.getAttribute("value")) ?? "";
      expect(hidden[action]!.id, action).toBe(String(sample.id));
    }
  } finally {
    await admin.close();
  }
  let walked = 0;
  for (const role of ROLES) {
    const context = await browser.newContext({ javaScriptEnabled: false });
    try {
      const page = await context.newPage();
      const me = await signInAs(page, factory, role);
      for (const cell of CELLS) {
        const spec = ARTICLE_FORMS[cell.action];
        if (!spec) continue;
        const target = await factory.article({
          status: spec.status,
          createdById: cell.target.startsWith("own") ? me.id : other.id,
          publishedAt: spec.status === "PUBLISHED" ? new Date(Date.now() - 3_600_000) : null,
        });
        await context.request.post(`/admin/articles/${target.id}`, {
          headers: { origin: baseURL! },
          multipart: { ...hidden[cell.action]!, ...spec.fields, id: String(target.id) },
          maxRedirects: 0,
        });
        expect(await effect(cell.action, target.id), `${role} ${cell.key}`).toBe(EXPECTED[cell.key]![role]);
        walked++;
      }
    } finally {
      await context.close();
    }
  }
  // Every article cell is walked through a newsroom server action: here, or (read, write, publish) through the
  // editor's own actions in role-matrix-actions.spec.ts. A new article action without a walk fails here.
  const formCells = CELLS.filter((c) => ARTICLE_FORMS[c.action]);
  expect(
    CELLS.filter(
      (c) => c.action.startsWith("article:") && !ARTICLE_FORMS[c.action] && !EDITOR_ACTIONS.includes(c.action),
    ).map((c) => c.key),
  ).toEqual([]);
  expect(walked).toBe(ROLES.length * formCells.length);
  expect(walked).toBeGreaterThanOrEqual(4 * 10);
});
