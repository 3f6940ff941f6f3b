import type { SectionNavItem } from "@/lib/sections/public";
import { SearchBox } from "./SearchBox";

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
          <ul>
            {sections.map((s) => (
              <li key={s.slug}>
                <a href={s.url}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
    </header>
  );
}
