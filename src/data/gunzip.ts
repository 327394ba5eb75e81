// The MNIST subsets are served gzip-compressed (a fifth of the raw size). A server may already have
// decompressed them on the way (Content-Encoding: gzip), so look at the bytes, not at the file name.

const isGzip = (bytes: Uint8Array): boolean => bytes[0] === 0x1f && bytes[1] === 0x8b;

/** The bytes, decompressed if they start with gzip's magic number 1f 8b; as they are otherwise. */
export async function gunzipIfNeeded(bytes: Uint8Array): Promise<Uint8Array> {
  if (!isGzip(bytes)) return bytes;
  const stream = new Blob([new Uint8Array(bytes)]).stream().pipeThrough(new DecompressionStream("gzip"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
