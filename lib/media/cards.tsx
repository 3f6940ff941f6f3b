import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import sharp from "sharp";

/**
 * Generated images with text (social cards for articles without a hero, the publisher logo), drawn by satori
 * (next/og) with the fonts shipped in our npm dependencies — never the machine's fonts, which a fresh server may
 * not have. Satori reads WOFF but not WOFF2, hence the @fontsource (non-variable) packages.
 */

/** Greedy word wrap for the generated card; long words are cut rather than overflowing. */
export function wrapLines(text: string, maxChars: number, maxLines: number): string[] {
  const words = text.replace(/\s+/g, " ").trim().split(" ");
  const lines: string[] = [];
  let line = "";
  for (const raw of words) {
    const word = raw.length > maxChars ? `${raw.slice(0, maxChars - 1)}…` : raw;
    if (!line) line = word;
    else if (line.length + 1 + word.length <= maxChars) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line) lines.push(line);
  if (lines.length > maxLines) {
    const kept = lines.slice(0, maxLines);
    kept[maxLines - 1] = `${kept[maxLines - 1]!.replace(/[\s.,;:]+$/, "")}…`;
    return kept;
  }
  return lines;
}

const FONT_DIR = path.join(process.cwd(), "node_modules", "@fontsource");
let fonts: Promise<{ serif: Buffer; sans: Buffer }> | undefined;

function loadFonts() {
  fonts ??= Promise.all([
    readFile(path.join(FONT_DIR, "source-serif-4", "files", "source-serif-4-latin-700-normal.woff")),
    readFile(path.join(FONT_DIR, "inter", "files", "inter-latin-700-normal.woff")),
  ]).then(([serif, sans]) => ({ serif, sans }));
  return fonts;
}

async function render(node: React.ReactElement, width: number, height: number): Promise<Buffer> {
  const { serif, sans } = await loadFonts();
  const response = new ImageResponse(node, {
    width,
    height,
    fonts: [
      { name: "Source Serif 4", data: serif, weight: 700, style: "normal" },
      { name: "Inter", data: sans, weight: 700, style: "normal" },
    ],
  });
  return Buffer.from(await response.arrayBuffer());
}

/** 1200×630 JPEG: publication name, headline (wrapped, at most four lines) and a rule, on paper colour. */
export async function textCard(headline: string, publicationName: string): Promise<Buffer> {
  const lines = wrapLines(headline, 30, 4);
  const png = await render(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        background: "#f7f4ee",
        borderTop: "14px solid #8b1a1a",
        padding: "60px 80px",
      }}
    >
      <div style={{ fontFamily: "Inter", fontSize: 34, color: "#8b1a1a", letterSpacing: 1 }}>
        {publicationName.toUpperCase()}
      </div>
      <div style={{ display: "flex", flexDirection: "column", flexGrow: 1, justifyContent: "center" }}>
        {lines.map((line, i) => (
          <div key={i} style={{ fontFamily: "Source Serif 4", fontSize: 64, lineHeight: 1.2, color: "#111" }}>
            {line}
          </div>
        ))}
      </div>
      <div style={{ width: 120, height: 6, background: "#111" }} />
    </div>,
    1200,
    630,
  );
  return sharp(png).flatten({ background: "#f7f4ee" }).jpeg({ quality: 85 }).toBuffer();
}

/** 512×512 PNG wordmark: the publication's initials in serif on black. */
export async function logoImage(initials: string): Promise<Buffer> {
  return render(
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        alignItems: "center",
        justifyContent: "center",
        background: "#111",
      }}
    >
      <div style={{ fontFamily: "Source Serif 4", fontSize: 200, color: "#f7f4ee" }}>{initials}</div>
    </div>,
    512,
    512,
  );
}
