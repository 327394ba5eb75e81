// library/names.json: where the cell editor's go-to-definition sends each library name (see
// src/notebook/client/library-links.ts): per package, each public name and each documented method
// ("Dense.backwardInto") → its library page and line, without the site's base.
import { library } from "../../site/library/library.ts";

export function GET(): Response {
  const lib = library(process.cwd());
  const names: Record<"mlp" | "data", Record<string, string>> = { mlp: {}, data: {} };
  const add = (from: "mlp" | "data", name: string) => {
    const target = lib.target(from, name);
    if (target) names[from][name] = `${target.page.path}#${target.id}`;
  };
  for (const { from, name } of lib.names) add(from, name);
  for (const page of lib.pages) {
    for (const file of page.files) {
      const from = file.file.startsWith("src/data/") ? "data" : "mlp";
      for (const block of file.blocks) if (block.name?.includes(".")) add(from, block.name);
    }
  }
  return new Response(JSON.stringify(names), { headers: { "content-type": "application/json" } });
}
