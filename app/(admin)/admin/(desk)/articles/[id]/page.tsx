import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/sessions";
import { getArticleForEdit } from "@/lib/articles/admin";
import { listAuthors } from "@/lib/authors/mutations";
import { listSections } from "@/lib/sections/mutations";
import { readPublication } from "@/lib/settings/publication";
import { DomainError } from "@/lib/errors";
import { ArticleEditor } from "@/components/admin/ArticleEditor";
import { TakeDownPanel } from "@/components/admin/TakeDownPanel";
import { ArticleNotesPanel } from "@/components/admin/ArticleNotesPanel";
import { listArticleNotes } from "@/lib/articles/notes";
import { toFormValues } from "@/components/admin/to-form-values";
import { saveArticleAction, searchArticlesAction, uploadImageAction } from "../actions";
import { takeDownArticleAction } from "../take-down-action";
import { addArticleNoteAction } from "../notes-action";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: Props) {
  const { id: rawId } = await params;
  const actor = await requireActor("article:read", `/admin/articles/${encodeURIComponent(rawId)}`);
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  const article = await getArticleForEdit(actor, Number(rawId)).catch((error: unknown) => {
    if (error instanceof DomainError && error.status === 404) notFound();
    throw error;
  });
  const [sections, authors, { timeZone, name: siteName }, notes] = await Promise.all([
    listSections(actor),
    listAuthors(actor),
    readPublication(),
    listArticleNotes(actor, article.id),
  ]);
  return (
    <>
      <div className="nr-page-head">
        <h1>Edit article</h1>
      </div>
      <ArticleEditor
        // The status is part of the key so a take-down (which reloads this page) shows in the editor at once.
        key={`${article.id}-${article.status}`}
        initial={toFormValues(article, timeZone)}
        sections={sections.map((s) => ({ slug: s.slug, name: s.name }))}
        authors={authors.map((a) => ({ slug: a.slug, name: a.name }))}
        timeZone={timeZone}
        siteName={siteName}
        canPublish={can(actor, "article:publish")}
        save={saveArticleAction}
        uploadImage={uploadImageAction}
        searchArticles={searchArticlesAction}
      />
      {can(actor, "article:publish") && article.status === "published" ? (
        <ArticleNotesPanel articleId={article.id} notes={notes} timeZone={timeZone} action={addArticleNoteAction} />
      ) : null}
      {can(actor, "article:publish") && (article.status === "published" || article.status === "unpublished") ? (
        <TakeDownPanel articleId={article.id} action={takeDownArticleAction} />
      ) : null}
    </>
  );
}
