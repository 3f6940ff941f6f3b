import type { AuthorPage } from "@/lib/authors/public";
import { Picture, SIZES, THUMBNAIL_MAX_WIDTH } from "./Picture";

/** The top of an author page: who they are, how much they have published, and where else to find them. */
export function AuthorProfile({ author, language }: { author: AuthorPage; language: string }) {
  const { total: count, countCapped } = author.articles;
  return (
    <header className="author-profile">
      {author.photo && (
        <Picture
          className="author-profile__photo"
          image={author.photo}
          alt={author.photo.alt}
          sizes={SIZES.authorPhoto}
          maxWidth={THUMBNAIL_MAX_WIDTH}
          loading="eager"
        />
      )}
      <div>
        <h1 className="author-profile__name">{author.name}</h1>
        {author.jobTitle && <p className="author-profile__job">{author.jobTitle}</p>}
        <p className="author-profile__count">
          {countCapped
            ? `More than ${formatCount(count, language)} articles`
            : count === 1
              ? "1 article"
              : `${formatCount(count, language)} articles`}
        </p>
        {author.bio && <p className="author-profile__bio">{author.bio}</p>}
        {author.links.length > 0 && (
          <ul className="author-profile__links" aria-label={`${author.name} elsewhere`}>
            {author.links.map((link) => (
              <li key={link.url}>
                <a href={link.url} rel={/^https?:/i.test(link.url) ? "noopener me" : undefined}>
                  {link.label}
                </a>
              </li>
            ))}
          </ul>
        )}
      </div>
    </header>
  );
}

/** 1,234 in the publication's language; an unknown language tag falls back to plain digits. */
function formatCount(n: number, language: string): string {
  try {
    return n.toLocaleString(language);
  } catch {
    return String(n);
  }
}
