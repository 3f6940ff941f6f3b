import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { requireActor } from "@/lib/auth/sessions";
import { getAuthorForEdit } from "@/lib/authors/mutations";
import { getMedia } from "@/lib/media/library";
import { DomainError } from "@/lib/errors";
import { AuthorForm } from "@/components/admin/AuthorForm";
import { saveAuthorAction } from "../actions";

export const metadata: Metadata = { title: "Edit author" };

const orNotFound = (error: unknown): never => {
  if (error instanceof DomainError && error.status === 404) notFound();
  throw error;
};

export default async function EditAuthorPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<{ created?: string }>;
}) {
  const [{ id: rawId }, { created }] = await Promise.all([params, searchParams]);
  const actor = await requireActor("author:manage", `/admin/authors/${encodeURIComponent(rawId)}`);
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  const author = await getAuthorForEdit(actor, Number(rawId)).catch(orNotFound);
  const photo = author.photoId ? await getMedia(actor, author.photoId).catch(() => null) : null;
  return (
    <>
      <div className="nr-page-head">
        <h1>
          <Link href="/admin/authors">Authors</Link> / {author.name}
        </h1>
        <a href={`/authors/${author.slug}`} target="_blank" rel="noopener" className="nr-btn">
          View author page
        </a>
      </div>
      {created ? (
        <p className="nr-alert nr-alert-ok" role="status">
          Author created.
        </p>
      ) : null}
      <section className="nr-panel" style={{ maxWidth: 720 }}>
        {photo ? <img src={photo.url} alt={`Photo of ${author.name}`} className="nr-avatar nr-avatar-large" /> : null}
        <AuthorForm
          action={saveAuthorAction}
          id={author.id}
          hasPhoto={!!photo}
          label={`Edit author ${author.name}`}
          submitLabel="Save author"
          values={{
            name: author.name,
            slug: author.slug,
            title: author.title,
            bio: author.bio,
            links: author.links.map((l) => `${l.label} | ${l.url}`).join("\n"),
            pseudonymous: author.pseudonymous,
          }}
        />
      </section>
    </>
  );
}
