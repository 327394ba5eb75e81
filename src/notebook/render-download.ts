// download(text, filename) → a link that saves the text as a file. In the page, the file is a Blob made
// on the main thread when the link is clicked (a worker's Blob URL would die with a stopped worker). Baked
// into the static HTML at build, the link carries the text as a data: URL when it is small, and is inert
// text naming the file and its size when it is not (run the cell to save it).
import type { Output } from "./protocol.ts";

type Download = Extract<Output, { kind: "download" }>;

/** Up to this many bytes a baked link holds the file itself (base64 in a data: URL, 4/3 of the size). */
export const INLINE_DOWNLOAD_BYTES = 32 * 1024;

/** "812 B", "12.3 kB", "1.4 MB": the size a reader sees beside the file name. */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1e6) return `${(bytes / 1e3).toFixed(1)} kB`;
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

/** The page's own Window when `doc` is the document this script runs in (not linkedom's at build). */
function liveWindow(doc: Document): (Window & typeof globalThis) | null {
  const win = doc.defaultView;
  return win !== null && (win as unknown) === globalThis ? (win as Window & typeof globalThis) : null;
}

/**
 * The link for a download output. `baked` (default: whether `doc` is not the running page's) chooses the
 * static form described above.
 */
export function renderDownload(doc: Document, o: Download, baked = liveWindow(doc) === null): HTMLElement {
  const bytes = new TextEncoder().encode(o.text);
  const label = `${o.filename} (${formatBytes(bytes.length)})`;
  const box = doc.createElement("p");
  box.className = "cell-download";
  if (baked && bytes.length > INLINE_DOWNLOAD_BYTES) {
    box.textContent = `${label}: run this cell to save it`;
    box.dataset.inert = "";
    return box;
  }
  const link = doc.createElement("a");
  link.setAttribute("download", o.filename);
  link.textContent = `Save ${label}`;
  if (baked) {
    link.setAttribute("href", `data:${o.mime};base64,${base64(bytes)}`);
  } else {
    link.setAttribute("href", "#");
    let url: string | null = null;
    // The href is set before the click's default action reads it; the previous file is freed then.
    link.addEventListener("click", () => {
      const urls = (doc.defaultView ?? globalThis).URL;
      if (url !== null) urls.revokeObjectURL(url);
      url = urls.createObjectURL(new Blob([bytes], { type: o.mime }));
      link.setAttribute("href", url);
    });
  }
  box.append(link);
  return box;
}
