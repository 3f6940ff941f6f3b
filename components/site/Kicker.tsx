import type { ArticleKind, SectionRef } from "@/lib/articles/view-models";

const kindLabel: Record<ArticleKind, string | null> = {
  NEWS: null,
  OPINION: "Opinion",
  ANALYSIS: "Analysis",
  FEATURE: "Feature",
};

/**
 * The small line above a headline: section, and the kind of piece when it is not news, so readers can tell
 * opinion from reporting. The kind is left out when the section already says it ("Opinion · Opinion").
 */
export function Kicker({ section, type }: { section: SectionRef | null; type: ArticleKind }) {
  const label = kindLabel[type];
  const kind = label && label.toLowerCase() !== section?.name.trim().toLowerCase() ? label : null;
  if (!section && !kind) return null;
  return (
    <p className="kicker">
      {section && <a href={section.url}>{section.name}</a>}
      {section && kind ? <span aria-hidden="true"> · </span> : null}
      {kind && <span className="kicker__kind">{kind}</span>}
    </p>
  );
}
