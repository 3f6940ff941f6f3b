import { randomBytes } from "node:crypto";
import { db } from "../db";
import { calloutTargets, type ArticleDocument } from "../documents/schema";
import type { ArticleStatus, ArticleType, Role } from "../../generated/prisma/client";

/**
 * Test data factories shared by integration tests (lib/**\/*.test.ts) and Playwright fixtures (e2e/).
 * Everything made through a `Factory` is recorded and deleted by `cleanup()`, so a test run leaves the database as
 * it found it and never touches demo content. Names carry a random suffix so parallel runs do not collide.
 */
export class Factory {
  readonly suffix = randomBytes(4).toString("hex");
  private readonly made = {
    articles: [] as number[],
    authors: [] as number[],
    sections: [] as number[],
    tags: [] as number[],
    users: [] as number[],
    media: [] as number[],
  };

  unique(base: string): string {
    return `${base}-${this.suffix}-${this.made.articles.length + this.made.authors.length + this.made.sections.length + this.made.tags.length + this.made.users.length + this.made.media.length}`;
  }

  async ensurePublication(): Promise<void> {
    await db().publication.upsert({
      where: { id: 1 },
      // British English like the demo paper ("28 November 2026"); UTC keeps test URLs' dates obvious.
      update: { language: "en-GB" },
      create: { id: 1, name: "The Test Chronicle", language: "en-GB", timeZone: "UTC" },
    });
  }

  async section(over: Partial<{ slug: string; name: string; position: number; description: string }> = {}) {
    const slug = over.slug ?? this.unique("section");
    const row = await db().section.create({
      data: {
        slug,
        name: over.name ?? `Section ${slug}`,
        position: over.position ?? 100,
        description: over.description ?? "",
      },
    });
    this.made.sections.push(row.id);
    return row;
  }

  async author(
    over: Partial<{ slug: string; name: string; jobTitle: string; bio: string; pseudonymous: boolean }> = {},
  ) {
    const slug = over.slug ?? this.unique("author");
    const row = await db().author.create({
      data: {
        slug,
        name: over.name ?? `Author ${slug}`,
        jobTitle: over.jobTitle ?? "Correspondent",
        bio: over.bio ?? "Writes things.",
        pseudonymous: over.pseudonymous ?? false,
      },
    });
    this.made.authors.push(row.id);
    return row;
  }

  async tag(name?: string) {
    const n = name ?? this.unique("tag");
    const row = await db().tag.create({ data: { name: n, slug: n.toLowerCase().replace(/[^a-z0-9]+/g, "-") } });
    this.made.tags.push(row.id);
    return row;
  }

  async media(
    over: Partial<{
      storageKey: string;
      width: number;
      height: number;
      alt: string;
      caption: string;
      credit: string;
    }> = {},
  ) {
    const row = await db().media.create({
      data: {
        storageKey: over.storageKey ?? `test/${this.unique("img")}.jpg`,
        mimeType: "image/jpeg",
        width: over.width ?? 1600,
        height: over.height ?? 900,
        bytes: 1000,
        alt: over.alt ?? "A test image",
        caption: over.caption ?? "",
        credit: over.credit ?? "",
      },
    });
    this.made.media.push(row.id);
    return row;
  }

  async user(over: Partial<{ email: string; name: string; role: Role; passwordHash: string }> = {}) {
    const row = await db().user.create({
      data: {
        email: over.email ?? `${this.unique("user")}@example.test`,
        name: over.name ?? "Test Editor",
        role: over.role ?? "EDITOR",
        passwordHash: over.passwordHash ?? "!unusable",
      },
    });
    this.made.users.push(row.id);
    return row;
  }

  /** A published article (unless `status` says otherwise) with its authors, tags and callouts. */
  async article(
    over: Partial<{
      slug: string;
      headline: string;
      dek: string;
      type: ArticleType;
      status: ArticleStatus;
      sectionId: number;
      authorIds: number[];
      tagIds: number[];
      relatedIds: number[];
      heroMediaId: number | null;
      heroCaption: string;
      heroCredit: string;
      heroAlt: string;
      body: ArticleDocument;
      publishedAt: Date | null;
      contentUpdatedAt: Date | null;
      createdById: number | null;
    }> = {},
  ) {
    const sectionId = over.sectionId ?? (await this.section()).id;
    const authorIds = over.authorIds ?? [(await this.author()).id];
    const status = over.status ?? "PUBLISHED";
    const body: ArticleDocument = over.body ?? {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "A test paragraph." }] }],
    };
    const slug = over.slug ?? this.unique("article");
    const row = await db().$transaction(async (tx) => {
      const article = await tx.article.create({
        data: {
          slug,
          headline: over.headline ?? `Headline ${slug}`,
          dek: over.dek ?? "A short summary of the story.",
          type: over.type ?? "NEWS",
          status,
          sectionId,
          heroMediaId: over.heroMediaId ?? null,
          heroAlt: over.heroAlt ?? "",
          heroCaption: over.heroCaption ?? "",
          heroCredit: over.heroCredit ?? "",
          body,
          publishedAt: over.publishedAt !== undefined ? over.publishedAt : status === "DRAFT" ? null : new Date(),
          contentUpdatedAt: over.contentUpdatedAt ?? null,
          createdById: over.createdById ?? null,
          authors: { create: authorIds.map((authorId, position) => ({ authorId, position })) },
          tags: { create: (over.tagIds ?? []).map((tagId) => ({ tagId })) },
          related: { create: (over.relatedIds ?? []).map((relatedId, position) => ({ relatedId, position })) },
        },
      });
      const targets = calloutTargets(body);
      if (targets.length)
        await tx.articleCallout.createMany({ data: targets.map((targetId) => ({ articleId: article.id, targetId })) });
      return article;
    });
    this.made.articles.push(row.id);
    return row;
  }

  /** Lets a test record rows it created through the code under test, so they are cleaned up too. */
  track(kind: keyof Factory["made"], id: number): void {
    this.made[kind].push(id);
  }

  async cleanup(): Promise<void> {
    const d = db();
    const { articles, authors, sections, tags, users, media } = this.made;
    // Articles first (they reference everything else); then whatever they pointed at.
    const doomed = await d.article.findMany({
      where: {
        OR: [
          { id: { in: articles } },
          { sectionId: { in: sections } },
          { authors: { some: { authorId: { in: authors } } } },
        ],
      },
      select: { id: true },
    });
    const articleIds = doomed.map((a) => a.id);
    await d.article.deleteMany({ where: { id: { in: articleIds } } });
    // The audit log has no foreign keys (it outlives what it records), so its rows about these go by hand: what
    // the test's users did, what was done to its users, their tokens and its articles (the scheduler's publications
    // too), and any naming one of its addresses (failed sign-ins, tokens of a user deleted since).
    const tokens = await d.apiToken.findMany({ where: { userId: { in: users } }, select: { id: true } });
    await d.auditEvent.deleteMany({
      where: {
        OR: [
          { actorId: { in: users } },
          { subjectType: "user", subjectId: { in: users } },
          { subjectType: "token", subjectId: { in: tokens.map((t) => t.id) } },
          { subjectType: "article", subjectId: { in: articleIds } },
          { detail: { path: ["email"], string_contains: this.suffix } },
        ],
      },
    });
    await d.author.deleteMany({ where: { id: { in: authors } } });
    await d.section.deleteMany({ where: { id: { in: sections } } });
    // Tags made by the code under test from names carrying the suffix ("Harbour <suffix>") go too.
    await d.tag.deleteMany({ where: { OR: [{ id: { in: tags } }, { name: { contains: this.suffix } }] } });
    await d.media.deleteMany({ where: { id: { in: media } } });
    await d.user.deleteMany({ where: { id: { in: users } } });
    for (const list of Object.values(this.made)) list.length = 0;
  }
}
