import { noticePageHtml } from "../ops/notice-page";

/**
 * The notice a taken-down article's URL answers with (410 Gone). Written by the proxy as a plain HTML document,
 * because a page cannot choose its status code; kept short, and never indexed. The reason for the take-down is the
 * newsroom's record, not shown here.
 */
export function goneNoticeHtml(publication: { publicationName: string; language: string }): string {
  return noticePageHtml({
    lang: publication.language,
    title: `Article removed | ${publication.publicationName}`,
    heading: "This article has been removed",
    paragraphs: [`${publication.publicationName} has taken this article down. It is no longer available.`],
  });
}

export function goneResponseInit(): ResponseInit {
  return {
    status: 410,
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "X-Robots-Tag": "noindex",
      "Cache-Control": "public, max-age=0, must-revalidate",
    },
  };
}
