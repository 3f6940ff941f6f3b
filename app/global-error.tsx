"use client";

/**
 * Last resort when a root layout itself fails in the browser (the site's and the newsroom's both read the
 * database). It replaces the whole document, so it brings its own <html> and plain styles.
 */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body style={{ font: "1.125rem/1.6 Georgia, serif", maxWidth: "36rem", margin: "4rem auto", padding: "0 1rem" }}>
        <main>
          <h1>Back in a moment</h1>
          <p>This page cannot be shown right now. Please try again in a minute.</p>
          <p>
            <button type="button" onClick={() => reset()}>
              Try again
            </button>{" "}
            or <a href="/">go to the front page</a>.
          </p>
        </main>
      </body>
    </html>
  );
}
