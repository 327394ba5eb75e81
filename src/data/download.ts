// Fetches one file with progress: the bytes as they arrive, counted against the size the manifest gives, so
// a reader sees how far a large download has got. A connection that breaks part-way says how far it got.
import type { ManifestFile } from "./manifest.ts";

/** How far one file has come: received of expected bytes (as sent: gzipped, or raw if the server unzipped). */
export type FileProgress = (received: number, expected: number) => void;

const MB = (bytes: number) => `${(bytes / 1e6).toFixed(1)} MB`;

/** The file's bytes from `url`, reporting progress; throws an error that says what happened and how far. */
export async function download(
  url: URL,
  f: ManifestFile,
  onProgress: FileProgress,
  op: string,
): Promise<Uint8Array> {
  const retry = "Run the cell again to retry (files already downloaded are kept).";
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new Error(`${op}: could not fetch ${url.href} (${String(error)}). ${retry}`, { cause: error });
  }
  if (!response.ok || !response.body) {
    throw new Error(`${op}: fetching ${url.href} failed: HTTP ${response.status}. ${retry}`);
  }
  const chunks: Uint8Array[] = [];
  let received = 0;
  // Gzip bytes count against the file's size; bytes a server already unzipped against the raw size.
  let expected = f.bytes;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (received === 0 && !(value[0] === 0x1f && value[1] === 0x8b)) expected = f.raw.bytes;
      chunks.push(value);
      received += value.length;
      onProgress(Math.min(received, expected), expected);
    }
  } catch (error) {
    throw new Error(
      `${op}: the download of ${f.file} broke off after ${MB(received)} of ${MB(expected)} (${String(error)}). ${retry}`,
      { cause: error },
    );
  }
  const bytes = new Uint8Array(received);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}
