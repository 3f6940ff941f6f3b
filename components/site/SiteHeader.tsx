import type { SectionNavItem } from "@/lib/sections/public";
import { SearchBox } from "./SearchBox";

/**
 * Past this many sections the header adds an "All sections" menu: a <details>, so it opens without JavaScript.
 * The row itself never wraps: it scrolls sideways on a narrow screen (site.css, "h8: navigation").
 */
const MENU_AFTER = 6;

export function SiteHeader({ name, tagline, sections }: { name: string; tagline: string; sections: SectionNavItem[] }) {
  return (
    <header className="site-header">
      <div className="site-header__brand">
        <a href="/" className="site-header__name">
          {name}
        </a>
        {tagline && <p className="site-header__tagline">{tagline}</p>}
      </div>
      <SearchBox id="site-search" className="search-box site-header__search" />
      {sections.length > 0 && (
        <nav className="site-nav" aria-label="Sections">
          <ul className="site-nav__list">
            {sections.map((s) => (
              <li key={s.slug}>
                <a href={s.url}>{s.name}</a>
              </li>
            ))}
          </ul>
          {sections.length > MENU_AFTER && (
            <details className="site-nav__more">
              <summary>All sections</summary>
              <ul className="site-nav__menu">
                {sections.map((s) => (
                  <li key={s.slug}>
                    <a href={s.url}>{s.name}</a>
                  </li>
                ))}
              </ul>
            </details>
          )}
        </nav>
      )}
    </header>
  );
}
