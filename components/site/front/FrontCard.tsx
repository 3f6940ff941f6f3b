import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "../format";
import { Kicker } from "../Kicker";
import { Picture, THUMBNAIL_MAX_WIDTH } from "../Picture";
import { Time } from "../Time";

/**
 * `sizes` of front pictures, mirroring the fronts block of app/(site)/site.css (kept here rather than in Picture's
 * SIZES so the fronts stay in their own files). Below 40rem every picture but the lead is a 5.5rem thumbnail
 * beside the headline: a phone gets small images, not a column of full-width ones.
 */
const FRONT_SIZES = {
  /** `.fr-top`: the lead takes the first of two tracks 2fr 1fr from 48rem (72rem column at most). */
  lead: "(min-width: 72rem) 44rem, (min-width: 48rem) 62vw, 92vw",
  /** `.fr-featured`: four tracks from 64rem, two from 40rem, else a thumbnail. */
  feature: "(min-width: 64rem) 16rem, (min-width: 40rem) 46vw, 5.5rem",
  /** `.fr-section`: two blocks side by side from 48rem, one from 40rem, else a thumbnail. */
  section: "(min-width: 48rem) 33rem, (min-width: 40rem) 92vw, 5.5rem",
  /** `.fr-stream` (a section front's list): a 12rem track beside the text from 40rem, else a thumbnail. */
  list: "(min-width: 40rem) 12rem, 5.5rem",
} as const;

/**
 * One story on a front. `lead` is the page's top story (big picture, dek: the LCP image); `feature` is image-led,
 * a thumbnail on a phone; `headline` is text only. A card without a picture gets `fc--text`, so its text takes the
 * picture's track too: the grid keeps its shape and leaves no hole.
 */
export function FrontCard({
  card,
  locale,
  variant,
  place = "feature",
  showSection = true,
  showDek = variant !== "headline",
}: {
  card: ArticleCard;
  locale: Locale;
  variant: "lead" | "feature" | "headline";
  /** Where a feature card sits, which decides how wide its picture is drawn. */
  place?: "feature" | "section" | "list";
  showSection?: boolean;
  showDek?: boolean;
}) {
  const image = variant === "headline" ? null : card.image;
  const Heading = variant === "lead" ? "h2" : "h3";
  return (
    <article className={`fc fc--${variant}${image ? "" : " fc--text"}`}>
      {image &&
        (variant === "lead" ? (
          <Picture className="fc__image" image={image} alt={image.alt} sizes={FRONT_SIZES.lead} loading="lcp" />
        ) : (
          <Picture
            className="fc__image"
            image={image}
            alt={image.alt}
            sizes={FRONT_SIZES[place]}
            maxWidth={place === "section" ? 800 : THUMBNAIL_MAX_WIDTH}
          />
        ))}
      <div className="fc__text">
        <Kicker section={showSection ? card.section : null} type={card.type} />
        <Heading className="fc__headline">
          <a href={card.url}>{card.headline}</a>
        </Heading>
        {showDek && card.dek && <p className="fc__dek">{card.dek}</p>}
        <p className="fc__meta">
          {card.authors.length > 0 && <span>{card.authors.map((a) => a.name).join(", ")} · </span>}
          <Time iso={card.publishedAt} locale={locale} />
        </p>
      </div>
    </article>
  );
}
