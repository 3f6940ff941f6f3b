import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "./format";
import { StoryCard } from "./StoryCard";

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
            <StoryCard card={card} locale={locale} variant="compact" />
          </li>
        ))}
      </ul>
    </section>
  );
}
