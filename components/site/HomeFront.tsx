import type { HomePage } from "@/lib/articles/public";
import type { Locale } from "./format";
import { StoryCard } from "./StoryCard";

/** The front page: the lead story, the latest stories, then a block per section in editorial order. */
export function HomeFront({
  home,
  locale,
  publicationName,
}: {
  home: HomePage;
  locale: Locale;
  publicationName: string;
}) {
  return (
    <div className="front">
      <h1 className="visually-hidden">{publicationName}: front page</h1>
      {!home.lead && <p className="empty">No stories have been published yet.</p>}
      {home.lead && (
        <section className="front__top" aria-labelledby="top-heading">
          <h2 id="top-heading" className="visually-hidden">
            Top story
          </h2>
          <StoryCard card={home.lead} locale={locale} variant="lead" headingLevel={3} />
        </section>
      )}
      {home.latest.length > 0 && (
        <section className="front__latest" aria-labelledby="latest-heading">
          <h2 id="latest-heading" className="section-heading">
            Latest
          </h2>
          <ul className="grid">
            {home.latest.map((card) => (
              <li key={card.id}>
                <StoryCard card={card} locale={locale} />
              </li>
            ))}
          </ul>
        </section>
      )}
      {home.sections.map((section) => (
        <section key={section.slug} className="front__section" aria-labelledby={`section-${section.slug}`}>
          <h2 id={`section-${section.slug}`} className="section-heading">
            <a href={section.url}>{section.name}</a>
          </h2>
          <ul className="grid">
            {section.articles.map((card) => (
              <li key={card.id}>
                <StoryCard card={card} locale={locale} showSection={false} />
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
