import { db } from "../db";

/**
 * Whether a section, author or tag exists, for proxy.ts. A page that calls `notFound()` is answered by Next with an
 * empty HTML shell that only renders with JavaScript (multiple root layouts); the proxy rewrites requests for
 * unknown scopes to the global 404 page instead, which is a complete document. Memoised briefly in process
 * memory, and forgotten on every publishing change (lib/publishing/revalidate.ts), so a new section answers at once.
 */
export type ScopeKind = "section" | "author" | "tag";

const TTL_MS = 10_000;
const MAX_ENTRIES = 5_000;
const store = globalThis as unknown as { broadsheetScopeMemo?: Map<string, { exists: boolean; at: number }> };

function memo() {
  store.broadsheetScopeMemo ??= new Map();
  return store.broadsheetScopeMemo;
}

async function count(kind: ScopeKind, slug: string): Promise<number> {
  switch (kind) {
    case "section":
      return db().section.count({ where: { slug } });
    case "author":
      return db().author.count({ where: { slug } });
    case "tag":
      return db().tag.count({ where: { slug } });
  }
}

export async function scopeExists(kind: ScopeKind, slug: string, now = Date.now()): Promise<boolean> {
  const key = `${kind}:${slug}`;
  const known = memo().get(key);
  if (known && now - known.at < TTL_MS) return known.exists;
  const exists = (await count(kind, slug)) > 0;
  if (memo().size >= MAX_ENTRIES) memo().clear();
  memo().set(key, { exists, at: now });
  return exists;
}

export function forgetScopes(): void {
  memo().clear();
}

/** The scope a public path names, if it is a section front, author page or tag page. */
export function scopeOfPath(pathname: string): { kind: ScopeKind; slug: string } | null {
  const author = /^\/authors\/([^/]+)$/.exec(pathname);
  if (author) return { kind: "author", slug: decodeURIComponent(author[1]!) };
  const tag = /^\/tags\/([^/]+)$/.exec(pathname);
  if (tag) return { kind: "tag", slug: decodeURIComponent(tag[1]!) };
  const section = /^\/([^/]+)$/.exec(pathname);
  if (section && section[1] !== "admin") return { kind: "section", slug: decodeURIComponent(section[1]!) };
  return null;
}
