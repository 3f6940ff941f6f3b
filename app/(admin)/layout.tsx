import type { Metadata } from "next";
import type { ReactNode } from "react";
import "@/components/admin/admin.css";
import { serif } from "../(site)/fonts";

/**
 * The newsroom's own root layout (separate from the public site's): no site chrome, never indexed, and always
 * rendered per request so a signed-in page can never sit in a shared cache.
 */
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: { default: "Newsroom", template: "%s · Newsroom" },
  robots: { index: false, follow: false, nocache: true, googleBot: { index: false, follow: false } },
  referrer: "same-origin",
};

export default function AdminRootLayout({ children }: { children: ReactNode }) {
  return (
    // The site's serif, for the article body in the editor: editors see the story in the readers' typeface.
    <html lang="en" className={serif.variable}>
      <body className="nr">{children}</body>
    </html>
  );
}
