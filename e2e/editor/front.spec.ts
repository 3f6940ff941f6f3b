import { db } from "../../lib/db";
import { expectNoAxeViolations } from "../axe";
import { test, expect } from "../fixtures";

/**
 * Front-page curation as an editor does it: find a story by headline on /admin/front, pin it as the home page's
 * lead, and the very next request for the home page shows it as the lead (the pin purged the cached front and the
 * server re-rendered it before answering the form). Unpinning gives the lead back to the newest story.
 */

test.afterEach(async ({ factory }) => {
  // The audit log is append-only for the app; a test removes the rows its users made.
  const users = await db().user.findMany({ where: { email: { contains: factory.suffix } }, select: { id: true } });
  await db().auditEvent.deleteMany({ where: { actorId: { in: users.map((u) => u.id) } } });
});

test("an editor pins a story as the home page's lead and the home page shows it at once", async ({
  page,
  factory,
  signIn,
}) => {
  const section = await factory.section({ position: -100 });
  const older = await factory.article({
    sectionId: section.id,
    headline: `Yesterday's big story ${factory.suffix}`,
    publishedAt: new Date(Date.now() - 86_400_000),
  });
  const newest = await factory.article({ sectionId: section.id, headline: `Just in ${factory.suffix}` });

  // A reader's home page, cached: the newest story leads. (Its own query string: the cache keys on the whole URL,
  // so no earlier spec's copy of "/" can answer, and the page ignores the query.)
  const home = `/?curation=${factory.suffix}`;
  await page.goto(home);
  await expect(page.locator(".fr-lead").getByRole("link", { name: newest.headline })).toBeVisible();

  await signIn("EDITOR");
  await page.goto("/admin");
  await page.getByRole("link", { name: "Front pages" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Front pages" })).toBeVisible();
  await page.getByLabel("Headline contains").fill(`big story ${factory.suffix}`);
  await page.getByRole("button", { name: "Search" }).click();
  const result = page.getByRole("listitem").filter({ hasText: older.headline });
  await result.getByLabel("Slot").selectOption({ label: "Lead" });
  await result.getByRole("button", { name: /^Pin/ }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/Pinned/);
  await expect(page.getByRole("row", { name: /Lead/ })).toContainText(older.headline);
  await expectNoAxeViolations(page);

  const response = await page.goto(home);
  expect(["HIT", "STALE"]).toContain(response?.headers()["x-cache"]);
  await expect(page.locator(".fr-lead").getByRole("link", { name: older.headline })).toBeVisible();
  // The newest story is not lost: it moved to the featured tier.
  await expect(page.locator(".fr-featured").getByRole("link", { name: newest.headline })).toBeVisible();

  const entry = await db().auditEvent.findFirst({
    where: { action: "front_pin", subjectId: older.id },
    select: { detail: true },
  });
  expect(entry?.detail).toMatchObject({ front: "home", slot: "Lead" });

  await page.goto("/admin/front");
  await page.getByRole("button", { name: "Unpin lead" }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/Unpinned/);
  await page.goto(home);
  await expect(page.locator(".fr-lead").getByRole("link", { name: newest.headline })).toBeVisible();
});

test("a section front features its pinned lead; a past expiry is refused with a message", async ({
  page,
  factory,
  signIn,
}) => {
  const section = await factory.section({ name: `Curated ${factory.suffix}` });
  const older = await factory.article({
    sectionId: section.id,
    headline: `Section feature ${factory.suffix}`,
    publishedAt: new Date(Date.now() - 3_600_000),
  });
  await factory.article({ sectionId: section.id, headline: `Newer in section ${factory.suffix}` });
  await signIn("EDITOR");
  await page.goto(`/admin/front?section=${section.slug}&q=${encodeURIComponent(older.headline)}`);
  const result = page.getByRole("listitem").filter({ hasText: older.headline });
  await result.getByLabel("Expires (optional)").fill("2001-01-01T10:00");
  await result.getByRole("button", { name: /^Pin/ }).click();
  await expect(page.getByRole("main").getByRole("alert")).toHaveText(/expiry is in the past/);

  await page.goto(`/admin/front?section=${section.slug}&q=${encodeURIComponent(older.headline)}`);
  await page.getByRole("listitem").filter({ hasText: older.headline }).getByRole("button", { name: /^Pin/ }).click();
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/Pinned/);
  await page.goto(`/${section.slug}`);
  await expect(page.locator(".fr-section-lead").getByRole("heading", { name: older.headline })).toBeVisible();
  // Featured once: not repeated in the list below.
  await expect(page.locator(".fr-stream").getByRole("link", { name: older.headline })).toHaveCount(0);
});
