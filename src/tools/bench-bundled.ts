// `npm run bench` runs src/tools/bench.ts from one bundled JavaScript file (esbuild) in a fresh Node,
// instead of through Node's own TypeScript loader. Why: that loader runs a WebAssembly compiler whose memory
// grows as it reads larger files, and growing a WebAssembly memory detaches its old ArrayBuffer. One
// detached ArrayBuffer anywhere in a program makes V8 check every typed-array access for it from then on
// (its "ArrayBufferDetaching" protector: `node --trace-protector-invalidation` names it), and every
// Float64Array loop of the library ran ~10% slower than in a page, where the library is bundled JavaScript
// too. `node src/tools/bench.ts` still runs the same bench through the loader, for comparison.
//
// The bundle goes to .cache/tools/, two folders below the repository like the tools' sources, so paths
// relative to import.meta.url (public/data, components/, node_modules) resolve as they do from src/tools.

import { spawn } from "node:child_process";
import { build } from "esbuild";

const outfile = ".cache/tools/bench.mjs";
await build({
  entryPoints: ["src/tools/bench.ts"],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  packages: "external", // packages are imported from node_modules as they are
  // bench-mnist-full.ts & co. run their own command line when they are the program (import.meta.main);
  // bundled into the bench they are not
  define: { "import.meta.main": "false" },
  logLevel: "warning",
});
const child = spawn(process.execPath, [outfile, ...process.argv.slice(2)], { stdio: "inherit" });
child.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
