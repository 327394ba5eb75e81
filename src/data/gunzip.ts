// The MNIST subsets are served gzip-compressed (a fifth of the raw size). A server may already have
// decompressed them on the way (Content-Encoding: gzip), so look at the bytes, not at the file name.

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The bytes, decompressed if they start with gzip's magic number 1f 8b; as they are otherwise. `file` names
 * them in the error a truncated or corrupt stream gets (the platform's own error may have no message).
 */
export async function gunzipIfNeeded(bytes: Uint8Array, file = "the data"): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  let out: Uint8Array;
  try {
    const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream("gzip"));
    out = new Uint8Array(await new Response(stream).arrayBuffer());
  } catch (error) {
    throw notGzip(file, reasonOf(error));
  }
  // The trailer's last 4 bytes are the length mod 2³²: a stream cut at a block boundary would pass otherwise.
  const n = bytes.length;
  const size =
    n >= 18
      ? (bytes[n - 4]! | (bytes[n - 3]! << 8) | (bytes[n - 2]! << 16) | (bytes[n - 1]! << 24)) >>> 0
      : -1;
  if (size !== out.length % 2 ** 32) {
    throw notGzip(file, `${out.length} bytes came out, its trailer says ${size}`);
  }
  return out;
}

/** The message of an error from a decompressor, which may be empty (Node puts the reason in its cause). */
export function reasonOf(error: unknown): string {
  const e = error as { message?: unknown; cause?: { message?: unknown } } | null;
  const text = [e?.message, e?.cause?.message].find((m) => typeof m === "string" && m !== "");
  return (text as string | undefined) ?? "the stream does not decode";
}

/** The error for bytes that should be gzip and do not decode, naming the file. */
export function notGzip(file: string, reason: string): Error {
  return new Error(`${file} is not valid gzip (${reason}): the file is truncated or corrupt`);
}
