import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "./format";
import { Kicker } from "./Kicker";
import { Picture, THUMBNAIL_MAX_WIDTH } from "./Picture";
import { Time } from "./Time";

/** Thumbnails are a 6rem column beside the headline at every width (site.css, "h8: related"). */
const THUMB_SIZES = "6rem";

/** Below the article: editor picks, then the scored automatic list (lib/articles/public.ts), each with a thumbnail. */
export function RelatedArticles({ items, locale }: { items: ArticleCard[]; locale: Locale }) {
  if (items.length === 0) return null;
  return (
    <section className="related" aria-labelledby="related-heading">
      <h2 id="related-heading" className="section-heading">
        Related articles
      </h2>
      <ul className="related__list">
        {items.map((card) => (
          <li key={card.id}>
            <article className="related-card">
              {card.image ? (
                <Picture
                  className="related-card__image"
                  image={card.image}
                  alt=""
                  sizes={THUMB_SIZES}
                  maxWidth={THUMBNAIL_MAX_WIDTH}
                />
              ) : (
                <span className="related-card__image related-card__image--none" aria-hidden="true" />
              )}
              <div className="related-card__text">
                <Kicker section={card.section} type={card.type} />
                <h3 className="related-card__headline">
                  <a href={card.url}>{card.headline}</a>
                </h3>
                <p className="story__meta">
                  <Time iso={card.publishedAt} locale={locale} />
                </p>
              </div>
            </article>
          </li>
        ))}
      </ul>
    </section>
  );
}
