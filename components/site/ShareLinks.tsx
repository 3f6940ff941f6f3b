/**
 * Share links as plain links to each service's share URL, carrying the article's canonical URL: no third-party
 * script, no tracking pixel, nothing loaded until the reader clicks (and the reader pages' CSP allows no script).
 */
export function ShareLinks({ url, headline }: { url: string; headline: string }) {
  const u = encodeURIComponent(url);
  const text = encodeURIComponent(headline);
  const links = [
    { name: "Email", href: `mailto:?subject=${text}&body=${u}` },
    { name: "X", href: `https://x.com/intent/post?url=${u}&text=${text}` },
    { name: "Facebook", href: `https://www.facebook.com/sharer/sharer.php?u=${u}` },
    { name: "LinkedIn", href: `https://www.linkedin.com/sharing/share-offsite/?url=${u}` },
    { name: "WhatsApp", href: `https://wa.me/?text=${encodeURIComponent(`${headline} ${url}`)}` },
  ];
  return (
    <nav className="share" aria-label="Share this article">
      <span className="share__label" aria-hidden="true">
        Share
      </span>
      <ul>
        {links.map((l) => (
          <li key={l.name}>
            <a href={l.href} rel="noopener noreferrer nofollow">
              <span className="visually-hidden">Share on </span>
              {l.name}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
