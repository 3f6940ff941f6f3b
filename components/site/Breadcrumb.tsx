import type { Crumb } from "@/lib/seo/breadcrumbs";

/**
 * The visible trail: every step but the last is a link, the last is this page (`aria-current`). The page passes the
 * same list to its BreadcrumbList JSON-LD (lib/seo/breadcrumbs.ts), so both always agree.
 */
export function Breadcrumb({ crumbs }: { crumbs: Crumb[] }) {
  if (crumbs.length < 2) return null;
  return (
    <nav className="breadcrumb" aria-label="Breadcrumb">
      <ol>
        {crumbs.map((c, i) => (
          <li key={c.path}>
            {i < crumbs.length - 1 ? (
              <a href={c.path}>{i === 0 ? "Home" : c.name}</a>
            ) : (
              <span aria-current="page">{c.name}</span>
            )}
          </li>
        ))}
      </ol>
    </nav>
  );
}
