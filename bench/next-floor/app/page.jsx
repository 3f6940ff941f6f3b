// Rendered on every request, like an article nobody has opened yet, with about as much markup as the heaviest
// article (~40 kB of HTML in ~150 paragraphs with links and emphasis) but no data: the cost is Next's and React's alone.
export const dynamic = "force-dynamic";

const PARAGRAPHS = Array.from({ length: 150 }, (_, i) => i);

export default function Page() {
  return (
    <main>
      <article>
        <h1>A page as long as an article</h1>
        {PARAGRAPHS.map((i) => (
          <p key={i}>
            Paragraph {i}: the council met on Tuesday to discuss the{" "}
            <a href={`/news/${i}`}>budget for the coming year</a>, and <em>several members</em> asked for the figures to
            be published before the vote.
          </p>
        ))}
      </article>
    </main>
  );
}
