import type { ArticlePageView } from "@/lib/articles/view-models";
import type { Crumb } from "@/lib/seo/breadcrumbs";
import { tagPath } from "@/lib/seo/urls";
import { AgeNotice } from "./AgeNotice";
import { ArticleBody } from "./ArticleBody";
import { Breadcrumb } from "./Breadcrumb";
import { ArticleNotes } from "./ArticleNotes";
import { Byline } from "./Byline";
import { Credit } from "./Credit";
import type { Locale } from "./format";
import { Kicker } from "./Kicker";
import { OpinionDisclaimer } from "./OpinionDisclaimer";
import { Picture, SIZES } from "./Picture";
import { RelatedArticles } from "./RelatedArticles";
import { ShareLinks } from "./ShareLinks";
import { Time } from "./Time";

/**
 * A whole article page below the site header. `opinionDisclaimer` is shown only on opinion pieces; `canonicalUrl`
 * (absolute) is what the share links carry; `crumbs` is the trail the page also states in JSON-LD.
 */
export function ArticleView({
  article,
  locale,
  opinionDisclaimer,
  canonicalUrl,
  crumbs,
}: {
  article: ArticlePageView;
  locale: Locale;
  opinionDisclaimer: string;
  canonicalUrl: string;
  crumbs: Crumb[];
}) {
  const { hero } = article;
  return (
    <>
      <Breadcrumb crumbs={crumbs} />
      <article className={`article article--${article.type.toLowerCase()}`}>
        <header className="article__header">
          <AgeNotice publishedAt={article.publishedAt} />
          <Kicker section={article.section} type={article.type} />
          <h1 className="article__headline">{article.headline}</h1>
          {article.dek && <p className="article__dek">{article.dek}</p>}
          <div className="article__meta">
            <Byline authors={article.authors} />
            <p className="dateline">
              <span>
                Published <Time iso={article.publishedAt} locale={locale} withTime />
              </span>
              {article.contentUpdatedAt && (
                <span className="dateline__updated">
                  Updated <Time iso={article.contentUpdatedAt} locale={locale} withTime />
                </span>
              )}
              <span className="dateline__reading">{article.readingMinutes} min read</span>
            </p>
          </div>
          <ShareLinks url={canonicalUrl} headline={article.headline} />
        </header>
        {hero && (
          <figure className="article__hero">
            <Picture image={hero.image} alt={hero.image.alt} sizes={SIZES.articleColumn} loading="lcp" />
            {(hero.caption || hero.credit) && (
              <figcaption>
                {hero.caption}
                {hero.caption && hero.credit ? " " : null}
                {hero.credit && <Credit text={hero.credit} />}
              </figcaption>
            )}
          </figure>
        )}
        <ArticleNotes kind="correction" notes={article.corrections} locale={locale} />
        <div className="article__body">
          <ArticleBody doc={article.body} callouts={article.callouts} media={article.media} />
        </div>
        <ArticleNotes kind="update" notes={article.updates} locale={locale} />
        {article.type === "OPINION" && <OpinionDisclaimer text={opinionDisclaimer} />}
        {article.tags.length > 0 && (
          <footer className="article__footer">
            <h2 className="visually-hidden">Topics</h2>
            <ul className="tags" aria-label="Topics">
              {article.tags.map((t) => (
                <li key={t.slug}>
                  <a href={tagPath(t.slug)} rel="tag">
                    {t.name}
                  </a>
                </li>
              ))}
            </ul>
          </footer>
        )}
      </article>
      <RelatedArticles items={article.related} locale={locale} />
    </>
  );
}
