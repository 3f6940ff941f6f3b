import { feedPaths } from "@/lib/seo/urls";

/**
 * "Follow <topic>": a plain link to the scope's RSS feed (any feed reader subscribes from it), with the Atom feed
 * beside it. No account, no script, no e-mail form.
 */
export function FollowFeed({ scopePath, name }: { scopePath: string; name: string }) {
  const feeds = feedPaths(scopePath);
  return (
    <p className="follow">
      <a href={feeds.rss} type="application/rss+xml" className="follow__link">
        Follow {name} by RSS
      </a>{" "}
      <a href={feeds.atom} type="application/atom+xml" className="follow__alt">
        (Atom)
      </a>
    </p>
  );
}
