// Where downloaded data files are kept between visits: the browser's Cache Storage, keyed by the file's URL
// and its SHA-256, so a file the build changed is never read from an old copy.

/** A place to keep verified files; get gives undefined for a file it does not hold. */
export interface FileStore {
  get(key: string): Promise<Uint8Array | undefined>;
  /** Rejects when the file cannot be kept (QuotaExceededError when storage is full). */
  put(key: string, bytes: Uint8Array): Promise<void>;
}

export const CACHE_NAME = "mlp-notebook-data";

/** The page's (or worker's) Cache Storage as a FileStore, or null where there is none (Node, http:// hosts). */
export function cacheStorage(name = CACHE_NAME): FileStore | null {
  const caches = (globalThis as { caches?: CacheStorage }).caches;
  if (!caches) return null;
  return {
    async get(key) {
      const response = await (await caches.open(name)).match(key);
      return response ? new Uint8Array(await response.arrayBuffer()) : undefined;
    },
    async put(key, bytes) {
      const headers = { "content-type": "application/octet-stream" };
      await (await caches.open(name)).put(key, new Response(new Uint8Array(bytes), { headers }));
    },
  };
}
