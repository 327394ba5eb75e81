// Where each library name is read, for the page's scripts (the cell editor's go-to-definition, the equation
// links' "read it in the library"): library/names.json (src/pages/library/names.json.ts), fetched once, and
// the lookup of a name in it. Browser-safe: no Node, no editor.
import { withBase } from "../url.ts";

export type Package = "mlp" | "data";
/** Per package, each public name (and documented method, "Dense.backwardInto") → its site path with #L. */
export type LibraryNames = Record<Package, Record<string, string>>;

export interface NameAt {
  /** The package its import names, or null when no import in this cell does. */
  from: Package | null;
  /** As exported: "Dense", or "Matrix.from" for a member read off an imported class. */
  name: string;
  /** The class alone, when `name` is a member. */
  owner: string | null;
}

/** The site path of a name: its own package first, a member's class when the member has no entry. */
export function libraryPath(names: LibraryNames, at: NameAt): string | null {
  const packages: Package[] = at.from ? [at.from] : ["mlp", "data"];
  for (const candidate of at.owner ? [at.name, at.owner] : [at.name]) {
    for (const p of packages) {
      const path = names[p][candidate];
      if (path) return path;
    }
  }
  return null;
}

let names: Promise<LibraryNames | null> | undefined;

/** The names, fetched on first use; null where the file is missing (a dev server without a build). */
export function loadLibraryNames(base: string = import.meta.env.BASE_URL): Promise<LibraryNames | null> {
  names ??= fetch(withBase(base, "library/names.json"))
    .then((r) => (r.ok ? (r.json() as Promise<LibraryNames>) : null))
    .catch(() => null);
  return names;
}
