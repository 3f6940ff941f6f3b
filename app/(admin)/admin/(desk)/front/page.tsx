import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/sessions";
import { listFrontPins, searchArticlesToPin, slotLabel } from "@/lib/fronts/curation";
import { listSections } from "@/lib/sections/mutations";
import { readPublication } from "@/lib/settings/publication";
import { formatInZone } from "@/lib/time/zones";
import { pinAction, unpinAction } from "./actions";

export const metadata: Metadata = { title: "Front pages" };

type Search = {
  section?: string | string[];
  q?: string | string[];
  done?: string | string[];
  error?: string | string[];
};
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? "";

/**
 * Editors pin stories on the home page (a lead and featured slots) and on each section front (a lead), with an
 * optional expiry. Plain GET forms choose the front and search headlines; each pin is a small form post, so the
 * screen works with JavaScript off.
 */
export default async function FrontPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const sectionSlug = one(sp.section).trim();
  const q = one(sp.q).trim().slice(0, 200);
  const self = `/admin/front${sectionSlug ? `?section=${encodeURIComponent(sectionSlug)}` : ""}`;
  const actor = await requireActor("front:curate", self);
  const sections = await listSections(actor);
  const section = sections.find((s) => s.slug === sectionSlug)?.slug ?? null;
  const front = { section };
  const [pins, found, { timeZone }] = await Promise.all([
    listFrontPins(actor, front),
    q ? searchArticlesToPin(actor, q, front) : Promise.resolve(null),
    readPublication(),
  ]);
  const done = one(sp.done);
  const error = one(sp.error).slice(0, 300);
  const bySlot = new Map(pins.pins.map((p) => [p.slot, p]));

  return (
    <>
      <div className="nr-page-head">
        <h1>Front pages</h1>
      </div>
      <form className="nr-filters" action="/admin/front" method="get">
        <label htmlFor="front-section">Front</label>
        <select id="front-section" name="section" defaultValue={section ?? ""}>
          <option value="">Home page</option>
          {sections.map((s) => (
            <option key={s.slug} value={s.slug}>
              {s.name} front
            </option>
          ))}
        </select>
        <button type="submit" className="nr-btn">
          Show
        </button>
      </form>

      {done && (
        <p className="nr-alert nr-alert-ok" role="status">
          {done === "pinned" ? "Pinned. The front shows it now." : "Unpinned. The newest story fills the slot."}
        </p>
      )}
      {error && (
        <p className="nr-alert nr-alert-error" role="alert">
          {error}
        </p>
      )}

      <h2>{pins.title}</h2>
      <p>Unpinned slots show the newest stories. A pin stops counting when it expires or its story leaves the site.</p>
      <table className="nr-table">
        <caption className="nr-skip">Pinned stories on the {pins.title.toLowerCase()}</caption>
        <thead>
          <tr>
            <th scope="col">Slot</th>
            <th scope="col">Story</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="nr-skip">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {pins.slots.map((slot) => {
            const pin = bySlot.get(slot);
            return (
              <tr key={slot} data-slot={slot}>
                <th scope="row">{slotLabel(slot)}</th>
                <td>
                  {pin ? (
                    <>
                      {pin.path ? <a href={pin.path}>{pin.headline}</a> : pin.headline}
                      {pin.ignored && <span className="nr-muted"> ({pin.ignored})</span>}
                    </>
                  ) : (
                    <span className="nr-muted">Newest story</span>
                  )}
                </td>
                <td>{pin?.expiresAt ? formatInZone(new Date(pin.expiresAt), timeZone) : pin ? "Never" : ""}</td>
                <td>
                  {pin && (
                    <form action={unpinAction}>
                      <input type="hidden" name="section" value={section ?? ""} />
                      <input type="hidden" name="slot" value={slot} />
                      <button type="submit" className="nr-btn nr-btn-small">
                        Unpin <span className="nr-skip">{slotLabel(slot).toLowerCase()}</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <h2>Pin a story</h2>
      <form className="nr-filters" action="/admin/front" method="get" role="search">
        {section && <input type="hidden" name="section" value={section} />}
        <label htmlFor="front-q">Headline contains</label>
        <input id="front-q" name="q" type="search" defaultValue={q} maxLength={200} />
        <button type="submit" className="nr-btn">
          Search
        </button>
      </form>
      {found && found.length === 0 && (
        <p>
          No published story{section ? " in this section" : ""} matches “{q}”.
        </p>
      )}
      {found && found.length > 0 && (
        <ul className="nr-list">
          {found.map((article) => (
            <li key={article.id}>
              <form action={pinAction} className="nr-pin-form">
                <input type="hidden" name="section" value={section ?? ""} />
                <input type="hidden" name="articleId" value={article.id} />
                <p>
                  <strong>{article.headline}</strong>{" "}
                  <span className="nr-muted">
                    {article.section} · {formatInZone(new Date(article.publishedAt), timeZone)}
                  </span>
                </p>
                <label htmlFor={`slot-${article.id}`}>Slot</label>
                <select id={`slot-${article.id}`} name="slot" defaultValue="0">
                  {pins.slots.map((slot) => (
                    <option key={slot} value={slot}>
                      {slotLabel(slot)}
                    </option>
                  ))}
                </select>
                <label htmlFor={`expires-${article.id}`}>Expires (optional)</label>
                <input id={`expires-${article.id}`} name="expiresAt" type="datetime-local" />
                <button type="submit" className="nr-btn nr-btn-primary nr-btn-small">
                  Pin <span className="nr-skip">“{article.headline}”</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
