import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { MEDIA_KEY_PATTERN } from "../../lib/media/urls";

/**
 * Demo pictures drawn from code: an SVG scene rendered by sharp, a lighting layer composited over it, saved as
 * JPEG. Nothing is fetched, every image is deterministic (the same key always gives the same picture), and there
 * is no text in them (fonts differ between machines and text in images would need its own alt).
 */

export type Motif =
  "skyline" | "river" | "chart" | "stage" | "hills" | "rail" | "shapes" | "market" | "books" | "portrait";

export type Palette = {
  skyTop: string;
  skyBottom: string;
  far: string;
  near: string;
  accent: string;
  light: string;
};

export const palettes: Record<string, Palette> = {
  dawn: {
    skyTop: "#1f3b5c",
    skyBottom: "#f2a65a",
    far: "#55607a",
    near: "#1d2433",
    accent: "#ffd37a",
    light: "#fff4dc",
  },
  dusk: {
    skyTop: "#2b1b3f",
    skyBottom: "#e36f5a",
    far: "#5b3f63",
    near: "#1a1424",
    accent: "#ffb86b",
    light: "#ffe7d1",
  },
  slate: {
    skyTop: "#5d7187",
    skyBottom: "#c9d3dc",
    far: "#7d8c99",
    near: "#2e3a46",
    accent: "#e8c547",
    light: "#f4f6f8",
  },
  moss: {
    skyTop: "#8fb3c2",
    skyBottom: "#e4ecd9",
    far: "#6f8f6a",
    near: "#2f4a33",
    accent: "#d9a441",
    light: "#f6f3e6",
  },
  harbour: {
    skyTop: "#0f4c5c",
    skyBottom: "#9ad1d4",
    far: "#2c6e7a",
    near: "#123840",
    accent: "#fb8b24",
    light: "#e9f5f2",
  },
  ink: {
    skyTop: "#111827",
    skyBottom: "#374151",
    far: "#4b5563",
    near: "#0b0f17",
    accent: "#f59e0b",
    light: "#f3f4f6",
  },
  brick: {
    skyTop: "#7a2e2e",
    skyBottom: "#e9b384",
    far: "#a35d4a",
    near: "#3b1f1a",
    accent: "#f6d186",
    light: "#fbeee0",
  },
  mint: {
    skyTop: "#e8f3ef",
    skyBottom: "#bfe0d4",
    far: "#5aa38a",
    near: "#1f5e4f",
    accent: "#ef6f6c",
    light: "#ffffff",
  },
  paper: {
    skyTop: "#f4efe6",
    skyBottom: "#e7dccb",
    far: "#b9a68b",
    near: "#3d3a35",
    accent: "#c0392b",
    light: "#fffdf8",
  },
};

export type ImageSpec = {
  /** Stable identifier, also the file name. */
  key: string;
  motif: Motif;
  palette: keyof typeof palettes;
  alt: string;
  caption: string;
  credit: string;
  /** When the picture was "taken": decides the YYYY/MM folder, like an upload on that day would. */
  takenAt: Date;
  width?: number;
  height?: number;
};

export type GeneratedImage = {
  key: string;
  storageKey: string;
  width: number;
  height: number;
  bytes: number;
  spec: ImageSpec;
};

/** Small deterministic PRNG (mulberry32) seeded from a string, so re-seeding draws the same pictures. */
export function rng(seedText: string): () => number {
  let h = 1779033703 ^ seedText.length;
  for (let i = 0; i < seedText.length; i++) {
    h = Math.imul(h ^ seedText.charCodeAt(i), 3432918353);
    h = (h << 13) | (h >>> 19);
  }
  let a = h >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Draw = { w: number; h: number; r: () => number; p: Palette };
const between = (r: () => number, min: number, max: number) => min + r() * (max - min);
const f = (n: number) => n.toFixed(1);

function skyGradient(id: string, p: Palette): string {
  return `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.skyBottom}"/></linearGradient>`;
}

/** A smooth ridge line across the picture, closed down to the bottom edge. */
function ridge({ w, h, r }: Draw, baseY: number, amplitude: number, points: number): string {
  const step = w / (points - 1);
  const ys = Array.from({ length: points }, () => baseY + between(r, -amplitude, amplitude));
  let d = `M0 ${f(h)} L0 ${f(ys[0]!)}`;
  for (let i = 1; i < points; i++) {
    const x0 = (i - 1) * step;
    const x1 = i * step;
    d += ` C${f(x0 + step / 2)} ${f(ys[i - 1]!)} ${f(x1 - step / 2)} ${f(ys[i]!)} ${f(x1)} ${f(ys[i]!)}`;
  }
  return `${d} L${f(w)} ${f(h)} Z`;
}

function skyline(d: Draw): string {
  const { w, h, r, p } = d;
  const horizon = h * between(r, 0.62, 0.72);
  let out = `<defs>${skyGradient("sky", p)}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  out += `<circle cx="${f(between(r, 0.15, 0.85) * w)}" cy="${f(horizon * between(r, 0.3, 0.6))}" r="${f(between(r, 50, 130))}" fill="${p.accent}" opacity="0.85"/>`;
  for (const [layer, color, minH, maxH, opacity] of [
    [0, p.far, 0.12, 0.34, 0.7],
    [1, p.near, 0.08, 0.42, 1],
  ] as const) {
    let x = -20;
    while (x < w) {
      const bw = between(r, 50, layer === 0 ? 110 : 150);
      const bh = h * between(r, minH, maxH);
      const top = horizon + (layer === 0 ? -bh : -bh + h * 0.08);
      out += `<rect x="${f(x)}" y="${f(top)}" width="${f(bw)}" height="${f(h - top)}" fill="${color}" opacity="${opacity}"/>`;
      if (layer === 1 && r() < 0.35) {
        out += `<polygon points="${f(x)},${f(top)} ${f(x + bw / 2)},${f(top - between(r, 20, 60))} ${f(x + bw)},${f(top)}" fill="${color}"/>`;
      }
      if (layer === 1) {
        for (let wy = top + 14; wy < h - 30; wy += 26) {
          for (let wx = x + 10; wx < x + bw - 16; wx += 20) {
            if (r() < 0.28)
              out += `<rect x="${f(wx)}" y="${f(wy)}" width="9" height="13" fill="${p.accent}" opacity="${f(between(r, 0.5, 0.95))}"/>`;
          }
        }
      }
      x += bw + between(r, 0, 14);
    }
  }
  return out;
}

function river(d: Draw): string {
  const { w, h, r, p } = d;
  const waterTop = h * 0.62;
  let out = `<defs>${skyGradient("sky", p)}<linearGradient id="water" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.far}"/><stop offset="1" stop-color="${p.near}"/></linearGradient></defs>`;
  out += `<rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  out += `<path d="${ridge(d, waterTop - 70, 40, 7)}" fill="${p.far}" opacity="0.6"/>`;
  out += `<rect y="${f(waterTop)}" width="${w}" height="${f(h - waterTop)}" fill="url(#water)"/>`;
  // A bridge of three arches (holes cut with even-odd fill, so the water shows through), with its reflection.
  const deckY = waterTop - between(r, 190, 250);
  const span = w / 3;
  const pier = span * 0.09;
  let bridge = `M0 ${f(deckY)} H${w} V${f(waterTop)} H0 Z`;
  for (let i = 0; i < 3; i++) {
    const x0 = i * span + pier;
    const x1 = (i + 1) * span - pier;
    const rise = (waterTop - deckY) * 0.72;
    bridge += ` M${f(x0)} ${f(waterTop)} A${f((x1 - x0) / 2)} ${f(rise)} 0 0 1 ${f(x1)} ${f(waterTop)} Z`;
  }
  const arches = `<path d="${bridge}" fill="${p.near}" fill-rule="evenodd"/><rect x="0" y="${f(deckY - 18)}" width="${w}" height="18" fill="${p.far}"/>`;
  out += arches;
  out += `<g opacity="0.22" transform="translate(0 ${f(2 * waterTop)}) scale(1 -1)">${arches}</g>`;
  for (let i = 0; i < 26; i++) {
    const y = between(r, waterTop + 10, h - 10);
    const x = between(r, -100, w);
    const len = between(r, 80, 320);
    out += `<path d="M${f(x)} ${f(y)} q${f(len / 4)} -8 ${f(len / 2)} 0 t${f(len / 2)} 0" stroke="${p.light}" stroke-width="${f(between(r, 1.5, 4))}" fill="none" opacity="${f(between(r, 0.2, 0.55))}"/>`;
  }
  return out;
}

function chart(d: Draw): string {
  const { w, h, r, p } = d;
  let out = `<defs><linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${p.skyTop}"/><stop offset="1" stop-color="${p.near}"/></linearGradient><linearGradient id="bar" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${p.accent}"/><stop offset="1" stop-color="${p.far}"/></linearGradient></defs>`;
  out += `<rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  for (let y = h * 0.15; y < h * 0.9; y += h * 0.1)
    out += `<line x1="${f(w * 0.08)}" x2="${f(w * 0.92)}" y1="${f(y)}" y2="${f(y)}" stroke="${p.light}" stroke-opacity="0.15" stroke-width="2"/>`;
  const bars = 12;
  const bw = (w * 0.84) / bars;
  let level = between(r, 0.3, 0.5);
  const points: string[] = [];
  for (let i = 0; i < bars; i++) {
    level = Math.min(0.9, Math.max(0.12, level + between(r, -0.12, 0.14)));
    const bh = h * 0.72 * level;
    const x = w * 0.08 + i * bw;
    out += `<rect x="${f(x + bw * 0.18)}" y="${f(h * 0.87 - bh)}" width="${f(bw * 0.64)}" height="${f(bh)}" rx="6" fill="url(#bar)" opacity="0.9"/>`;
    points.push(`${f(x + bw / 2)},${f(h * 0.87 - bh - 40)}`);
  }
  out += `<polyline points="${points.join(" ")}" fill="none" stroke="${p.light}" stroke-width="6" stroke-linejoin="round"/>`;
  for (const pt of points) {
    const [x, y] = pt.split(",");
    out += `<circle cx="${x}" cy="${y}" r="10" fill="${p.light}"/><circle cx="${x}" cy="${y}" r="5" fill="${p.accent}"/>`;
  }
  return out;
}

function stage(d: Draw): string {
  const { w, h, r, p } = d;
  let out = `<defs><radialGradient id="spot" cx="0.5" cy="0.5" r="0.5"><stop offset="0" stop-color="${p.light}" stop-opacity="0.85"/><stop offset="1" stop-color="${p.light}" stop-opacity="0"/></radialGradient>`;
  out += `<linearGradient id="curtain" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="${p.near}"/><stop offset="0.5" stop-color="${p.far}"/><stop offset="1" stop-color="${p.near}"/></linearGradient></defs>`;
  out += `<rect width="${w}" height="${h}" fill="${p.near}"/>`;
  const pleat = w / 28;
  for (let i = 0; i < 28; i++) {
    out += `<rect x="${f(i * pleat)}" y="0" width="${f(pleat + 1)}" height="${f(h * 0.78)}" fill="url(#curtain)" opacity="${f(between(r, 0.55, 0.9))}"/>`;
  }
  out += `<rect y="${f(h * 0.78)}" width="${w}" height="${f(h * 0.22)}" fill="${p.far}"/>`;
  for (let i = 0; i < 3; i++) {
    const cx = w * (0.25 + i * 0.25) + between(r, -60, 60);
    out += `<polygon points="${f(cx - 30)},0 ${f(cx + 30)},0 ${f(cx + 220)},${f(h * 0.86)} ${f(cx - 220)},${f(h * 0.86)}" fill="${p.light}" opacity="0.12"/>`;
    out += `<ellipse cx="${f(cx)}" cy="${f(h * 0.86)}" rx="240" ry="46" fill="url(#spot)"/>`;
  }
  out += `<path d="M0 0 H${w} V${f(h * 0.12)} Q${f(w * 0.75)} ${f(h * 0.2)} ${f(w / 2)} ${f(h * 0.12)} Q${f(w * 0.25)} ${f(h * 0.2)} 0 ${f(h * 0.12)} Z" fill="${p.accent}" opacity="0.85"/>`;
  return out;
}

function hills(d: Draw): string {
  const { w, h, r, p } = d;
  let out = `<defs>${skyGradient("sky", p)}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  out += `<circle cx="${f(between(r, 0.1, 0.9) * w)}" cy="${f(h * between(r, 0.15, 0.35))}" r="${f(between(r, 60, 110))}" fill="${p.light}" opacity="0.8"/>`;
  const colors = [p.far, p.far, p.near, p.near];
  colors.forEach((color, i) => {
    out += `<path d="${ridge(d, h * (0.5 + i * 0.11), 45 - i * 5, 6 + i)}" fill="${color}" opacity="${f(0.45 + i * 0.18)}"/>`;
    if (i === 1 && r() < 0.7) {
      // Wind turbines on the second ridge.
      for (let t = 0; t < 4; t++) {
        const x = between(r, 0.1, 0.9) * w;
        const top = h * 0.42 - between(r, 0, 40);
        const angle = between(r, 0, 120);
        out += `<line x1="${f(x)}" y1="${f(top)}" x2="${f(x)}" y2="${f(h * 0.62)}" stroke="${p.light}" stroke-width="5"/>`;
        for (let b = 0; b < 3; b++) {
          out += `<line x1="${f(x)}" y1="${f(top)}" x2="${f(x)}" y2="${f(top - 70)}" stroke="${p.light}" stroke-width="4" transform="rotate(${f(angle + b * 120)} ${f(x)} ${f(top)})"/>`;
        }
      }
    }
  });
  return out;
}

function rail(d: Draw): string {
  const { w, h, r, p } = d;
  const vx = w * between(r, 0.4, 0.6);
  const vy = h * 0.45;
  let out = `<defs>${skyGradient("sky", p)}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  out += `<path d="${ridge(d, vy, 20, 8)}" fill="${p.far}"/>`;
  out += `<polygon points="${f(vx)},${f(vy)} ${f(w * 1.1)},${f(h)} ${f(-w * 0.1)},${f(h)}" fill="${p.near}"/>`;
  for (let i = 1; i < 16; i++) {
    const t = Math.pow(i / 16, 2);
    const y = vy + (h - vy) * t;
    const half = w * 0.45 * t;
    out += `<line x1="${f(vx - half)}" y1="${f(y)}" x2="${f(vx + half)}" y2="${f(y)}" stroke="${p.far}" stroke-width="${f(2 + 14 * t)}"/>`;
  }
  for (const side of [-1, 1]) {
    out += `<line x1="${f(vx)}" y1="${f(vy)}" x2="${f(vx + side * w * 0.28)}" y2="${f(h)}" stroke="${p.light}" stroke-width="8"/>`;
    for (let i = 1; i < 7; i++) {
      const t = Math.pow(i / 7, 1.6);
      const x = vx + side * w * 0.42 * t;
      const y = vy + (h - vy) * t;
      out += `<line x1="${f(x)}" y1="${f(y)}" x2="${f(x)}" y2="${f(y - 260 * t - 20)}" stroke="${p.near}" stroke-width="${f(2 + 8 * t)}"/>`;
    }
  }
  out += `<line x1="${f(vx)}" y1="${f(vy - 40)}" x2="${f(vx - w * 0.3)}" y2="${f(vy - 300)}" stroke="${p.near}" stroke-width="3"/>`;
  out += `<line x1="${f(vx)}" y1="${f(vy - 40)}" x2="${f(vx + w * 0.3)}" y2="${f(vy - 300)}" stroke="${p.near}" stroke-width="3"/>`;
  out += `<rect x="${f(vx - 70)}" y="${f(vy - 10)}" width="140" height="70" rx="18" fill="${p.accent}"/><rect x="${f(vx - 52)}" y="${f(vy)}" width="104" height="26" rx="6" fill="${p.light}" opacity="0.8"/>`;
  return out;
}

function shapes(d: Draw): string {
  const { w, h, r, p } = d;
  let out = `<defs><pattern id="dots" width="22" height="22" patternUnits="userSpaceOnUse"><circle cx="11" cy="11" r="4" fill="${p.near}" opacity="0.25"/></pattern></defs>`;
  out += `<rect width="${w}" height="${h}" fill="${p.skyBottom}"/><rect width="${w}" height="${h}" fill="url(#dots)"/>`;
  const colors = [p.skyTop, p.accent, p.far, p.near, p.light];
  for (let i = 0; i < 9; i++) {
    const color = colors[i % colors.length]!;
    const x = between(r, 0, w);
    const y = between(r, 0, h);
    const size = between(r, 80, 360);
    const kind = Math.floor(r() * 3);
    if (kind === 0) out += `<circle cx="${f(x)}" cy="${f(y)}" r="${f(size)}" fill="${color}" opacity="0.85"/>`;
    else if (kind === 1)
      out += `<rect x="${f(x - size / 2)}" y="${f(y - size / 2)}" width="${f(size)}" height="${f(size * 0.6)}" fill="${color}" transform="rotate(${f(between(r, -30, 30))} ${f(x)} ${f(y)})"/>`;
    else
      out += `<polygon points="${f(x)},${f(y - size)} ${f(x + size)},${f(y + size * 0.7)} ${f(x - size)},${f(y + size * 0.7)}" fill="${color}" opacity="0.9"/>`;
  }
  return out;
}

function market(d: Draw): string {
  const { w, h, r, p } = d;
  let out = `<defs>${skyGradient("sky", p)}</defs><rect width="${w}" height="${h}" fill="url(#sky)"/>`;
  const stalls = 4;
  const sw = w / stalls;
  for (let s = 0; s < stalls; s++) {
    const x0 = s * sw + 20;
    const top = h * between(r, 0.18, 0.28);
    const stripes = 8;
    for (let i = 0; i < stripes; i++) {
      const color = i % 2 === 0 ? p.accent : p.light;
      const sx = x0 + (i * (sw - 40)) / stripes;
      const swidth = (sw - 40) / stripes;
      out += `<path d="M${f(sx)} ${f(top)} h${f(swidth)} v120 q${f(-swidth / 2)} 30 ${f(-swidth)} 0 Z" fill="${color}"/>`;
    }
    out += `<rect x="${f(x0)}" y="${f(top + 120)}" width="${f(sw - 40)}" height="${f(h - top - 120)}" fill="${p.near}" opacity="0.35"/>`;
    out += `<rect x="${f(x0 - 6)}" y="${f(h * 0.66)}" width="${f(sw - 28)}" height="30" fill="${p.near}"/>`;
    for (let c = 0; c < 24; c++) {
      out += `<circle cx="${f(between(r, x0 + 20, x0 + sw - 60))}" cy="${f(h * 0.66 - between(r, 8, 60))}" r="${f(between(r, 12, 22))}" fill="${[p.accent, p.far, p.skyBottom][c % 3]}"/>`;
    }
  }
  out += `<rect y="${f(h * 0.7)}" width="${w}" height="${f(h * 0.3)}" fill="${p.far}"/>`;
  return out;
}

function books(d: Draw): string {
  const { w, h, r, p } = d;
  let out = `<rect width="${w}" height="${h}" fill="${p.skyBottom}"/>`;
  const colors = [p.skyTop, p.far, p.near, p.accent, p.light];
  for (const shelfY of [h * 0.45, h * 0.92]) {
    let x = w * 0.04;
    while (x < w * 0.94) {
      const bw = between(r, 28, 70);
      const bh = between(r, h * 0.26, h * 0.38);
      const color = colors[Math.floor(r() * colors.length)]!;
      const lean = r() < 0.08 ? between(r, -12, -6) : 0;
      out += `<g transform="rotate(${f(lean)} ${f(x)} ${f(shelfY)})"><rect x="${f(x)}" y="${f(shelfY - bh)}" width="${f(bw)}" height="${f(bh)}" fill="${color}"/>`;
      out += `<rect x="${f(x + 4)}" y="${f(shelfY - bh + 24)}" width="${f(bw - 8)}" height="6" fill="${p.light}" opacity="0.5"/></g>`;
      x += bw + between(r, 1, 5);
    }
    out += `<rect x="0" y="${f(shelfY)}" width="${w}" height="22" fill="${p.near}"/>`;
  }
  return out;
}

function portrait(d: Draw): string {
  const { w, h, r, p } = d;
  const cx = w / 2 + between(r, -20, 20);
  const sweep = between(r, -0.05, 0.05);
  let out = `<defs>${skyGradient("bg", p)}</defs><rect width="${w}" height="${h}" fill="url(#bg)"/>`;
  out += `<circle cx="${f(w * between(r, 0.15, 0.85))}" cy="${f(h * 0.2)}" r="${f(w * 0.22)}" fill="${p.accent}" opacity="0.3"/>`;
  // Hair behind the head, neck, shoulders, face, then the fringe over the top of the face.
  out += `<ellipse cx="${f(cx)}" cy="${f(h * 0.41)}" rx="${f(w * 0.175)}" ry="${f(h * between(r, 0.2, 0.25))}" fill="${p.near}"/>`;
  out += `<rect x="${f(cx - w * 0.05)}" y="${f(h * 0.52)}" width="${f(w * 0.1)}" height="${f(h * 0.16)}" fill="${p.far}"/>`;
  out += `<path d="M${f(cx - w * 0.34)} ${h} C${f(cx - w * 0.32)} ${f(h * 0.72)} ${f(cx - w * 0.18)} ${f(h * 0.66)} ${f(cx)} ${f(h * 0.66)} C${f(cx + w * 0.18)} ${f(h * 0.66)} ${f(cx + w * 0.32)} ${f(h * 0.72)} ${f(cx + w * 0.34)} ${h} Z" fill="${p.near}"/>`;
  out += `<path d="M${f(cx - w * 0.06)} ${f(h * 0.665)} L${f(cx)} ${f(h * 0.74)} L${f(cx + w * 0.06)} ${f(h * 0.665)} Z" fill="${p.light}" opacity="0.85"/>`;
  out += `<ellipse cx="${f(cx)}" cy="${f(h * 0.44)}" rx="${f(w * 0.14)}" ry="${f(h * 0.17)}" fill="${p.far}"/>`;
  out += `<path d="M${f(cx - w * 0.155)} ${f(h * 0.43)} C${f(cx - w * 0.17)} ${f(h * 0.2)} ${f(cx + w * 0.17)} ${f(h * 0.2)} ${f(cx + w * 0.155)} ${f(h * 0.43)} C${f(cx + w * (0.1 + sweep))} ${f(h * 0.33)} ${f(cx - w * (0.04 - sweep))} ${f(h * 0.31)} ${f(cx - w * 0.155)} ${f(h * 0.43)} Z" fill="${p.near}"/>`;
  return out;
}

const motifs: Record<Motif, (d: Draw) => string> = {
  skyline,
  river,
  chart,
  stage,
  hills,
  rail,
  shapes,
  market,
  books,
  portrait,
};

/** Soft vignette and a warm light leak, composited over every scene so the flat shapes read as a picture. */
function lighting(w: number, h: number, r: () => number): Buffer {
  const lx = between(r, 0.2, 0.8);
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">` +
      `<defs><radialGradient id="v" cx="0.5" cy="0.5" r="0.75"><stop offset="0.55" stop-color="#000" stop-opacity="0"/><stop offset="1" stop-color="#000" stop-opacity="0.45"/></radialGradient>` +
      `<radialGradient id="l" cx="${f(lx)}" cy="0.1" r="0.6"><stop offset="0" stop-color="#fff6e0" stop-opacity="0.28"/><stop offset="1" stop-color="#fff6e0" stop-opacity="0"/></radialGradient></defs>` +
      `<rect width="${w}" height="${h}" fill="url(#l)"/><rect width="${w}" height="${h}" fill="url(#v)"/></svg>`,
  );
}

export async function renderImage(spec: ImageSpec): Promise<{ data: Buffer; width: number; height: number }> {
  const width = spec.width ?? 1600;
  const height = spec.height ?? 900;
  const r = rng(spec.key);
  const palette = palettes[spec.palette] ?? palettes.slate!;
  const scene = motifs[spec.motif]({ w: width, h: height, r, p: palette });
  const svg = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${scene}</svg>`,
  );
  const data = await sharp(svg)
    .composite([{ input: lighting(width, height, r) }])
    .flatten({ background: "#ffffff" })
    .jpeg({ quality: 80, progressive: true, mozjpeg: true })
    .toBuffer();
  return { data, width, height };
}

/**
 * Media storage key in lib/media's layout: YYYY/MM/<name>.jpg (served at /media/<storageKey>). Only the original is
 * drawn: the media route makes each responsive variant (/media/<storageKey>/w640.avif …) on its first request.
 */
export function storageKeyFor(spec: ImageSpec): string {
  const year = spec.takenAt.getUTCFullYear();
  const month = String(spec.takenAt.getUTCMonth() + 1).padStart(2, "0");
  const key = `${year}/${month}/demo-${spec.key}.jpg`;
  // The media route serves only keys of this shape, so a picture with any other name would 404.
  if (!MEDIA_KEY_PATTERN.test(key))
    throw new Error(`Seed picture key "${spec.key}" does not make a valid media key (${key})`);
  return key;
}

/** Renders every image into `mediaDir`, two at a time (the machines have two cores). */
export async function generateImages(
  specs: readonly ImageSpec[],
  mediaDir: string,
  progress: (done: number, total: number) => void,
): Promise<Map<string, GeneratedImage>> {
  const out = new Map<string, GeneratedImage>();
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < specs.length) {
      const spec = specs[next++]!;
      const { data, width, height } = await renderImage(spec);
      const storageKey = storageKeyFor(spec);
      const file = path.join(mediaDir, ...storageKey.split("/"));
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, data);
      out.set(spec.key, { key: spec.key, storageKey, width, height, bytes: data.length, spec });
      progress(++done, specs.length);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}
