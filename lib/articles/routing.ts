import { lookupArticleRoute } from "../routing/article-routes";
import { articlePath, parseArticlePath } from "./urls";

/** What proxy.ts answers for an article path, from the id's current route (lib/routing/article-routes.ts). */

export type ArticleRequest =
  /** Published, but the path is not the canonical one. */
  | { kind: "redirect"; to: string }
  /** No such article, or not public: the reader gets a 404. */
  | { kind: "missing" }
  /** Taken down (legal or ethical removal): 410 Gone with a short notice, whatever slug or date was asked for. */
  | { kind: "gone"; publicationName: string; language: string }
  /** Published and already canonical. */
  | { kind: "canonical" };

/** What to do with a request for an article path. Null when the path is not shaped like an article path. */
export async function resolveArticleRequest(pathname: string): Promise<ArticleRequest | null> {
  const parsed = parseArticlePath(pathname);
  if (!parsed) return null;
  const route = await lookupArticleRoute(parsed.id);
  if (route?.status === "TAKEN_DOWN")
    return { kind: "gone", publicationName: route.publicationName, language: route.language };
  if (!route || route.status !== "PUBLISHED" || !route.publishedAt) return { kind: "missing" };
  const canonical = articlePath(route, route.timeZone);
  return canonical === pathname ? { kind: "canonical" } : { kind: "redirect", to: canonical };
}
