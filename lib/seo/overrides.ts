/**
 * What search engines and social networks are told about an article: the editor's overrides (lib/articles
 * `seo`) where set, else the headline, the given description (dek or opening words) and the hero image. The
 * reader's page itself always shows the real headline and dek.
 */
export function searchFacing(
  article: {
    headline: string;
    seo: { title: string; description: string; imageId: number | null };
    hero: { mediaId: number; image: { alt: string } } | null;
  },
  description: string,
): { title: string; description: string; imageMediaId: number | null; imageAlt: string } {
  const ownImage = article.seo.imageId !== null;
  return {
    title: article.seo.title || article.headline,
    description: article.seo.description || description,
    imageMediaId: ownImage ? article.seo.imageId : (article.hero?.mediaId ?? null),
    // A social image has no alt text of its own in the article; the card's alt then falls back to the title.
    imageAlt: ownImage ? "" : (article.hero?.image.alt ?? ""),
  };
}
