import type { Metadata } from "next";
import Link from "next/link";
import { NewsroomPagination } from "@/components/admin/NewsroomPagination";
import { requireActor } from "@/lib/auth/sessions";
import { countInReview, listArticlesForAdmin } from "@/lib/articles/admin";
import { can } from "@/lib/auth/permissions";
import { ARTICLE_STATUSES } from "@/lib/articles/input";
import { readPublication } from "@/lib/settings/publication";
import { ArticleTable } from "@/components/admin/ArticleTable";
import { formatInZone } from "@/lib/time/zones";

export const metadata: Metadata = { title: "Articles" };

type Search = { status?: string | string[]; q?: string | string[]; page?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

const STATUS_OPTIONS: Record<(typeof ARTICLE_STATUSES)[number], string> = {
  draft: "Drafts",
  in_review: "In review",
  scheduled: "Scheduled",
  published: "Published",
  unpublished: "Unpublished",
  taken_down: "Taken down",
};

export default async function ArticlesPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const status = ARTICLE_STATUSES.find((s) => s === one(sp.status)) ?? "";
  const q = one(sp.q).slice(0, 200);
  const page = Math.max(1, Number.parseInt(one(sp.page), 10) || 1);
  const query = new URLSearchParams({
    ...(status ? { status } : {}),
    ...(q ? { q } : {}),
    ...(page > 1 ? { page: String(page) } : {}),
  });
  const actor = await requireActor("article:read", `/admin${query.size ? `?${query}` : ""}`);

  const [list, { timeZone }, inReview] = await Promise.all([
    listArticlesForAdmin(actor, { page, status: status || null, q: q || null }),
    readPublication(),
    can(actor, "article:review") ? countInReview(actor) : 0,
  ]);
  const pageHref = (n: number) => {
    const p = new URLSearchParams({
      ...(status ? { status } : {}),
      ...(q ? { q } : {}),
      ...(n > 1 ? { page: String(n) } : {}),
    });
    return p.size ? `/admin?${p}` : "/admin";
  };

  return (
    <>
      <div className="nr-page-head">
        <h1>Articles</h1>
        {can(actor, "article:review") ? (
          <Link href="/admin?status=in_review" className="nr-btn">
            Review queue{inReview ? ` (${inReview})` : ""}
          </Link>
        ) : null}
        <Link href="/admin/articles/new" className="nr-btn nr-btn-primary">
          New article
        </Link>
      </div>
      <form className="nr-filters" action="/admin" method="get" role="search">
        <label htmlFor="article-q" className="nr-skip">
          Search articles
        </label>
        <input id="article-q" type="search" name="q" defaultValue={q} placeholder="Search headline, slug or id" />
        <label htmlFor="article-status" className="nr-skip">
          Status
        </label>
        <select id="article-status" name="status" defaultValue={status}>
          <option value="">All statuses</option>
          {ARTICLE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {STATUS_OPTIONS[s]}
            </option>
          ))}
        </select>
        <button type="submit" className="nr-btn">
          Filter
        </button>
        {status || q ? (
          <Link href="/admin" className="nr-btn nr-btn-quiet">
            Clear
          </Link>
        ) : null}
        <span className="nr-muted" style={{ marginLeft: "auto" }}>
          {list.total} article{list.total === 1 ? "" : "s"}
        </span>
      </form>
      <ArticleTable
        rows={list.items.map((a) => ({
          id: a.id,
          headline: a.headline,
          status: a.status,
          type: a.type,
          sectionName: a.section.name,
          authorNames: a.authors.map((x) => x.name),
          updated: formatInZone(a.updatedAt, timeZone),
          published: a.status === "published" && a.publishedAt ? formatInZone(a.publishedAt, timeZone) : null,
          path: a.path,
          review: a.review
            ? `${a.status === "in_review" ? "Submitted" : "Sent back"}${a.review.by ? ` by ${a.review.by}` : ""}, ${formatInZone(a.review.at, timeZone)}${a.review.note ? `: “${a.review.note}”` : ""}`
            : null,
        }))}
      />
      <NewsroomPagination page={list.page} pageCount={list.pageCount} href={pageHref} />
    </>
  );
}
