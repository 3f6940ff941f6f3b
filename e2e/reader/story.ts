import { db } from "../../lib/db";
import type { ArticleDocument } from "../../lib/documents/schema";
import { articlePath } from "../../lib/articles/urls";
import type { Factory } from "../../lib/testing/factories";

/**
 * A fully dressed news story for reader and crawler specs: two authors, a hero image with caption and credit,
 * tags, an editor-picked related article, a callout to a published article and one to a draft, and an opinion
 * piece in the same section. Everything is made through the given Factory, so its cleanup removes it.
 */
export async function makeStory(factory: Factory) {
  const s = factory.suffix;
  // Read directly: lib/settings imports next/cache, which Playwright's ESM loader cannot resolve.
  const publication = await db().publication.findUniqueOrThrow({ where: { id: 1 } });
  const timeZone = publication.timeZone;
  /** The configured disclaimer, or null when the site falls back to its default wording. */
  const opinionDisclaimer = publication.opinionDisclaimer?.trim() || null;
  const section = await factory.section({ name: `Harbour ${s}` });
  const lead = await factory.author({ name: `Ada Lead ${s}` });
  const second = await factory.author({ name: `Ben Second ${s}` });
  const tag = await factory.tag(`Ports ${s}`);
  const hero = await factory.media({
    alt: "Cranes over the harbour at dawn",
    caption: "The east quay before the vote.",
    credit: "Pixabay",
  });

  const calloutTarget = await factory.article({
    headline: `Earlier: harbour plan unveiled ${s}`,
    sectionId: section.id,
    authorIds: [lead.id],
    publishedAt: new Date(Date.now() - 3 * 86_400_000),
  });
  const draft = await factory.article({
    headline: `Unfinished draft ${s}`,
    sectionId: section.id,
    authorIds: [lead.id],
    status: "DRAFT",
  });
  const pick = await factory.article({
    headline: `Editor's pick ${s}`,
    sectionId: (await factory.section()).id,
    authorIds: [second.id],
    publishedAt: new Date(Date.now() - 30 * 86_400_000),
  });
  const body: ArticleDocument = {
    type: "doc",
    content: [
      {
        type: "paragraph",
        content: [{ type: "text", text: "The council voted late on Tuesday to approve the harbour plan." }],
      },
      { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "What happens next" }] },
      { type: "relatedArticle", attrs: { articleId: calloutTarget.id, headline: "an old hint" } },
      { type: "relatedArticle", attrs: { articleId: draft.id, headline: "a draft hint" } },
      {
        type: "paragraph",
        content: [
          { type: "text", text: "Read " },
          {
            type: "text",
            text: "the full decision",
            marks: [{ type: "link", attrs: { href: "https://example.org/decision" } }],
          },
          { type: "text", text: ". Building starts in spring, the final paragraph says." },
        ],
      },
    ],
  };
  const article = await factory.article({
    headline: `Council approves harbour plan ${s}`,
    dek: "A narrow vote ends two years of argument.",
    sectionId: section.id,
    authorIds: [lead.id, second.id],
    tagIds: [tag.id],
    relatedIds: [pick.id],
    heroMediaId: hero.id,
    publishedAt: new Date(Date.now() - 86_400_000),
    contentUpdatedAt: new Date(),
    body,
  });
  // The callout target is renamed after the callout was written: readers must see the current headline.
  const renamed = await db().article.update({
    where: { id: calloutTarget.id },
    data: { headline: `Harbour plan unveiled, revised ${s}` },
  });
  const opinion = await factory.article({
    headline: `Why the harbour plan is wrong ${s}`,
    type: "OPINION",
    sectionId: section.id,
    authorIds: [second.id],
  });

  const path = (a: { id: number; slug: string; publishedAt: Date | null }) => articlePath(a, timeZone);
  return {
    timeZone,
    opinionDisclaimer,
    section,
    authors: [lead, second],
    tag,
    hero,
    article,
    articleUrl: path(article),
    pick,
    pickUrl: path(pick),
    calloutTarget: renamed,
    calloutUrl: path(renamed),
    draft,
    opinion,
    opinionUrl: path(opinion),
  };
}
