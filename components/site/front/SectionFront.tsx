import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "../format";
import { FrontCard } from "./FrontCard";

/**
 * A section front's stories: on its first page a featured story (the editors' pinned lead, else the newest), then
 * the rest as a compact list with thumbnails. The section's name is the page's heading, so no card repeats it.
 */
export function SectionFront({
  featured,
  cards,
  locale,
}: {
  featured: ArticleCard | null;
  cards: ArticleCard[];
  locale: Locale;
}) {
  return (
    <>
      {featured && (
        <section className="fr-section-lead" aria-label="Featured story">
          <FrontCard card={featured} locale={locale} variant="lead" showSection={false} />
        </section>
      )}
      {cards.length > 0 && (
        <ol className="fr-stream">
          {cards.map((card) => (
            <li key={card.id}>
              <FrontCard card={card} locale={locale} variant="feature" place="list" showSection={false} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
