import { formatInZone } from "@/lib/time/zones";

const STATE: Record<string, string> = {
  DRAFT: "a draft",
  IN_REVIEW: "a draft in review",
  SCHEDULED: "scheduled, not yet published",
  PUBLISHED: "published; you are seeing the newsroom's unsaved changes",
  UNPUBLISHED: "unpublished",
};

/**
 * The band across a previewed article: readers of a shared link must never mistake a draft for the published
 * story, and the editor needs the way out of draft mode.
 */
export function PreviewBanner({
  status,
  unsaved,
  expiresAt,
  timeZone,
}: {
  status: string;
  unsaved: boolean;
  expiresAt: Date;
  timeZone: string;
}) {
  const state = status === "PUBLISHED" && !unsaved ? "published" : (STATE[status] ?? "not public");
  return (
    <aside className="preview-banner" aria-label="Preview">
      <p>
        <strong>Preview</strong> — this article is {state}. Not visible to readers. This link works until{" "}
        {formatInZone(expiresAt, timeZone)}. <a href="/preview/exit">Exit preview</a>
      </p>
    </aside>
  );
}
