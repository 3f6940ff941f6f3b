import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "./format";
import { Kicker } from "./Kicker";
import { Time } from "./Time";

/**
 * One story in a list. `lead` is the home page's top story (large picture, dek); `standard` shows a small picture
 * and dek; `compact` is a headline with its metadata only.
 */
export function StoryCard({
  card,
  locale,
  variant = "standard",
  headingLevel = 3,
  showSection = true,
}: {
  card: ArticleCard;
  locale: Locale;
  variant?: "lead" | "standard" | "compact";
  headingLevel?: 2 | 3;
  showSection?: boolean;
}) {
  const Heading = `h${headingLevel}` as "h2" | "h3";
  const image = variant !== "compact" ? card.image : null;
  return (
    <article className={`story story--${variant}`}>
      {image && (
        <img
          className="story__image"
          src={image.src}
          width={image.width}
          height={image.height}
          alt={image.alt}
          loading={variant === "lead" ? "eager" : "lazy"}
          decoding="async"
        />
      )}
      <div className="story__text">
        <Kicker section={showSection ? card.section : null} type={card.type} />
        <Heading className="story__headline">
          <a href={card.url}>{card.headline}</a>
        </Heading>
        {variant !== "compact" && card.dek && <p className="story__dek">{card.dek}</p>}
        <p className="story__meta">
          {card.authors.length > 0 && <span>{card.authors.map((a) => a.name).join(", ")} · </span>}
          <Time iso={card.publishedAt} locale={locale} />
        </p>
      </div>
    </article>
  );
}
