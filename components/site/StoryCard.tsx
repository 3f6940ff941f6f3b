import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "./format";
import { Kicker } from "./Kicker";
import { Picture, SIZES, THUMBNAIL_MAX_WIDTH } from "./Picture";
import { Time } from "./Time";

/**
 * One story in a list. `lead` is the home page's top story (large picture, dek, the page's LCP image); `standard`
 * shows a small picture and dek; `compact` is a headline with its metadata only. `layout` names the list the card
 * sits in, which decides how wide its picture is drawn (`sizes`).
 */
export function StoryCard({
  card,
  locale,
  variant = "standard",
  headingLevel = 3,
  showSection = true,
  layout = "grid",
  omitAuthor,
}: {
  card: ArticleCard;
  locale: Locale;
  variant?: "lead" | "standard" | "compact";
  headingLevel?: 2 | 3;
  showSection?: boolean;
  layout?: "grid" | "list";
  /** An author page's own author: not repeated on each of their cards; co-authors read "with …". */
  omitAuthor?: string;
}) {
  const authors = card.authors.filter((a) => a.slug !== omitAuthor).map((a) => a.name);
  const byline = authors.length === 0 ? "" : omitAuthor ? `with ${authors.join(", ")}` : authors.join(", ");
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const image = variant !== "compact" ? card.image : null;
  return (
    <article className={`story story--${variant}`}>
      {image &&
        (variant === "lead" ? (
          <Picture className="story__image" image={image} alt={image.alt} sizes={SIZES.lead} loading="lcp" />
        ) : (
          <Picture
            className="story__image"
            image={image}
            alt={image.alt}
            sizes={layout === "list" ? SIZES.listCard : SIZES.gridCard}
            maxWidth={THUMBNAIL_MAX_WIDTH}
          />
        ))}
      <div className="story__text">
        <Kicker section={showSection ? card.section : null} type={card.type} />
        <Heading className="story__headline">
          <a href={card.url}>{card.headline}</a>
        </Heading>
        {variant !== "compact" && card.dek && <p className="story__dek">{card.dek}</p>}
        <p className="story__meta">
          {byline && <span>{byline} · </span>}
          <Time iso={card.publishedAt} locale={locale} />
        </p>
      </div>
    </article>
  );
}
