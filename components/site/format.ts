import { dateTimeFormat } from "@/lib/time/zones";

/** How dates read on the site: in the publication's language and time zone, not the server's. */
export type Locale = { language: string; timeZone: string };

export function formatDate(iso: string, { language, timeZone }: Locale): string {
  const at = new Date(iso);
  try {
    return dateTimeFormat(language, { dateStyle: "long", timeZone }).format(at);
  } catch {
    // A misconfigured language or zone in settings must not take the page down.
    return dateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(at);
  }
}
