import localFont from "next/font/local";

// Fonts ship inside npm packages (no network at build time). Latin subsets only: other scripts fall back to the
// system serif/sans, which is acceptable for names and quotes.
export const serif = localFont({
  src: [
    {
      path: "../../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2",
      weight: "200 900",
      style: "normal",
    },
  ],
  variable: "--font-serif",
  display: "swap",
  fallback: ["Georgia", "Cambria", "Times New Roman", "serif"],
});

/**
 * The italic serif (emphasis, quotations, opinion headlines) is a family of its own so that it is not preloaded:
 * a page that shows no italic (the home page, most fronts) never downloads its 51 KB. Site.css names it where italic
 * is used.
 */
export const serifItalic = localFont({
  src: [
    {
      path: "../../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2",
      weight: "200 900",
      style: "italic",
    },
  ],
  variable: "--font-serif-italic",
  display: "swap",
  preload: false,
  fallback: ["Georgia", "Cambria", "Times New Roman", "serif"],
});

export const sans = localFont({
  src: [
    {
      path: "../../node_modules/@fontsource-variable/inter/files/inter-latin-wght-normal.woff2",
      weight: "100 900",
      style: "normal",
    },
  ],
  variable: "--font-sans",
  display: "swap",
  fallback: ["system-ui", "-apple-system", "Segoe UI", "Helvetica", "Arial", "sans-serif"],
});

/** The class names that define the font variables, for the <html> element. */
export const fontVariables = `${serif.variable} ${serifItalic.variable} ${sans.variable}`;
