import Link from "next/link";
import type { MediaCard } from "./media-view";
import { MediaThumb } from "./MediaThumb";

/** The library's grid: each image links to its page (edit, where used, delete). */
export function MediaGrid({ items }: { items: (MediaCard & { createdLabel: string })[] }) {
  return (
    <ul className="nr-media-grid">
      {items.map((item) => (
        <li key={item.id}>
          <Link href={`/admin/media/${item.id}`} className="nr-media-card">
            <MediaThumb item={item} />
            <span className="nr-media-text">{item.alt || item.caption || `Image ${item.id} (no alt text)`}</span>
          </Link>
          <span className="nr-muted nr-media-meta">
            {item.credit ? `${item.credit} · ` : ""}
            {item.width}×{item.height} · {item.createdLabel}
          </span>
        </li>
      ))}
    </ul>
  );
}
