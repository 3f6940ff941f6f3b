import type { Metadata } from "next";
import { can } from "@/lib/auth/permissions";
import { requireActor } from "@/lib/auth/sessions";
import { listAuthors } from "@/lib/authors/mutations";
import { listSections } from "@/lib/sections/mutations";
import { readPublication } from "@/lib/settings/publication";
import { ArticleEditor } from "@/components/admin/ArticleEditor";
import { emptyArticleValues } from "@/components/admin/article-form";
import { previewArticleAction, revokePreviewLinksAction } from "../preview-action";
import { autosaveArticleAction, saveArticleAction, searchArticlesAction, uploadImageAction } from "../actions";
import { listRevisionsAction, restoreRevisionAction, revisionDiffAction } from "../revision-actions";
import { searchMediaAction } from "../../media/actions";

export const metadata: Metadata = { title: "New article" };

export default async function NewArticlePage() {
  const actor = await requireActor("article:write", "/admin/articles/new");
  const [sections, authors, { timeZone, name: siteName }] = await Promise.all([
    listSections(actor),
    listAuthors(actor),
    readPublication(),
  ]);
  return (
    <>
      <div className="nr-page-head">
        <h1>New article</h1>
      </div>
      <ArticleEditor
        initial={emptyArticleValues()}
        sections={sections.map((s) => ({ slug: s.slug, name: s.name }))}
        authors={authors.map((a) => ({ slug: a.slug, name: a.name }))}
        timeZone={timeZone}
        siteName={siteName}
        canPublish={can(actor, "article:publish")}
        save={saveArticleAction}
        uploadImage={uploadImageAction}
        searchArticles={searchArticlesAction}
        preview={previewArticleAction}
        revokePreviews={revokePreviewLinksAction}
        autosave={autosaveArticleAction}
        // Shown once the first save or autosave has made the article.
        history={{ list: listRevisionsAction, diff: revisionDiffAction, restore: restoreRevisionAction }}
        searchMedia={searchMediaAction}
      />
    </>
  );
}
