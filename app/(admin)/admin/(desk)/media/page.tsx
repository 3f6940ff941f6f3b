import type { Metadata } from "next";
import Link from "next/link";
import { NewsroomPagination } from "@/components/admin/NewsroomPagination";
import { MediaGrid } from "@/components/admin/media/MediaGrid";
import { MediaUploadForm } from "@/components/admin/media/MediaUploadForm";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/sessions";
import { listMedia } from "@/lib/media/library";
import { readPublication } from "@/lib/settings/publication";
import { dateTimeFormat, zonedLocalToDate } from "@/lib/time/zones";
import { uploadMediaAction } from "./actions";

export const metadata: Metadata = { title: "Media library" };

type Search = { q?: string | string[]; from?: string | string[]; to?: string | string[]; page?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day after `YYYY-MM-DD`, as `YYYY-MM-DD` (calendar arithmetic in UTC, where no day is skipped). */
function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

/**
 * The media library: search by alt text, caption or credit, filter by upload day (in the publication's time zone),
 * pages of 24, and upload. A plain GET form filters, so it works without JavaScript.
 */
export default async function MediaPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const q = one(sp.q).slice(0, 200);
  // A malformed day (an old bookmark, a typo) is dropped rather than refused, like the other newsroom filters.
  const from = DAY.test(one(sp.from)) ? one(sp.from) : "";
  const to = DAY.test(one(sp.to)) ? one(sp.to) : "";
  const page = Math.min(100_000, Math.max(1, Number.parseInt(one(sp.page), 10) || 1));
  const href = (n: number) => {
    const p = new URLSearchParams({
      ...(q ? { q } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
      ...(n > 1 ? { page: String(n) } : {}),
    });
    return p.size ? `/admin/media?${p}` : "/admin/media";
  };
  const actor = await requireActor("article:read", href(page));
  const { timeZone } = await readPublication();
  const library = await listMedia(actor, {
    q,
    page,
    from: from ? zonedLocalToDate(`${from}T00:00`, timeZone) : null,
    before: to ? zonedLocalToDate(`${nextDay(to)}T00:00`, timeZone) : null,
  });
  const day = dateTimeFormat("en-GB", { timeZone, day: "numeric", month: "short", year: "numeric" });
  const filtered = Boolean(q || from || to);

  return (
    <>
      <div className="nr-page-head">
        <h1>Media library</h1>
      </div>
      <form className="nr-filters" action="/admin/media" method="get" role="search" aria-label="Images">
        <label htmlFor="media-q">Search</label>
        <input id="media-q" name="q" type="search" defaultValue={q} placeholder="Alt text, caption or credit" />
        <label htmlFor="media-from">Uploaded from</label>
        <input id="media-from" name="from" type="date" defaultValue={from} />
        <label htmlFor="media-to">to</label>
        <input id="media-to" name="to" type="date" defaultValue={to} />
        <button type="submit" className="nr-btn">
          Search
        </button>
        {filtered ? (
          <Link href="/admin/media" className="nr-btn nr-btn-quiet">
            Clear
          </Link>
        ) : null}
        <span className="nr-muted" style={{ marginLeft: "auto" }} role="status">
          {library.total} image{library.total === 1 ? "" : "s"}
        </span>
      </form>
      {library.items.length === 0 ? (
        <p className="nr-empty">{filtered ? "No image matches this search." : "No images yet. Upload one below."}</p>
      ) : (
        <MediaGrid items={library.items.map((item) => ({ ...item, createdLabel: day.format(item.createdAt) }))} />
      )}
      <NewsroomPagination page={library.page} pageCount={library.pageCount} href={href} />
      {can(actor, "media:upload") ? <MediaUploadForm action={uploadMediaAction} /> : null}
    </>
  );
}
