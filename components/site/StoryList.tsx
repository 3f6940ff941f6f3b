import type { ArticleCard } from "@/lib/articles/view-models";
import type { Locale } from "./format";
import { StoryCard } from "./StoryCard";

/** A column of stories, e.g. a section front or an author's articles. */
export function StoryList({
  cards,
  locale,
  showSection = true,
  omitAuthor,
}: {
  cards: ArticleCard[];
  locale: Locale;
  showSection?: boolean;
  /** On an author's own page: their slug, left out of every byline. */
  omitAuthor?: string;
}) {
  return (
    <ol className="story-list">
      {cards.map((card) => (
        <li key={card.id}>
          <StoryCard
            card={card}
            locale={locale}
            headingLevel={2}
            showSection={showSection}
            layout="list"
            omitAuthor={omitAuthor}
          />
        </li>
      ))}
    </ol>
  );
}
