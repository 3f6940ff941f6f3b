/** Shown at the end of every opinion piece; the wording is the publication's (Settings). */
export function OpinionDisclaimer({ text }: { text: string }) {
  return (
    <aside className="disclaimer" aria-label="About opinion pieces">
      <p>{text}</p>
    </aside>
  );
}
