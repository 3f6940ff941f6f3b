import type { HomeFront as HomeFrontData, OpinionCard } from "@/lib/fronts/home";
import type { Locale } from "../format";
import { Picture } from "../Picture";
import { FrontCard } from "./FrontCard";

/**
 * The home page as a hierarchy: the lead (big picture, dek) beside the latest headlines; a featured tier; the
 * opinion rail with columnists' headshots beside "most read"; then a block per section (one image-led story and a
 * few headlines, with no section label repeated inside its own block). Pure: lib/fronts/home.ts decides what goes
 * where.
 */
export function HomeFront({
  home,
  locale,
  publicationName,
}: {
  home: HomeFrontData;
  locale: Locale;
  publicationName: string;
}) {
  return (
    <div className="fr">
      <h1 className="visually-hidden">{publicationName}: front page</h1>
      {!home.lead && <p className="empty">No stories have been published yet.</p>}
      {home.lead && (
        <div className="fr-top">
          <section className="fr-lead" aria-labelledby="fr-lead-heading">
            <h2 id="fr-lead-heading" className="visually-hidden">
              Top story
            </h2>
            <FrontCard card={home.lead} locale={locale} variant="lead" />
          </section>
          {home.latest.length > 0 && (
            <section className="fr-latest" aria-labelledby="fr-latest-heading">
              <h2 id="fr-latest-heading" className="fr-heading">
                Latest
              </h2>
              <ul className="fr-list">
                {home.latest.map((card) => (
                  <li key={card.id}>
                    <FrontCard card={card} locale={locale} variant="headline" />
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      )}
      {home.featured.length > 0 && (
        <section className="fr-featured" aria-labelledby="fr-featured-heading">
          <h2 id="fr-featured-heading" className="visually-hidden">
            Top stories
          </h2>
          <ul className="fr-grid">
            {home.featured.map((card) => (
              <li key={card.id}>
                <FrontCard card={card} locale={locale} variant="feature" />
              </li>
            ))}
          </ul>
        </section>
      )}
      {(home.opinion.length > 0 || home.mostRead.length > 0) && (
        <div className="fr-middle">
          {home.opinion.length > 0 && <OpinionRail cards={home.opinion} />}
          {home.mostRead.length > 0 && (
            <section className="fr-most-read" aria-labelledby="fr-most-read-heading">
              <h2 id="fr-most-read-heading" className="fr-heading">
                Most read
              </h2>
              <ol className="fr-ranked">
                {home.mostRead.map((card) => (
                  <li key={card.id}>
                    <a href={card.url}>{card.headline}</a>
                  </li>
                ))}
              </ol>
            </section>
          )}
        </div>
      )}
      {home.sections.length > 0 && (
        <div className="fr-sections">
          {home.sections.map((section) => (
            <section key={section.slug} className="fr-section" aria-labelledby={`fr-section-${section.slug}`}>
              <h2 id={`fr-section-${section.slug}`} className="fr-heading">
                <a href={section.url}>{section.name}</a>
              </h2>
              <FrontCard card={section.lead} locale={locale} variant="feature" place="section" showSection={false} />
              {section.list.length > 0 && (
                <ul className="fr-list">
                  {section.list.map((card) => (
                    <li key={card.id}>
                      <FrontCard card={card} locale={locale} variant="headline" showSection={false} />
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ))}
        </div>
      )}
    </div>
  );
}

/** Opinion pieces with the columnist's headshot (or the initial of their name when they have no photo). */
function OpinionRail({ cards }: { cards: OpinionCard[] }) {
  return (
    <section className="fr-opinion" aria-labelledby="fr-opinion-heading">
      <h2 id="fr-opinion-heading" className="fr-heading">
        Opinion
      </h2>
      <ul className="fr-opinion__list">
        {cards.map((card) => {
          const columnist = card.authors.map((a) => a.name).join(", ");
          return (
            <li key={card.id} className="fr-opinion__item">
              {card.headshot ? (
                <Picture className="fr-opinion__headshot" image={card.headshot} alt="" sizes="3.5rem" maxWidth={320} />
              ) : (
                <span className="fr-opinion__headshot fr-opinion__initial" aria-hidden="true">
                  {(card.authors[0]?.name ?? "?").slice(0, 1)}
                </span>
              )}
              <div>
                {columnist && <p className="fr-opinion__columnist">{columnist}</p>}
                <h3 className="fc__headline">
                  <a href={card.url}>{card.headline}</a>
                </h3>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
