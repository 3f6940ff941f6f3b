import type { SectionNavItem } from "@/lib/sections/public";

export function SiteFooter({ name, sections }: { name: string; sections: SectionNavItem[] }) {
  return (
    <footer className="site-footer">
      {sections.length > 0 && (
        <nav aria-label="Sections (footer)">
          <ul className="site-footer__sections">
            {sections.map((s) => (
              <li key={s.slug}>
                <a href={s.url}>{s.name}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p className="site-footer__fine">
        © {new Date().getFullYear()} {name}. <a href="/">Front page</a> · <a href="/authors">Authors</a> ·{" "}
        <a href="/corrections">Corrections</a>
      </p>
    </footer>
  );
}
