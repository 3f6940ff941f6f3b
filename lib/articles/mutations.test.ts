import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { db, disconnectDb } from "../db";
import { DomainError } from "../errors";
import type { Actor } from "../auth/permissions";
import { Factory } from "../testing/factories";
import { createArticle, updateArticle } from "./mutations";
import { getArticleForEdit } from "./admin";
import { parseArticlePath } from "./urls";

const f = new Factory();
let editor: Actor;
let admin: Actor;
let section: { id: number; slug: string };
let otherSection: { id: number; slug: string };
let author: { id: number; slug: string };
let coAuthor: { id: number; slug: string };

const asActor = (u: { id: number; email: string; name: string; role: Actor["role"] }): Actor => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
});

/** Runs `fn`, expecting a DomainError with `status`; returns it for further checks. */
async function rejects(fn: () => Promise<unknown>, status: number): Promise<DomainError> {
  try {
    await fn();
  } catch (error) {
    assert.ok(error instanceof DomainError, `expected a DomainError, got ${String(error)}`);
    assert.equal(
      error.status,
      status,
      `expected ${status}, got ${error.status}: ${error.message} ${JSON.stringify(error.fields)}`,
    );
    return error;
  }
  assert.fail(`expected a ${status} DomainError, but the call succeeded`);
}

const paragraph = (text: string) => ({ type: "paragraph", content: [{ type: "text", text }] });
const doc = (...content: unknown[]) => ({ type: "doc", content });

function input(over: Record<string, unknown> = {}) {
  return {
    headline: `Council approves budget ${f.suffix}`,
    type: "news",
    section: section.slug,
    authors: [author.slug],
    body: { doc: doc(paragraph("The council voted 7–2.")) },
    ...over,
  };
}

/** Creates through the code under test and records the rows so cleanup removes them. */
async function create(over: Record<string, unknown> = {}, actor: Actor = editor) {
  const result = await createArticle(actor, input(over));
  f.track("articles", result.id);
  return result;
}

async function trackTags(names: string[]) {
  const rows = await db().tag.findMany({ where: { name: { in: names } }, select: { id: true } });
  for (const r of rows) f.track("tags", r.id);
}

before(async () => {
  await f.ensurePublication();
  editor = asActor(await f.user({ role: "EDITOR" }));
  admin = asActor(await f.user({ role: "ADMIN" }));
  section = await f.section();
  otherSection = await f.section();
  author = await f.author();
  coAuthor = await f.author();
});

after(async () => {
  await f.cleanup();
  await disconnectDb();
});

describe("createArticle", () => {
  test("a Russian headline and a Greek tag get readable Latin slugs (the id still decides the URL)", async () => {
    const tagName = `Αθήνα ${f.suffix}`;
    const result = await create({ headline: `Выборы в Калдербридже ${f.suffix}`, tags: [tagName] });
    await trackTags([tagName]);
    const row = await db().article.findUniqueOrThrow({
      where: { id: result.id },
      include: { tags: { include: { tag: true } } },
    });
    assert.equal(row.slug, `vybory-v-kalderbridzhe-${f.suffix}`);
    assert.equal(row.tags[0]?.tag.slug, `athina-${f.suffix}`);
    assert.equal(parseArticlePath(result.path)?.id, result.id);
  });

  test("creates a draft with a slug from the headline and a canonical path", async () => {
    const result = await create();
    assert.equal(result.status, "draft");
    const row = await db().article.findUniqueOrThrow({ where: { id: result.id } });
    assert.equal(row.slug, `council-approves-budget-${f.suffix}`);
    assert.equal(row.status, "DRAFT");
    assert.equal(row.publishedAt, null);
    assert.equal(row.createdById, editor.id);
    const parsed = parseArticlePath(result.path);
    assert.ok(parsed, `path ${result.path} is an article path`);
    assert.equal(parsed.id, result.id);
    assert.equal(parsed.slug, row.slug);
    assert.equal(result.url, `http://localhost:3000${result.path}`);
  });

  test("publishing on create sets publishedAt, and the URL carries that date", async () => {
    const result = await create({
      headline: `Published straight away ${f.suffix}`,
      status: "published",
      publishedAt: "2024-02-29T23:30:00-05:00",
    });
    assert.equal(result.status, "published");
    const row = await db().article.findUniqueOrThrow({ where: { id: result.id } });
    assert.equal(row.publishedAt?.toISOString(), "2024-03-01T04:30:00.000Z");
    // Publication time zone is UTC in tests: 04:30Z on 1 March.
    assert.match(result.path, new RegExp(`^/2024/03/01/published-straight-away-${f.suffix}-a${result.id}$`));
  });

  test("a suggested slug is made unique; an explicit one that is taken is a 409", async () => {
    const headline = `Same headline twice ${f.suffix}`;
    const first = await create({ headline });
    const second = await create({ headline });
    const [a, b] = await Promise.all(
      [first, second].map((r) => db().article.findUniqueOrThrow({ where: { id: r.id } })),
    );
    assert.equal(a!.slug, `same-headline-twice-${f.suffix}`);
    assert.equal(b!.slug, `same-headline-twice-${f.suffix}-2`);
    const error = await rejects(() => create({ headline: "Another", slug: a!.slug }), 409);
    assert.ok(error.fields?.slug);
  });

  test("CONCURRENCY: six parallel saves (three creates with their own slugs, three edits) with the same new tag all succeed and share one tag row", async () => {
    const tagName = `Parallel tag ${f.suffix}`;
    const existing = [];
    for (let i = 0; i < 3; i++) existing.push(await create({ headline: `Parallel tag edit ${i} ${f.suffix}` }));
    const settled = await Promise.allSettled([
      ...[0, 1, 2].map((i) =>
        create({
          headline: `Parallel tag story ${i} ${f.suffix}`,
          slug: `parallel-tag-story-${i}-${f.suffix}`,
          tags: [tagName],
        }),
      ),
      ...existing.map((a) => updateArticle(editor, a.id, { tags: [tagName] })),
    ]);
    await trackTags([tagName]);
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
    assert.deepEqual(failures, []);
    const tagRows = await db().tag.findMany({ where: { name: tagName }, select: { id: true, slug: true } });
    assert.deepEqual(
      tagRows.map((t) => t.slug),
      [`parallel-tag-${f.suffix}`],
    );
    assert.equal(await db().articleTag.count({ where: { tagId: tagRows[0]!.id } }), 6);
  });

  test("CONCURRENCY: six parallel creates with the same headline all succeed with distinct slugs", async () => {
    const headline = `Parallel headline ${f.suffix}`;
    const settled = await Promise.allSettled(Array.from({ length: 6 }, () => create({ headline })));
    const failures = settled.flatMap((s) => (s.status === "rejected" ? [String(s.reason)] : []));
    assert.deepEqual(failures, []);
    const rows = await db().article.findMany({ where: { headline }, select: { slug: true } });
    const root = `parallel-headline-${f.suffix}`;
    assert.deepEqual(
      rows.map((r) => r.slug).sort(),
      [root, `${root}-2`, `${root}-3`, `${root}-4`, `${root}-5`, `${root}-6`].sort(),
    );
  });

  test("authors keep their byline order; tags are created once and reused case-insensitively", async () => {
    const tagName = `Budget ${f.suffix}`;
    const result = await create({ authors: [coAuthor.slug, author.slug], tags: [tagName, tagName.toUpperCase()] });
    await trackTags([tagName]);
    const links = await db().articleAuthor.findMany({ where: { articleId: result.id }, orderBy: { position: "asc" } });
    assert.deepEqual(
      links.map((l) => l.authorId),
      [coAuthor.id, author.id],
    );
    const tags = await db().articleTag.findMany({ where: { articleId: result.id }, include: { tag: true } });
    assert.equal(tags.length, 1);
    assert.equal(tags[0]!.tag.name, tagName);

    const again = await create({ headline: `Second use of tag ${f.suffix}`, tags: [tagName.toLowerCase()] });
    const reused = await db().articleTag.findMany({ where: { articleId: again.id } });
    assert.equal(reused[0]!.tagId, tags[0]!.tagId);
    assert.equal(await db().tag.count({ where: { slug: tags[0]!.tag.slug } }), 1);
  });

  test("unknown section, author or image are 422s that name the unknown thing", async () => {
    const s = await rejects(() => create({ section: "no-such-section" }), 422);
    assert.match(s.fields?.section ?? "", /no-such-section/);
    const a = await rejects(() => create({ authors: [author.slug, "ghost-writer"] }), 422);
    assert.match(a.fields?.authors ?? "", /ghost-writer/);
    assert.doesNotMatch(a.fields?.authors ?? "", new RegExp(author.slug));
    const m = await rejects(() => create({ heroImage: { mediaId: 999_999_999 } }), 422);
    assert.match(m.fields?.["heroImage.mediaId"] ?? "", /999999999/);
    const fig = await rejects(
      () => create({ body: { doc: doc({ type: "figure", attrs: { mediaId: 999_999_998 } }) } }),
      422,
    );
    assert.match(fig.fields?.body ?? "", /999999998/);
  });

  test("ATOMICITY: a request failing late (unknown author) leaves no article and no new tag", async () => {
    const tagName = `Orphan tag ${f.suffix}`;
    const headline = `Atomic failure ${f.suffix}`;
    const articlesBefore = await db().article.count();
    // Tags are created early in the transaction; each of these fails after that point.
    await rejects(() => create({ headline, tags: [tagName], authors: ["nobody-" + f.suffix] }), 422);
    await rejects(
      () =>
        create({
          headline,
          tags: [tagName],
          body: { doc: doc({ type: "relatedArticle", attrs: { articleId: 999_999_997 } }) },
        }),
      422,
    );
    await rejects(() => create({ headline, tags: [tagName, "!!!"] }), 422);
    assert.equal(await db().article.count(), articlesBefore);
    assert.equal(await db().article.count({ where: { headline } }), 0);
    assert.equal(
      await db().tag.count({ where: { name: tagName } }),
      0,
      "the tag created inside the failed transaction is gone",
    );
  });

  test("figures get src/width/height from the media library, whatever the input said", async () => {
    const media = await f.media({
      storageKey: `2026/01/figure${f.suffix}abcdefgh.jpg`,
      width: 1200,
      height: 800,
      alt: "Library alt",
    });
    const result = await create({
      body: {
        doc: doc({
          type: "figure",
          attrs: { mediaId: media.id, src: "https://evil.example/x.jpg", width: 1, height: 1 },
        }),
      },
    });
    const row = await db().article.findUniqueOrThrow({ where: { id: result.id } });
    const figure = (row.body as { content: { attrs: Record<string, unknown> }[] }).content[0]!.attrs;
    assert.equal(figure.src, `/media/2026/01/figure${f.suffix}abcdefgh.jpg`);
    assert.equal(figure.width, 1200);
    assert.equal(figure.height, 800);
    assert.equal(figure.alt, "Library alt");
  });

  test("HTML bodies are imported and sanitised", async () => {
    const result = await create({
      body: {
        html: `<p>Safe <a href="javascript:alert(1)">click</a> <b onclick="x()">bold</b></p><script>alert(1)</script>`,
      },
    });
    const row = await db().article.findUniqueOrThrow({ where: { id: result.id } });
    const json = JSON.stringify(row.body);
    assert.doesNotMatch(json, /javascript:|onclick|<script|alert\(1\)/i);
    assert.match(json, /click/);
  });

  test("hostile bodies: deep nesting and absurd sizes are 422, never a crash", async () => {
    const deepHtml = "<blockquote>".repeat(40) + "<p>deep</p>" + "</blockquote>".repeat(40);
    const e1 = await rejects(() => create({ body: { html: deepHtml } }), 422);
    assert.match(e1.fields?.body ?? "", /nested too deeply/);
    let deepDoc: unknown = { type: "paragraph", content: [{ type: "text", text: "x" }] };
    for (let i = 0; i < 10_000; i++) deepDoc = { type: "blockquote", content: [deepDoc] };
    const e2 = await rejects(() => create({ body: { doc: { type: "doc", content: [deepDoc] } } }), 422);
    assert.match(e2.fields?.body ?? "", /nested too deeply/);
    const wide = {
      type: "doc",
      content: [
        {
          type: "bulletList",
          content: Array.from({ length: 30_000 }, () => ({ type: "listItem", content: [paragraph("x")] })),
        },
      ],
    };
    const e3 = await rejects(() => create({ body: { doc: wide } }), 422);
    assert.match(e3.fields?.body ?? "", /more than/);
    const e4 = await rejects(() => create({ body: { html: "<p>x</p>".repeat(20_000) } }), 422);
    assert.match(e4.fields?.["body.html"] ?? "", /elements/);
  });

  test("callouts are mirrored into ArticleCallout; unknown targets are refused", async () => {
    const target = await f.article({ sectionId: section.id, authorIds: [author.id] });
    const result = await create({
      body: {
        doc: doc(paragraph("Intro"), { type: "relatedArticle", attrs: { articleId: target.id, headline: "hint" } }),
      },
      related: [target.id],
    });
    const callouts = await db().articleCallout.findMany({ where: { articleId: result.id } });
    assert.deepEqual(
      callouts.map((c) => c.targetId),
      [target.id],
    );
    const related = await db().articleRelated.findMany({ where: { articleId: result.id } });
    assert.deepEqual(
      related.map((r) => r.relatedId),
      [target.id],
    );
    const error = await rejects(() => create({ related: [999_999_996] }), 422);
    assert.match(error.fields?.related ?? "", /999999996/);
  });

  test("validation errors name the fields in words", async () => {
    const error = await rejects(
      () => createArticle(editor, { headline: "", type: "gossip", authors: [], body: {} }),
      422,
    );
    assert.equal(error.fields?.headline, "Enter a headline.");
    assert.match(error.fields?.type ?? "", /news, opinion, analysis or feature/);
    assert.match(error.fields?.section ?? "", /section/i);
    assert.match(error.fields?.authors ?? "", /at least one author/);
    assert.match(error.fields?.body ?? "", /html|doc/);
  });

  test("permissions: nobody signed in is a 401 and nothing is written", async () => {
    const count = await db().article.count();
    await rejects(() => createArticle(null, input()), 401);
    assert.equal(await db().article.count(), count);
  });
});

describe("updateArticle", () => {
  test("replaces authors, tags and section; 404 for an unknown id", async () => {
    const created = await create({ headline: `To be edited ${f.suffix}` });
    const tagName = `Edited tag ${f.suffix}`;
    await updateArticle(editor, created.id, { authors: [coAuthor.slug], tags: [tagName], section: otherSection.slug });
    await trackTags([tagName]);
    const edit = await getArticleForEdit(editor, created.id);
    assert.deepEqual(edit.authors, [coAuthor.slug]);
    assert.deepEqual(edit.tags, [tagName]);
    assert.equal(edit.section, otherSection.slug);
    await rejects(() => updateArticle(editor, 999_999_999, { headline: "x" }), 404);
  });

  test("a callout to the article itself is refused, and a failed update changes nothing", async () => {
    const created = await create({ headline: `Self reference ${f.suffix}` });
    const before = await db().article.findUniqueOrThrow({ where: { id: created.id } });
    await rejects(
      () =>
        updateArticle(editor, created.id, {
          headline: "Changed headline",
          tags: [`Never saved ${f.suffix}`],
          body: { doc: doc({ type: "relatedArticle", attrs: { articleId: created.id } }) },
        }),
      422,
    );
    const afterRow = await db().article.findUniqueOrThrow({ where: { id: created.id } });
    assert.equal(afterRow.headline, before.headline);
    assert.equal(await db().tag.count({ where: { name: `Never saved ${f.suffix}` } }), 0);
    await rejects(() => updateArticle(editor, created.id, { related: [created.id] }), 422);
  });

  test("ATOMICITY: authors already replaced inside a failed update are restored", async () => {
    const created = await create({ headline: `Atomic update ${f.suffix}` });
    const tagName = `Rolled back ${f.suffix}`;
    // Authors are replaced before tags are resolved; the second tag name is invalid.
    await rejects(() => updateArticle(editor, created.id, { authors: [coAuthor.slug], tags: [tagName, "???"] }), 422);
    const links = await db().articleAuthor.findMany({ where: { articleId: created.id } });
    assert.deepEqual(
      links.map((l) => l.authorId),
      [author.id],
    );
    assert.equal(await db().tag.count({ where: { name: tagName } }), 0);
  });

  test("publishing sets publishedAt once; editing a published article stamps contentUpdatedAt", async () => {
    const created = await create({ headline: `Publish lifecycle ${f.suffix}` });
    const published = await updateArticle(editor, created.id, { status: "published" });
    assert.equal(published.status, "published");
    const first = await db().article.findUniqueOrThrow({ where: { id: created.id } });
    assert.ok(first.publishedAt);
    assert.equal(first.contentUpdatedAt, null);

    // A save that changes nothing substantive does not mark the story as updated.
    await updateArticle(editor, created.id, { headline: first.headline });
    assert.equal((await db().article.findUniqueOrThrow({ where: { id: created.id } })).contentUpdatedAt, null);

    // Saving the stored body again (its keys come back from jsonb in another order) is not an update either.
    await updateArticle(editor, created.id, { body: { doc: first.body } });
    assert.equal((await db().article.findUniqueOrThrow({ where: { id: created.id } })).contentUpdatedAt, null);

    await updateArticle(editor, created.id, { body: { doc: doc(paragraph("Corrected figures.")) } });
    const edited = await db().article.findUniqueOrThrow({ where: { id: created.id } });
    assert.ok(edited.contentUpdatedAt, "contentUpdatedAt is set after a body edit");
    assert.equal(edited.publishedAt?.getTime(), first.publishedAt.getTime(), "publishedAt does not move");

    const down = await updateArticle(editor, created.id, { status: "unpublished" });
    assert.equal(down.status, "unpublished");
    const republished = await updateArticle(editor, created.id, { status: "published" });
    assert.equal(republished.status, "published");
    const again = await db().article.findUniqueOrThrow({ where: { id: created.id } });
    assert.equal(
      again.publishedAt?.getTime(),
      first.publishedAt.getTime(),
      "republishing keeps the first publication date",
    );
  });

  test("an explicit slug that another article uses is a 409", async () => {
    const a = await create({ headline: `Slug owner ${f.suffix}` });
    const b = await create({ headline: `Slug thief ${f.suffix}` });
    const owner = await db().article.findUniqueOrThrow({ where: { id: a.id } });
    await rejects(() => updateArticle(editor, b.id, { slug: owner.slug }), 409);
    const moved = await updateArticle(editor, b.id, { slug: `new-slug-${f.suffix}` });
    assert.match(moved.path, new RegExp(`/new-slug-${f.suffix}-a${b.id}$`));
  });

  test("hero image: set from the library's text, override, keep own text on the same image, switch, remove", async () => {
    const media = await f.media({ alt: "Library alt", caption: "Library caption", credit: "Library credit" });
    const other = await f.media({ alt: "Other alt", caption: "Other caption", credit: "Other credit" });
    const created = await create({ heroImage: { mediaId: media.id, caption: "Own caption" } });
    const heroText = async () => {
      const edit = await getArticleForEdit(editor, created.id);
      return {
        mediaId: edit.heroImage?.mediaId,
        alt: edit.heroImage?.alt,
        caption: edit.heroImage?.caption,
        credit: edit.heroImage?.credit,
      };
    };
    assert.deepEqual(await heroText(), {
      mediaId: media.id,
      alt: "Library alt",
      caption: "Own caption",
      credit: "Library credit",
    });

    // Same image again with only a new credit: the article's own caption stays, the library's is not brought back.
    await updateArticle(editor, created.id, { heroImage: { mediaId: media.id, credit: "Own credit" } });
    assert.deepEqual(await heroText(), {
      mediaId: media.id,
      alt: "Library alt",
      caption: "Own caption",
      credit: "Own credit",
    });

    // Another image without text of its own takes that image's library text.
    await updateArticle(editor, created.id, { heroImage: { mediaId: other.id } });
    assert.deepEqual(await heroText(), {
      mediaId: other.id,
      alt: "Other alt",
      caption: "Other caption",
      credit: "Other credit",
    });

    await updateArticle(editor, created.id, { heroImage: null });
    const edit = await getArticleForEdit(editor, created.id);
    assert.equal(edit.heroImage, null);
  });

  test("unknown fields and bad values in a patch are 422", async () => {
    const created = await create({ headline: `Patch validation ${f.suffix}` });
    const e1 = await rejects(() => updateArticle(editor, created.id, { headlin: "typo" }), 422);
    assert.match(JSON.stringify(e1.fields), /headlin/);
    // A take-down needs its reason on record.
    const e2 = await rejects(() => updateArticle(editor, created.id, { status: "taken_down" }), 422);
    assert.ok(e2.fields?.takenDownReason);
    const e3 = await rejects(() => updateArticle(editor, created.id, { publishedAt: "yesterday" }), 422);
    assert.match(e3.fields?.publishedAt ?? "", /ISO-8601/);
  });

  test("admins and editors may both write articles; no actor is a 401", async () => {
    const created = await create({ headline: `Admin edit ${f.suffix}` }, admin);
    await updateArticle(admin, created.id, { dek: "By an admin" });
    await rejects(() => updateArticle(null, created.id, { dek: "anon" }), 401);
    await rejects(() => updateArticle(null, created.id, { status: "published" }), 401);
    assert.equal((await db().article.findUniqueOrThrow({ where: { id: created.id } })).dek, "By an admin");
  });
});
