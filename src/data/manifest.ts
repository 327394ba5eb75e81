// public/data/manifest.json: what the build step wrote, read by the browser loader before the data files.

export const MANIFEST_FILE = "manifest.json";
export const MANIFEST_FORMAT = "mnist-subsets";
export const MANIFEST_VERSION = 2;

/** One served file: its name in public/data, its size in bytes and its SHA-256, as served (gzip). */
export interface ManifestFile {
  file: string;
  bytes: number;
  sha256: string;
  /** The same of the decompressed IDX bytes, which a server may send instead (Content-Encoding: gzip). */
  raw: { bytes: number; sha256: string };
}

export interface ManifestSubset {
  /** Which MNIST split the examples come from. */
  split: "train" | "test";
  count: number;
  /** "first": the first count examples; "stratified": a seeded random pick with the split's class proportions. */
  selection: "first" | "stratified";
  seed: number | null;
  /** Class counts 0 … 9, as a check and for the reader. */
  classCounts: number[];
  images: ManifestFile;
  labels: ManifestFile;
}

export interface Manifest {
  format: typeof MANIFEST_FORMAT;
  version: typeof MANIFEST_VERSION;
  source: string;
  subsets: Record<string, ManifestSubset>;
}

/** Checks that JSON read from the site is a manifest this code can read. */
export function checkManifest(json: unknown, where: string): Manifest {
  const m = json as Partial<Manifest> | null;
  if (
    !m ||
    m.format !== MANIFEST_FORMAT ||
    typeof m.subsets !== "object" ||
    m.subsets === null ||
    Array.isArray(m.subsets)
  ) {
    throw new Error(
      `${where}: ${MANIFEST_FILE} is not an MNIST subset manifest (format "${String(m?.format)}")`,
    );
  }
  if (m.version !== MANIFEST_VERSION) {
    throw new Error(
      `${where}: ${MANIFEST_FILE} has version ${String(m.version)}, this code reads version ${MANIFEST_VERSION}: rebuild it with npm run data`,
    );
  }
  return m as Manifest;
}

/** Reads manifest.json through `read` and checks it; `where` (the loader's name) starts every message. */
export async function readManifest(
  read: (file: string) => Promise<Uint8Array>,
  where: string,
): Promise<Manifest> {
  const text = new TextDecoder().decode(await read(MANIFEST_FILE));
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(
      `${where}: ${MANIFEST_FILE} is not valid JSON (${(error as Error).message}): rebuild public/data with npm run data`,
      { cause: error },
    );
  }
  return checkManifest(json, where);
}

const isSize = (n: unknown): boolean => Number.isInteger(n) && (n as number) >= 0;
const isFileEntry = (f: unknown): f is ManifestFile => {
  const e = f as Partial<ManifestFile> | null;
  return (
    typeof e === "object" &&
    e !== null &&
    typeof e.file === "string" &&
    e.file !== "" &&
    isSize(e.bytes) &&
    typeof e.sha256 === "string" &&
    typeof e.raw === "object" &&
    e.raw !== null &&
    isSize(e.raw.bytes) &&
    typeof e.raw.sha256 === "string"
  );
};

/** The manifest's entry for subset `name`: an own property only, so "constructor" is no subset. */
export function subsetEntry(manifest: Manifest, name: string, where: string): ManifestSubset {
  const { subsets } = manifest;
  if (typeof name !== "string" || !Object.hasOwn(subsets, name)) {
    const names = Object.keys(subsets).join(", ");
    throw new Error(`${where}: no subset ${JSON.stringify(name)} in ${MANIFEST_FILE} (it has ${names})`);
  }
  const entry = subsets[name]!;
  for (const part of ["images", "labels"] as const) {
    if (!isFileEntry(entry?.[part])) {
      throw new Error(
        `${where}: ${MANIFEST_FILE}: subset "${name}" has no ${part} file entry ({ file, bytes, sha256, raw: { bytes, sha256 } }): rebuild public/data with npm run data`,
      );
    }
  }
  return entry;
}
