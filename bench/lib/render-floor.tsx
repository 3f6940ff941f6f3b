import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { ArticleView } from "../../components/site/ArticleView";
import { SiteDocument } from "../../components/site/SiteDocument";
import { loadArticlePage } from "../../lib/articles/public";
import type { ArticlePageView } from "../../lib/articles/view-models";
import { crumbs } from "../../lib/seo/breadcrumbs";
import { absoluteUrl } from "../../lib/seo/urls";
import { loadSectionNav } from "../../lib/sections/public";
import { readPublication } from "../../lib/settings/publication";

/**
 * React's own floor for an article page: the view model is loaded once (loadArticlePage, the loader the page uses)
 * and then rendered with react-dom/server's renderToString alone, again and again — no Next, no routing, no
 * database in the loop, no compression. What the server does on top of this is its overhead.
 *
 * Runs in the benchmark's process: call `useDatabaseInProcess` first, and set NODE_ENV=production before this
 * module is imported: React picks its development or production build when it is first loaded, and the
 * development build renders several times slower.
 */

/** Which React build this process loaded: the floor means something only with "production". */
export function reactBuild(): "production" | "development" {
  const loaded = Object.keys(createRequire(import.meta.url).cache);
  return loaded.some((file) => /react-dom[\\/]cjs[\\/].*\.development\.js$/.test(file)) ? "development" : "production";
}

export type FloorResult = {
  name: string;
  renders: number;
  seconds: number;
  perSecond: number;
  msPerRender: number;
  htmlBytes: number;
};

type Views = Awaited<ReturnType<typeof loadViews>>;

async function loadViews(ids: number[]) {
  const publication = await readPublication();
  const sections = await loadSectionNav();
  const articles: ArticlePageView[] = [];
  for (const id of ids) {
    const view = await loadArticlePage(id, publication.timeZone);
    if (view) articles.push(view);
  }
  if (!articles.length) throw new Error("None of the articles for the render floor is published.");
  return { publication, sections, articles };
}

function articleElement(views: Views, article: ArticlePageView, withLayout: boolean): ReactElement {
  const { publication, sections } = views;
  const view = (
    <ArticleView
      article={article}
      locale={publication}
      opinionDisclaimer={publication.opinionDisclaimer}
      canonicalUrl={absoluteUrl(article.url, "https://bench.example")}
      crumbs={crumbs.article(publication.name, article)}
    />
  );
  if (!withLayout) return view;
  return (
    <SiteDocument
      language={publication.language}
      name={publication.name}
      tagline={publication.tagline}
      sections={sections}
      fontClassName=""
    >
      {view}
    </SiteDocument>
  );
}

function measure(name: string, seconds: number, render: (i: number) => string): FloorResult {
  for (let i = 0; i < 20; i++) render(i); // let V8 optimise first
  let renders = 0;
  let htmlBytes = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) {
    htmlBytes = render(renders).length;
    renders++;
  }
  const elapsed = (performance.now() - started) / 1000;
  return {
    name,
    renders,
    seconds: elapsed,
    perSecond: renders / elapsed,
    msPerRender: (elapsed * 1000) / renders,
    htmlBytes,
  };
}

/**
 * Three floors, `seconds` each: the heaviest article as ArticleView alone and inside SiteDocument (the site layout),
 * and every article of `mixIds` in turn inside SiteDocument (the mix an uncached phase renders).
 */
export async function measureRenderFloor(
  heaviestId: number,
  mixIds: number[],
  seconds: number,
): Promise<FloorResult[]> {
  const heaviest = await loadViews([heaviestId]);
  const mix = await loadViews(mixIds);
  const one = heaviest.articles[0]!;
  return [
    measure("ArticleView alone", seconds, () => renderToString(articleElement(heaviest, one, false))),
    measure("ArticleView in SiteDocument", seconds, () => renderToString(articleElement(heaviest, one, true))),
    measure(`every article (${mix.articles.length}) in SiteDocument`, seconds, (i) =>
      renderToString(articleElement(mix, mix.articles[i % mix.articles.length]!, true)),
    ),
  ];
}
