import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import type { APIResponse, Page } from "@playwright/test";
import { hashPassword } from "../../lib/auth/passwords";
import { test, expect, signInThroughForm } from "../fixtures";
import { makeStory } from "../reader/story";

/**
 * The newsroom's door, as an attacker and a crawler see it over real HTTP: throttling that forged headers cannot
 * get around, redirects after sign-in that stay on the site, cross-origin form posts refused with a 403, the
 * newsroom refusing to be framed, and security headers on every kind of response.
 *
 * The server under test runs on http://localhost with SITE_URL unchanged, so HSTS and the __Host- cookie are
 * absent here by design (lib/http/security-headers.test.ts covers the https builders).
 */

const EVIL = "http://evil.example";

async function newsroomUser(factory: import("../../lib/testing/factories").Factory, password: string) {
  return factory.user({ role: "EDITOR", name: "Door Tester", passwordHash: await hashPassword(password) });
}

/** One attempt as a browser without JavaScript makes it: a form POST and a whole new page, so no stale message. */
async function trySignIn(page: Page, email: string, password: string): Promise<string> {
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Sign in" }).click()]);
  const error = page.locator("#signin-error");
  return (await error.count()) ? ((await error.textContent()) ?? "") : "";
}

test.describe("throttling", () => {
  test.use({ javaScriptEnabled: false });

  test("25 wrong passwords, each with a new X-Forwarded-For, lock the account from this address; the right password is then refused", async ({
    page,
    factory,
  }) => {
    // 26 whole-page form posts, each an Argon2 verification: well over the default 45 s on a busy two-core machine.
    test.setTimeout(150_000);
    const password = `right-horse-battery-${factory.suffix}`;
    const user = await newsroomUser(factory, password);
    await page.goto("/admin/sign-in");
    const messages: string[] = [];
    for (let i = 0; i < 25; i++) {
      const forged = `203.0.113.${i + 1}, 198.51.100.${i + 1}`;
      await page.setExtraHTTPHeaders({ "x-forwarded-for": forged, "x-real-ip": `192.0.2.${i + 1}` });
      messages.push(await trySignIn(page, user.email, `wrong-guess-number-${i}`));
    }
    // Four free tries (Ghost's schedule), then "Too many attempts" whatever the forged header said.
    expect(messages.slice(0, 4)).toEqual(Array(4).fill("That email and password do not match an account."));
    expect(messages.slice(5).every((m) => m.startsWith("Too many attempts."))).toBe(true);
    await page.setExtraHTTPHeaders({ "x-forwarded-for": "192.0.2.200" });
    expect(await trySignIn(page, user.email, password)).toMatch(/^Too many attempts\. Try again in \d+ minutes?\.$/);
    await expect(page).toHaveURL(/\/admin\/sign-in/);
  });
});

test.describe("redirects after sign-in stay in the newsroom", () => {
  const payloads: [string, string][] = [
    ["%2Fadmin%2F..%2F%5Cevil.example", "/admin"],
    ["%2Fadmin%2F..%2F%2Fevil.example", "/admin"],
    ["%2Fadmin%2F%2E%2E%2F%5C%5Cevil.example%2F", "/admin"],
    ["%2Fadmin%5C..%5C%5Cevil.example", "/admin"],
    ["https%3A%2F%2Fevil.example%2Fadmin", "/admin"],
    ["%2F%2Fevil.example%2Fadmin", "/admin"],
    ["%2F%5Cevil.example%2Fadmin", "/admin"],
    ["%2Fadmin%09%2F%2Fevil.example", "/admin"],
    ["javascript%3Aalert(1)%2F%2F%2Fadmin", "/admin"],
    ["%2Fadministrator", "/admin"],
    ["%2Fadmin%2Farticles%3Fq%3Dx", "/admin/articles?q=x"],
  ];

  test("next= payloads land on a newsroom page of this site", async ({ page, factory, baseURL }) => {
    const password = `right-horse-battery-${factory.suffix}`;
    const user = await newsroomUser(factory, password);
    const origin = new URL(baseURL!).origin;
    for (const [next, landing] of payloads) {
      await page.context().clearCookies();
      await page.goto(`/admin/sign-in?next=${next}`);
      await page.getByLabel("Email").fill(user.email);
      await page.getByLabel("Password").fill(password);
      await page.getByRole("button", { name: "Sign in" }).click();
      await page.waitForURL((url) => !url.pathname.startsWith("/admin/sign-in"));
      const url = new URL(page.url());
      expect(url.origin, next).toBe(origin);
      expect(url.pathname + url.search, next).toBe(landing);
    }
  });
});

test.describe("cross-origin writes", () => {
  test("a sign-in form posted from another origin gets a 403 with a readable message, not a 500", async ({
    page,
    request,
  }) => {
    await page.goto("/admin/sign-in");
    const fields = await page
      .locator("form input[type=hidden]")
      .evaluateAll((inputs) =>
        inputs.map((i) => [(i as HTMLInputElement).name, (i as HTMLInputElement).value] as const),
      );
    const multipart: Record<string, string> = Object.fromEntries(fields);
    multipart.email = "nobody@example.com";
    multipart.password = "not-the-password";
    const response = await request.post("/admin/sign-in", { headers: { origin: EVIL }, multipart, maxRedirects: 0 });
    expect(response.status()).toBe(403);
    expect(await response.text()).toContain("This form was sent from another site");
  });

  test("a server action call from another origin gets a 403", async ({ request }) => {
    const response = await request.post("/admin/articles", {
      headers: { origin: EVIL, "next-action": "0".repeat(42), "content-type": "text/plain;charset=UTF-8" },
      data: "[]",
      maxRedirects: 0,
    });
    expect(response.status()).toBe(403);
  });
});

test.describe("framing", () => {
  test("another site cannot frame the signed-in newsroom", async ({ page, signIn, baseURL }) => {
    await signIn("ADMIN");
    // The framing page comes from a real server on 127.0.0.1 (another site than localhost): Chromium refuses to let
    // a public origin (evil.example, or a page Playwright fulfils) frame a local one at all, which would prove
    // nothing about our headers.
    const framer = http.createServer((_req, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(`<!doctype html><title>evil</title><iframe src="${baseURL}/admin" width="800" height="600"></iframe>`);
    });
    await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
    try {
      const framed = page.waitForResponse((r) => r.url().startsWith(`${baseURL}/admin`));
      await page.goto(`http://127.0.0.1:${(framer.address() as AddressInfo).port}/`);
      const response = await framed;
      expect(response.headers()["x-frame-options"]).toBe("DENY");
      expect(response.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
      const frame = page.frames().find((f) => f !== page.mainFrame())!;
      await expect.poll(() => frame.url()).not.toMatch(/^http:\/\/localhost/);
      // Chromium replaces a refused frame with its error page: no newsroom, not even its sign-in form, renders in it.
      expect(await frame.getByRole("button", { name: "Sign in" }).count()).toBe(0);
      expect(await frame.getByRole("heading", { name: "Articles" }).count()).toBe(0);
    } finally {
      framer.close();
    }
  });
});

function expectSecurityHeaders(response: APIResponse, what: string): void {
  const h = response.headers();
  expect(h["content-security-policy"], `${what}: CSP`).toMatch(/frame-ancestors 'none'/);
  expect(h["content-security-policy"], `${what}: CSP`).toMatch(/object-src 'none'/);
  expect(h["content-security-policy"], `${what}: CSP`).toMatch(/base-uri 'none'/);
  expect(h["x-frame-options"], what).toBe("DENY");
  expect(h["referrer-policy"], what).toBe("strict-origin-when-cross-origin");
  expect(h["x-content-type-options"], what).toBe("nosniff");
  expect(h["permissions-policy"], what).toContain("camera=()");
  // The e2e server is plain http: no HSTS there (it would be ignored, and wrong on localhost).
  expect(h["strict-transport-security"], what).toBeUndefined();
}

test.describe("security headers", () => {
  test("every page type, feed, sitemap, 404, the newsroom and the API carry them, cached or not", async ({
    request,
    factory,
    signIn,
    page,
  }) => {
    const story = await makeStory(factory);
    const paths = [
      "/",
      story.articleUrl,
      `/${story.section.slug}`,
      `/authors/${story.authors[0]!.slug}`,
      `/tags/${story.tag.slug}`,
      "/feed.xml",
      "/atom.xml",
      `/${story.section.slug}/feed.xml`,
      "/sitemap.xml",
      "/news-sitemap.xml",
      "/robots.txt",
      "/no/such/page/here",
      "/admin/sign-in",
      "/api/admin/v1/articles",
    ];
    for (const path of paths) {
      // Twice: the second read of a public page is a cache hit, which must carry the same headers.
      for (const round of [1, 2]) {
        const response = await request.get(path, { maxRedirects: 0 });
        expect(response.status(), path).toBeLessThan(500);
        expectSecurityHeaders(response, `${path} (read ${round}, ${response.headers()["x-cache"]})`);
      }
    }
    // Reader pages run no script at all: their policy says so.
    const article = await request.get(story.articleUrl);
    expect(article.headers()["content-security-policy"]).toContain("script-src 'none'");

    // The signed-in newsroom: a nonce policy that Next's own scripts satisfy (the editor works, see e2e/editor).
    await signIn("ADMIN");
    const admin = await page.goto("/admin");
    const csp = admin!.headers()["content-security-policy"]!;
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    const scriptNonces = await page
      .locator("script[src]")
      .evaluateAll((s) => s.map((e) => (e as HTMLScriptElement).nonce));
    expect(scriptNonces.length).toBeGreaterThan(0);
    expect(scriptNonces.every((n) => n === nonce)).toBe(true);
    // A second visit gets a fresh nonce.
    const again = await page.goto("/admin");
    expect(/'nonce-([^']+)'/.exec(again!.headers()["content-security-policy"]!)![1]).not.toBe(nonce);
  });

  test("the session cookie is HttpOnly, SameSite=Lax and not Secure on plain http", async ({ page, signIn }) => {
    await signIn("EDITOR");
    const cookie = (await page.context().cookies()).find((c) => c.name === "bs_session");
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.sameSite).toBe("Lax");
    expect(cookie!.secure).toBe(false);
  });
});

test.describe("passwords", () => {
  test("changing your password refuses a common one, then works and signs out your other browsers", async ({
    page,
    factory,
    browser,
    baseURL,
  }) => {
    const password = `first-long-passphrase-${factory.suffix}`;
    const user = await newsroomUser(factory, password);
    const other = await browser.newContext({ baseURL });
    const otherPage = await other.newPage();
    await signInThroughForm(otherPage, user.email, password);
    await signInThroughForm(page, user.email, password);

    await page.goto("/admin/account/password");
    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("New password", { exact: true }).fill("password1234");
    await page.getByLabel("Repeat the new password").fill("password1234");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.locator(".nr-field-error")).toHaveText(
      "That is one of the most common passwords, which attackers try first. Choose another: a few unrelated words make a good one.",
    );

    const next = `second-long-passphrase-${randomBytes(3).toString("hex")}`;
    await page.getByLabel("Current password").fill(password);
    await page.getByLabel("New password", { exact: true }).fill(next);
    await page.getByLabel("Repeat the new password").fill(next);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status")).toHaveText(
      "Your password has been changed. Your other browsers and devices were signed out.",
    );

    // This browser stays signed in; the other one is signed out.
    await page.goto("/admin");
    await expect(page).not.toHaveURL(/sign-in/);
    await otherPage.goto("/admin");
    await expect(otherPage).toHaveURL(/\/admin\/sign-in/);
    await other.close();
  });

  test("an admin resets a colleague's password on the users screen: the old one stops working, the new one works", async ({
    page,
    factory,
    signIn,
    browser,
    baseURL,
  }) => {
    const old = `old-long-passphrase-${factory.suffix}`;
    const colleague = await newsroomUser(factory, old);
    const theirs = await browser.newContext({ baseURL });
    const theirPage = await theirs.newPage();
    await signInThroughForm(theirPage, colleague.email, old);

    await signIn("ADMIN");
    await page.goto("/admin/users");
    await page
      .getByRole("form", { name: `Reset the password of ${colleague.name} <${colleague.email}>` })
      .getByRole("button", { name: "Reset password" })
      .click();
    const status = page.getByRole("status").filter({ hasText: `New password for ${colleague.email}:` });
    await expect(status).toBeVisible();
    const password = /: ([a-z2-9]{5}(?:-[a-z2-9]{5}){3}) —/.exec((await status.textContent())!)![1]!;

    // Their browser was signed out; the old password is refused and the new one works.
    await theirPage.goto("/admin");
    await expect(theirPage).toHaveURL(/\/admin\/sign-in/);
    await theirPage.getByLabel("Email").fill(colleague.email);
    await theirPage.getByLabel("Password").fill(old);
    await theirPage.getByRole("button", { name: "Sign in" }).click();
    await expect(theirPage.locator("#signin-error")).toHaveText("That email and password do not match an account.");
    await signInThroughForm(theirPage, colleague.email, password);
    await theirs.close();
  });
});
