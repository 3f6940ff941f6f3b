/**
 * The cookie that carries an opened preview link's token to the article page (lib/articles/preview.ts). On its own
 * so that proxy.ts can test for it without importing the preview's data access.
 */
export const PREVIEW_COOKIE = "bs_preview";
/** Set by Next's draft mode (`draftMode().enable()`). */
export const DRAFT_MODE_COOKIE = "__prerender_bypass";
