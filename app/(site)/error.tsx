"use client";

/**
 * Shown in place of a page that failed while a reader navigated in the browser (client-side navigation). A page
 * that fails on first load never gets here without JavaScript: the front (scripts/serve.ts) answers it with a
 * complete "Back in a moment" page instead, 503 with Retry-After while the database is down.
 */
export default function SiteError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="not-found">
      <h1>This page cannot be shown right now</h1>
      <p>Something went wrong on our side. Please try again in a minute.</p>
      <ul>
        <li>
          <button type="button" onClick={() => reset()}>
            Try again
          </button>
        </li>
        <li>
          <a href="/">Go to the front page</a>
        </li>
      </ul>
    </div>
  );
}
