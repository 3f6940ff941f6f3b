import type { Browser, Page } from "@playwright/test";
import { test, expect, signInThroughForm, expectedArticlePath } from "../fixtures";
import { hashPassword } from "../../lib/auth/passwords";
import type { Role } from "../../lib/auth/permissions";
import { db } from "../../lib/db";
import type { Factory } from "../../lib/testing/factories";
import { dateToZonedLocal } from "../../lib/time/zones";
import { addAuthor } from "./author-picker";
import { deleteAuditRows, trackNewsroomRows } from "./newsroom-cleanup";

/**
 * A newsroom's day in one walk (issue 9): a contributor writes and submits a story; an editor previews it (noindex,
 * uncached, nowhere public), schedules it two minutes ahead and goes on with other work; the story goes live on time
 * with no request to the site — within 5 s of its time — and is on the home page, its section, the feed and the
 * news sitemap; a correction then reaches readers and the structured data. The pieces have specs of their own
 * (review, preview, revisions, corrections); this one checks they fit together.
 */

test.afterEach(async ({ factory }) => {
  await trackNewsroomRows(factory);
  // The walk's users (and the newcomer the admin adds) leave audit rows; the log is append-only for the app.
  await deleteAuditRows(factory);
  const users = await db().user.findMany({ where: { email: { contains: factory.suffix } }, select: { id: true } });
  for (const u of users) factory.track("users", u.id);
});

async function staff(factory: Factory, browser: Browser, baseURL: string | undefined, role: Role) {
  const password = `e2e-day-${factory.suffix}`;
  const user = await factory.user({
    role,
    name: `Day ${role.toLowerCase()}`,
    passwordHash: await hashPassword(password),
  });
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await signInThroughForm(page, user.email, password);
  return { page, close: () => context.close() };
}

type Ld = { "@type": string; correction?: { text: string }[] };
const newsArticleLd = (html: string) =>
  [...html.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)]
    .flatMap((m) => {
      const parsed = JSON.parse(m[1]!) as Ld | Ld[];
      return Array.isArray(parsed) ? parsed : [parsed];
    })
    .find((b) => b["@type"] === "NewsArticle");

async function openPreview(page: Page): Promise<Page> {
  const [popup] = await Promise.all([
    page.context().waitForEvent("page"),
    page.getByRole("button", { name: "Preview", exact: true }).click(),
  ]);
  await popup.waitForURL(/-a\d+$/);
  return popup;
}

test("a contributor's story is reviewed, previewed, scheduled, goes live by itself and is corrected", async ({
  browser,
  baseURL,
  request,
  factory,
}) => {
  test.setTimeout(360_000);
  const s = factory.suffix;
  const section = await factory.section({ name: `Day desk ${s}` });
  const author = await factory.author({ name: `Day writer ${s}` });
  const headline = `Tram depot reopens ${s}`;
  const contributor = await staff(factory, browser, baseURL, "CONTRIBUTOR");
  const editor = await staff(factory, browser, baseURL, "EDITOR");
  try {
    // Morning: the contributor files the story and submits it with a note.
    const c = contributor.page;
    await c.goto("/admin/articles/new");
    await c.getByLabel("Headline").fill(headline);
    await c.getByLabel("Standfirst (dek)").fill("Trams return to the east side after a year.");
    await c.getByRole("textbox", { name: "Body" }).click();
    await c.keyboard.type("The depot reopens on Monday with twelve new trams.");
    await c.getByLabel("Section").selectOption({ label: section.name });
    await addAuthor(c, author.name);
    await c.getByRole("button", { name: "Save draft" }).click();
    await expect(c).toHaveURL(/\/admin\/articles\/\d+$/);
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(c.url())![1]);
    await c.goto(`/admin/articles/${id}`);
    await c.getByLabel("Note for the editors").fill("Quotes checked with the operator.");
    await c.getByRole("button", { name: "Submit for review" }).click();
    await expect(c.getByTestId("article-status")).toHaveText("In review");

    // The editor reads it in preview: the real article page, marked noindex, with the banner.
    const e = editor.page;
    await e.goto(`/admin/articles/${id}`);
    await expect(e.getByTestId("review-note")).toContainText("Quotes checked with the operator.");
    const preview = await openPreview(e);
    await expect(preview.getByRole("heading", { level: 1 })).toHaveText(headline);
    await expect(preview.getByRole("complementary", { name: "Preview" })).toBeVisible();
    await expect(preview.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
    await preview.close();
    for (const url of ["/", `/${section.slug}`, "/feed.xml", "/news-sitemap.xml", "/sitemap.xml"])
      expect(await (await request.get(url)).text(), `${url} before publication`).not.toContain(headline);

    // Scheduled two minutes ahead (the field takes whole minutes, in the publication's time zone).
    const { timeZone } = await db().publication.findUniqueOrThrow({ where: { id: 1 }, select: { timeZone: true } });
    const due = new Date(Math.ceil((Date.now() + 120_000) / 60_000) * 60_000);
    await e.getByLabel(/Publication date/).fill(dateToZonedLocal(due, timeZone));
    await e.getByRole("button", { name: "Publish" }).click();
    await expect(e.getByTestId("article-status")).toHaveText("Scheduled");

    // Nobody asks the site for anything until well after its time: the server publishes it by itself.
    while (Date.now() < due.getTime() + 5_000) await new Promise((r) => setTimeout(r, 1_000));
    const row = await db().article.findUniqueOrThrow({ where: { id } });
    expect(row.status, "published without any request").toBe("PUBLISHED");
    const live = await db().auditEvent.findFirstOrThrow({
      where: { action: "article_publish_scheduled", subjectType: "article", subjectId: id },
    });
    const lateBy = live.at.getTime() - due.getTime();
    console.log(`newsroom day: scheduled for ${due.toISOString()}, live ${lateBy} ms after its time`);
    expect(lateBy).toBeGreaterThanOrEqual(0);
    expect(lateBy).toBeLessThanOrEqual(5_000);

    const path = expectedArticlePath(row, timeZone);
    expect((await request.get(path)).status()).toBe(200);
    for (const url of ["/", `/${section.slug}`, "/feed.xml", "/news-sitemap.xml"]) {
      const body = await (await request.get(url)).text();
      expect(body, `${url} once it is live`).toContain(url.endsWith(".xml") ? path : headline);
    }

    // Afternoon: a correction, at the top of the article and in its structured data.
    await e.goto(`/admin/articles/${id}`);
    await e.getByText("Corrections and updates (0)").click();
    await e.getByLabel("Text", { exact: true }).fill(`The depot has ten new trams, not twelve ${s}.`);
    await e.getByRole("button", { name: "Add note" }).click();
    await expect(e.getByRole("list", { name: "Corrections and updates on record" })).toContainText("ten new trams");
    const page = await (await request.get(path)).text();
    expect(page).toContain(`The depot has ten new trams, not twelve ${s}.`);
    expect(newsArticleLd(page)?.correction?.map((c) => c.text)).toContain(
      `The depot has ten new trams, not twelve ${s}.`,
    );
  } finally {
    await contributor.close();
    await editor.close();
  }
});

test("an author publishes their own story and fixes it; an admin takes on a contributor and reads the day back", async ({
  browser,
  baseURL,
  request,
  factory,
}) => {
  test.setTimeout(240_000);
  const s = factory.suffix;
  const section = await factory.section({ name: `Evening desk ${s}` });
  const byline = await factory.author({ name: `Evening writer ${s}` });
  const colleague = await factory.user({ role: "AUTHOR" });
  const theirs = await factory.article({ status: "DRAFT", createdById: colleague.id, headline: `Not yours ${s}` });
  const headline = `Night buses extended ${s}`;
  const author = await staff(factory, browser, baseURL, "AUTHOR");
  const admin = await staff(factory, browser, baseURL, "ADMIN");
  let newcomer: Awaited<ReturnType<Browser["newContext"]>> | undefined;
  try {
    // An author publishes their own story without a review step (Ghost's "author").
    const a = author.page;
    await a.goto("/admin/articles/new");
    await a.getByLabel("Headline").fill(headline);
    await a.getByLabel("Standfirst (dek)").fill("Three routes run until 2am from Friday.");
    await a.getByRole("textbox", { name: "Body" }).click();
    await a.keyboard.type("The council extends three night routes after a trial.");
    await a.getByLabel("Section").selectOption({ label: section.name });
    await addAuthor(a, byline.name);
    await a.getByRole("button", { name: "Publish" }).click();
    await expect(a.getByTestId("article-status")).toHaveText("Published");
    const id = Number(/\/admin\/articles\/(\d+)$/.exec(a.url())![1]);
    const { timeZone } = await db().publication.findUniqueOrThrow({ where: { id: 1 }, select: { timeZone: true } });
    const path = expectedArticlePath(await db().article.findUniqueOrThrow({ where: { id } }), timeZone);
    expect(await (await request.get(path)).text()).toContain("Three routes run until 2am from Friday.");
    expect(await (await request.get(`/${section.slug}`)).text()).toContain(headline);

    // A typo in the standfirst, fixed as a minor edit: readers see it at once, with no "Updated" line.
    await a.getByLabel("Standfirst (dek)").fill("Three routes run until 2am from Friday night.");
    await a.getByLabel("Minor edit").check();
    await a.getByRole("button", { name: "Update", exact: true }).click();
    await expect(
      a
        .getByRole("status")
        .filter({ hasText: /saved|updated/i })
        .first(),
    ).toBeVisible();
    const fixed = await (await request.get(path)).text();
    expect(fixed).toContain("Three routes run until 2am from Friday night.");
    expect(fixed).not.toMatch(/>Updated\b/);

    // The admin takes on a contributor; the password is shown once and works.
    const m = admin.page;
    await m.goto("/admin/users");
    const form = m.getByRole("form", { name: "Add a user", exact: true });
    await form.getByLabel("Name").fill(`Day newcomer ${s}`);
    await form.getByLabel("Email").fill(`day-newcomer-${s}@example.test`);
    await form.getByLabel("Role").selectOption("CONTRIBUTOR");
    await form.getByRole("button", { name: "Add user" }).click();
    const shown = await m.getByText(/Their password: /).textContent();
    const password = /Their password: (\S+) —/.exec(shown ?? "")?.[1];
    expect(password, shown ?? "no message").toBeTruthy();
    newcomer = await browser.newContext({ baseURL });
    const n = await newcomer.newPage();
    await signInThroughForm(n, `day-newcomer-${s}@example.test`, password!);
    await n.goto("/admin/articles/new");
    await expect(n.getByRole("button", { name: "Save draft" })).toBeVisible();
    await expect(n.getByRole("button", { name: "Publish" })).toHaveCount(0);
    // Someone else's draft is not a contributor's to open: the newsroom's 404, not a form.
    expect((await n.goto(`/admin/articles/${theirs.id}`))?.status()).toBe(404);

    // The admin gives the paper a tagline: every page shows it at once.
    const { tagline: taglineBefore } = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
    const tagline = `Independent since 1998 ${s}`;
    await m.getByRole("navigation", { name: "Newsroom" }).getByRole("link", { name: "Settings" }).click();
    const settings = m.getByRole("form", { name: "Publication settings", exact: true });
    await settings.getByLabel("Tagline").fill(tagline);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect(m.getByRole("status").filter({ hasText: "Settings saved." })).toBeVisible();
    expect(await (await request.get("/")).text()).toContain(tagline);
    expect(await (await request.get(path)).text()).toContain(tagline);
    // Put back (the message reads the same as the first save's, so the page itself is what is awaited).
    await settings.getByLabel("Tagline").fill(taglineBefore);
    await settings.getByRole("button", { name: "Save settings" }).click();
    await expect.poll(async () => (await request.get("/")).text()).not.toContain(tagline);

    // At the end of the day the admin reads it back in the audit log, as sentences.
    await m.goto("/admin/audit");
    await expect(m.getByRole("cell", { name: `Day author published “${headline}” (#${id})` })).toBeVisible();
    await expect(
      m.getByRole("cell", {
        name: `Day admin added Day newcomer ${s} <day-newcomer-${s}@example.test> as contributor`,
      }),
    ).toBeVisible();
    await expect(m.getByRole("cell", { name: "Day newcomer " + s + " signed in" })).toBeVisible();
    await expect(m.getByRole("cell", { name: "Day admin changed the publication's settings (tagline)" })).toHaveCount(
      2,
    );
  } finally {
    await author.close();
    await admin.close();
    await newcomer?.close();
  }
});
