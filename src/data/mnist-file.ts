// One file of an MNIST subset as raw IDX bytes (decompressed), for a chapter that opens the format itself.
import { gunzipIfNeeded } from "./gunzip.ts";
import { readManifest, subsetEntry } from "./manifest.ts";
import { dataUrl, fetchFrom, readChecked, type LoadSubsetOptions } from "./load-mnist-subset.ts";

/** Which half of an MNIST file pair: the images X or the labels y. */
export type MnistPart = "images" | "labels";

const where = "loadMnistFile";

/** The bytes of a subset's images or labels file, as IDX: header first, then the values. */
export async function loadMnistFile(
  name: string,
  part: MnistPart,
  options: LoadSubsetOptions = {},
): Promise<Uint8Array> {
  if (part !== "images" && part !== "labels") {
    throw new Error(`${where}: part must be "images" or "labels", got ${JSON.stringify(part)}`);
  }
  const read = options.read ?? fetchFrom(dataUrl(options.base));
  const entry = subsetEntry(await readManifest(read, where), name, where);
  return gunzipIfNeeded(await readChecked(read, entry[part]), entry[part].file);
}
