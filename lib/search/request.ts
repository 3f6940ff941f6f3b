import { stripUnsafeText } from "../text/hygiene";
import { zonedLocalToDate } from "../time/zones";
import type { ArticleKind } from "../articles/view-models";

/**
 * What a reader asked /search for, as typed into the query string, checked once here. Problems are sentences for the
 * page to print (the form stays filled in so the reader can fix them); a request with problems is not run.
 */

/** Longer queries are nearly always pasted text; PostgreSQL would take them, but nobody reads such a result. */
export const MAX_QUERY_LENGTH = 200;
/** Results are paged 20 at a time; ranking considers the newest RANK_WINDOW matches (lib/search/public.ts). */
export const SEARCH_PAGE_SIZE = 20;

const TYPES: Record<string, ArticleKind> = {
  news: "NEWS",
  opinion: "OPINION",
  analysis: "ANALYSIS",
  feature: "FEATURE",
};
export const TYPE_NAMES = Object.keys(TYPES);

export type SearchRequest = {
  q: string;
  section: string | null;
  author: string | null;
  /** Lower-case type name from TYPE_NAMES. */
  type: string | null;
  /** YYYY-MM-DD, as typed (the form shows it back). */
  from: string | null;
  to: string | null;
  page: number;
};

export type ParsedSearch = { request: SearchRequest; problems: string[] };

type Params = Record<string, string | string[] | undefined>;

const one = (value: string | string[] | undefined): string => {
  const v = Array.isArray(value) ? value[0] : value;
  return v === undefined ? "" : stripUnsafeText(v).trim();
};
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function parseSearchParams(params: Params): ParsedSearch {
  const problems: string[] = [];
  let q = one(params.q).replace(/\s+/g, " ");
  if (q.length > MAX_QUERY_LENGTH) {
    problems.push(`Searches are limited to ${MAX_QUERY_LENGTH} characters; yours has ${q.length}.`);
    q = q.slice(0, MAX_QUERY_LENGTH);
  }
  const slug = (name: string, label: string) => {
    const v = one(params[name]).toLowerCase();
    if (!v) return null;
    if (!SLUG.test(v)) problems.push(`There is no ${label} called "${v.slice(0, 60)}".`);
    return v;
  };
  const section = slug("section", "section");
  const author = slug("author", "writer");
  const typeText = one(params.type).toLowerCase();
  let type: string | null = null;
  if (typeText) {
    if (TYPES[typeText]) type = typeText;
    else problems.push(`Choose the kind of article from: ${TYPE_NAMES.join(", ")}.`);
  }
  const day = (name: string, label: string) => {
    const v = one(params[name]);
    if (!v) return null;
    if (
      !DAY.test(v) ||
      Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
      new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
    ) {
      problems.push(`The "${label}" date must be a real date written like 2026-11-30.`);
    }
    return v;
  };
  const from = day("from", "from");
  const to = day("to", "to");
  if (from && to && !problems.length && from > to)
    problems.push(`The "from" date (${from}) is after the "to" date (${to}).`);
  const pageText = one(params.page);
  let page = 1;
  if (pageText) {
    if (/^[1-9]\d{0,5}$/.test(pageText)) page = Number(pageText);
    else problems.push("The page number must be a whole number from 1.");
  }
  return { request: { q, section, author, type, from, to, page }, problems };
}

/** The database value of a type name. */
export const typeValue = (name: string | null): ArticleKind | null => (name ? (TYPES[name] ?? null) : null);

/** The instants a from/to day filter names in the publication's time zone: [start of from, start of the day after to). */
export function dayRange(
  request: Pick<SearchRequest, "from" | "to">,
  timeZone: string,
): { after: Date | null; before: Date | null } {
  const after = request.from ? zonedLocalToDate(`${request.from}T00:00`, timeZone) : null;
  let before: Date | null = null;
  if (request.to) {
    const next = new Date(Date.parse(`${request.to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    before = zonedLocalToDate(`${next}T00:00`, timeZone);
  }
  return { after, before };
}

/** The query string of a search (page 1 has none), for links that keep the filters: pagination, suggestions. */
export function searchHref(request: SearchRequest, change: Partial<SearchRequest> = {}): string {
  const r = { ...request, ...change };
  const params = new URLSearchParams();
  if (r.q) params.set("q", r.q);
  if (r.section) params.set("section", r.section);
  if (r.type) params.set("type", r.type);
  if (r.author) params.set("author", r.author);
  if (r.from) params.set("from", r.from);
  if (r.to) params.set("to", r.to);
  if (r.page > 1) params.set("page", String(r.page));
  const text = params.toString();
  return text ? `/search?${text}` : "/search";
}
