// Every link and asset path goes through here so the site works at "/" and under a sub-path (BASE_PATH).

/** Joins a base ("/", "/sub" or "/sub/") and a site path ("chapters/data/", "/pagefind/pagefind.js"). */
export function withBase(base: string, path = ""): string {
  return `${base.endsWith("/") ? base : `${base}/`}${path.replace(/^\/+/, "")}`;
}

/** A site path under this build's base. */
export function href(path = ""): string {
  return withBase(import.meta.env.BASE_URL, path);
}
