/**
 * Plain data the media screens and the picker share between the server and the browser: what an image looks like
 * in a grid or a picker, and what the library's forms answer.
 */
import type { ResponsiveImage } from "@/lib/media/responsive";

/** One image in a grid or the picker. */
export type MediaCard = {
  id: number;
  url: string;
  image: ResponsiveImage;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
};

export type MediaSearchResult = { items: MediaCard[]; page: number; pageCount: number; total: number };

export type MediaFormState = {
  outcome: "idle" | "saved" | "error";
  message?: string;
  fields?: Record<string, string>;
  /** What was submitted, so the form shows it again after an error. */
  values?: Record<string, string | boolean>;
  at?: number;
};
