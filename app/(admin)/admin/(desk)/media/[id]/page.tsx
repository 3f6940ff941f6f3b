import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { statusLabel } from "@/components/admin/article-form";
import { MediaDeleteForm } from "@/components/admin/media/MediaDeleteForm";
import { MediaEditForm } from "@/components/admin/media/MediaEditForm";
import { articlePath } from "@/lib/articles/urls";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/sessions";
import { DomainError } from "@/lib/errors";
import { getMediaWithUsage } from "@/lib/media/library";
import { readPublication } from "@/lib/settings/publication";
import { formatInZone } from "@/lib/time/zones";
import { deleteMediaAction, saveMediaAction } from "../actions";

export const metadata: Metadata = { title: "Image" };

type Params = { id: string };
type Search = { uploaded?: string | string[] };

/** One image: its texts and focal point, every article and author page that uses it, and deletion when unused. */
export default async function MediaItemPage({
  params,
  searchParams,
}: {
  params: Promise<Params>;
  searchParams: Promise<Search>;
}) {
  const [{ id: idText }, sp] = await Promise.all([params, searchParams]);
  if (!/^[1-9][0-9]{0,8}$/.test(idText)) notFound();
  const actor = await requireActor("article:read", `/admin/media/${idText}`);
  const media = await getMediaWithUsage(actor, Number(idText)).catch((error: unknown) => {
    if (error instanceof DomainError && error.status === 404) notFound();
    throw error;
  });
  const { timeZone } = await readPublication();
  const manage = can(actor, "media:manage") && !media.removed;
  const { articles, authors } = media.usage;
  const used = articles.length + authors.length > 0;

  return (
    <>
      <div className="nr-page-head">
        <h1>Image {media.id}</h1>
        <Link href="/admin/media" className="nr-btn nr-btn-quiet">
          ← Media library
        </Link>
      </div>
      {sp.uploaded ? (
        <p className="nr-alert nr-alert-ok" role="status">
          Uploaded. Check its alt text, caption and credit, and set a focal point if the crops need one.
        </p>
      ) : null}
      {media.removed ? (
        <p className="nr-alert nr-alert-error" role="status">
          This image was removed: its addresses answer “410 Gone” and it can no longer be used or edited.
        </p>
      ) : null}
      <div className="nr-grid-2">
        <div>
          {manage ? (
            <MediaEditForm
              action={saveMediaAction}
              id={media.id}
              src={media.url}
              width={media.width}
              height={media.height}
              values={{
                alt: media.alt,
                caption: media.caption,
                credit: media.credit,
                decorative: media.decorative,
                focal: media.focal,
              }}
            />
          ) : (
            <section className="nr-panel" aria-label="Image">
              {media.removed ? null : <img className="nr-hero-preview" src={media.url} alt={media.alt} />}
              <dl>
                <dt>Alt text</dt>
                <dd>{media.alt || "—"}</dd>
                <dt>Caption</dt>
                <dd>{media.caption || "—"}</dd>
                <dt>Credit</dt>
                <dd>{media.credit || "—"}</dd>
              </dl>
            </section>
          )}
        </div>
        <div>
          <section className="nr-panel" aria-labelledby="media-used-h">
            <h2 id="media-used-h">Where it is used</h2>
            {!used ? <p className="nr-muted">Nothing uses this image.</p> : null}
            {articles.length > 0 ? (
              <table className="nr-table">
                <caption className="nr-skip">Articles using this image</caption>
                <thead>
                  <tr>
                    <th scope="col">Article</th>
                    <th scope="col">As</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {articles.map((a) => (
                    <tr key={a.id}>
                      <td>
                        <Link href={`/admin/articles/${a.id}`}>{a.headline}</Link>
                        {a.status === "published" && a.publishedAt ? (
                          <>
                            {" · "}
                            <a href={articlePath(a, timeZone)} target="_blank" rel="noopener">
                              view on the site
                            </a>
                          </>
                        ) : null}
                      </td>
                      <td>
                        {[a.asHero ? "hero" : "", a.inBody ? "in the body" : "", a.asSocial ? "social image" : ""]
                          .filter(Boolean)
                          .join(", ")}
                      </td>
                      <td>
                        <span className={`nr-status nr-status-${a.status}`}>{statusLabel(a.status)}</span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            ) : null}
            {authors.length > 0 ? (
              <ul className="nr-list">
                {authors.map((au) => (
                  <li key={au.id}>
                    Photo of author <Link href={`/admin/authors/${au.id}`}>{au.name}</Link>
                  </li>
                ))}
              </ul>
            ) : null}
          </section>
          <section className="nr-panel" aria-labelledby="media-file-h">
            <h2 id="media-file-h">File</h2>
            <dl className="nr-media-facts">
              <dt>Size</dt>
              <dd>
                {media.width}×{media.height} px, {Math.ceil(media.bytes / 1024)} KB ({media.mimeType})
              </dd>
              <dt>Uploaded</dt>
              <dd>{formatInZone(media.createdAt, timeZone)}</dd>
              <dt>Address</dt>
              <dd>
                <code>{media.url}</code>
              </dd>
            </dl>
          </section>
          {manage ? <MediaDeleteForm action={deleteMediaAction} id={media.id} used={used} /> : null}
        </div>
      </div>
    </>
  );
}
