import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { searchFacing } from "../seo/overrides";
import { createArticle, updateArticle } from "./mutations";
import { getArticleForEdit } from "./admin";
import { loadArticlePage } from "./public";

/**
 * The SEO title / description / social image overrides: stored through the same create/update as every field,
 * returned to the editor and the API, used by what search and social see (lib/seo/overrides.ts), and never an
 * "Updated" stamp for readers.
 */

const f = new Factory();
let editor: Actor;
let section: { slug: string };
let author: { slug: string };

before(async () => {
  await f.ensurePublication();
  const u = await f.user({ role: "EDITOR" });
  editor = { id: u.id, email: u.email, name: u.name, role: u.role };
  section = await f.section();
  author = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

const body = { doc: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Words." }] }] } };

async function create(over: Record<string, unknown>) {
  const result = await createArticle(editor, {
    headline: `Harbour plan approved ${f.suffix}`,
    dek: "The vote ends a decade of argument.",
    section: section.slug,
    authors: [author.slug],
    body,
    ...over,
  });
  f.track("articles", result.id);
  return result;
}

test("overrides are stored on create, read back, and changed or cleared by a patch", async () => {
  const image = await f.media();
  const created = await create({
    seo: { title: "  Harbour plan: what changes  ", description: "Ferries, flats and a park.", image: image.id },
  });
  const read = await getArticleForEdit(editor, created.id);
  assert.deepEqual(read.seo, {
    title: "Harbour plan: what changes",
    description: "Ferries, flats and a park.",
    image: image.id,
  });
  assert.equal(read.refs.seoImage?.mediaId, image.id);
  assert.match(read.refs.seoImage?.src ?? "", /^\/media\//);

  await updateArticle(editor, created.id, { seo: { title: "", image: null } });
  const cleared = await getArticleForEdit(editor, created.id);
  // Only the fields sent change: the description stays.
  assert.deepEqual(cleared.seo, { title: "", description: "Ferries, flats and a park.", image: null });
  assert.equal(cleared.refs.seoImage, null);
});

test("an unknown social image is a 422 naming the field, and nothing is written", async () => {
  const created = await create({});
  await assert.rejects(
    () => updateArticle(editor, created.id, { seo: { title: "New title", image: 2_000_000_000 } }),
    (error: unknown) =>
      error instanceof DomainError && error.status === 422 && /Unknown image/.test(error.fields?.["seo.image"] ?? ""),
  );
  assert.equal((await getArticleForEdit(editor, created.id)).seo.title, "");
  await assert.rejects(
    () => updateArticle(editor, created.id, { seo: { title: "x".repeat(201) } }),
    (error: unknown) => error instanceof DomainError && error.status === 422 && !!error.fields?.["seo.title"],
  );
  await assert.rejects(
    () => updateArticle(editor, created.id, { seo: { keywords: "no" } }),
    (error: unknown) => error instanceof DomainError && error.status === 422,
  );
});

test("on a published article, an SEO-only change is no 'Updated' for readers; search and social see it", async () => {
  const hero = await f.media();
  const social = await f.media();
  const created = await create({ status: "published", heroImage: { mediaId: hero.id, alt: "The quay" } });
  await updateArticle(editor, created.id, {
    seo: { title: "Harbour vote explained", description: "What the plan does." },
  });
  const row = await db().article.findUniqueOrThrow({ where: { id: created.id }, select: { contentUpdatedAt: true } });
  assert.equal(row.contentUpdatedAt, null);

  const { timeZone } = await db().publication.findFirstOrThrow({ select: { timeZone: true } });
  const page = (await loadArticlePage(created.id, timeZone))!;
  // The page itself keeps the real headline; what search sees is the override.
  assert.equal(page.headline, `Harbour plan approved ${f.suffix}`);
  assert.deepEqual(searchFacing(page, "fallback"), {
    title: "Harbour vote explained",
    description: "What the plan does.",
    imageMediaId: hero.id,
    imageAlt: "The quay",
  });

  await updateArticle(editor, created.id, { seo: { title: "", description: "", image: social.id } });
  const again = (await loadArticlePage(created.id, timeZone))!;
  assert.deepEqual(searchFacing(again, "The vote ends a decade of argument."), {
    title: `Harbour plan approved ${f.suffix}`,
    description: "The vote ends a decade of argument.",
    imageMediaId: social.id,
    imageAlt: "",
  });
});
