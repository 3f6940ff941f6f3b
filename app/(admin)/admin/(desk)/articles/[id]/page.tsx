import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { can, canOnArticle } from "@/lib/auth/permissions";
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
import { previewArticleAction, revokePreviewLinksAction } from "../preview-action";
import { autosaveArticleAction, saveArticleAction, searchArticlesAction, uploadImageAction } from "../actions";
import { listRevisionsAction, restoreRevisionAction, revisionDiffAction } from "../revision-actions";
import { searchMediaAction } from "../../media/actions";
import { takeDownArticleAction } from "../take-down-action";
import { addArticleNoteAction } from "../notes-action";
import { reviewAction } from "../review-action";
import { ReviewPanel } from "@/components/admin/ReviewPanel";

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: "Edit article" };

export default async function EditArticlePage({ params }: Props) {
  const { id: rawId } = await params;
  const actor = await requireActor("article:read", `/admin/articles/${encodeURIComponent(rawId)}`);
  if (!/^\d{1,10}$/.test(rawId)) notFound();
  const article = await getArticleForEdit(actor, Number(rawId)).catch((error: unknown) => {
    // Another writer's article is, for a contributor, a page that does not exist (as in the list).
    if (error instanceof DomainError && (error.status === 404 || error.status === 403)) notFound();
    throw error;
  });
  const [sections, authors, { timeZone, name: siteName }, notes] = await Promise.all([
    listSections(actor),
    listAuthors(actor),
    readPublication(),
    listArticleNotes(actor, article.id),
  ]);
  const ownership = { createdById: article.createdById, status: article.status.toUpperCase() };
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
        // Ownership decides for authors and contributors (lib/auth/permissions.ts); the lib checks again on save.
        canPublish={canOnArticle(actor, "article:publish", ownership)}
        save={saveArticleAction}
        uploadImage={uploadImageAction}
        searchArticles={searchArticlesAction}
        preview={previewArticleAction}
        revokePreviews={revokePreviewLinksAction}
        autosave={autosaveArticleAction}
        history={{ list: listRevisionsAction, diff: revisionDiffAction, restore: restoreRevisionAction }}
        searchMedia={searchMediaAction}
      />
      <ReviewPanel
        articleId={article.id}
        status={article.status}
        review={article.review && { ...article.review, at: article.review.at.toISOString() }}
        canSubmit={canOnArticle(actor, "article:submit", ownership)}
        canReturn={canOnArticle(actor, "article:review", ownership)}
        // Someone else's submission leaves review by "Send back to draft"; only the writer withdraws.
        canWithdraw={article.createdById === actor.id && canOnArticle(actor, "article:withdraw", ownership)}
        timeZone={timeZone}
        action={reviewAction}
      />
      {can(actor, "article:correct") && article.status === "published" ? (
        <ArticleNotesPanel articleId={article.id} notes={notes} timeZone={timeZone} action={addArticleNoteAction} />
      ) : null}
      {can(actor, "article:take_down") && (article.status === "published" || article.status === "unpublished") ? (
        <TakeDownPanel articleId={article.id} action={takeDownArticleAction} />
      ) : null}
    </>
  );
}
