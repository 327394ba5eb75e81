// The Web Worker a chapter's cells run in (one per page, started on the first Run): a kernel whose modules
// load on a cell's first import of them, so the worker starts with the transpiler and nothing else.
// It is started from a blob: URL (client/session.ts), so the page's Content-Security-Policy holds in it: no eval,
// no request to another host. Each cell is imported as a blob: module (script-src allows blob:), and what the
// policy refuses is said in the cell that asked for it.
import { createKernel, type CellFunction } from "./kernel.ts";
import { bridgePlot } from "./plot-bridge.ts";
import type { CellNames, FromKernel, ToKernel } from "./protocol.ts";
import { transformCell } from "./transform.ts";

interface WorkerScope {
  postMessage(message: FromKernel): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToKernel>) => void): void;
  addEventListener(
    type: "securitypolicyviolation",
    listener: (event: SecurityPolicyViolationEvent) => void,
  ): void;
}

const scope = globalThis as unknown as WorkerScope;

const modules: Record<string, () => Promise<unknown>> = {
  mlp: () => import("../mlp/index.ts"),
  data: () => import("../data/index.ts"),
  // Plot needs a DOM to draw into and a worker has none: linkedom's, loaded with Plot.
  "@observablehq/plot": async () => {
    const [Plot, { blankDocument }] = await Promise.all([
      import("@observablehq/plot"),
      import("./blank-document.ts"),
    ]);
    return bridgePlot(Plot, blankDocument());
  },
};

/** A cell as a module: its code's frames keep the name the kernel looks for (`//# sourceURL`). */
async function evaluate(code: string, url: string): Promise<CellFunction> {
  const source = `export default ${code}\n//# sourceURL=${url}`;
  const blob = URL.createObjectURL(new Blob([source], { type: "text/javascript" }));
  try {
    return ((await import(/* @vite-ignore */ blob)) as { default: CellFunction }).default;
  } finally {
    URL.revokeObjectURL(blob);
  }
}

// A blob: worker has no path to resolve a relative URL against: a cell's fetch("…") resolves against the
// worker's own file, as it did when the worker was started from that file.
const hostFetch = globalThis.fetch.bind(globalThis);
globalThis.fetch = (input, init) =>
  hostFetch(typeof input === "string" ? new URL(input, import.meta.url) : input, init);

const kernel = createKernel({ resolveModule: (specifier) => modules[specifier]?.(), evaluate });

// The request itself fails with the browser's own words ("Failed to fetch"); this says why, in the cell.
scope.addEventListener("securitypolicyviolation", (event) => {
  const what = event.blockedURI === "eval" ? "evaluating a string as code" : event.blockedURI || "a request";
  kernel.warn(
    `Refused by the site's Content-Security-Policy (${event.effectiveDirective}): ${what}. ` +
      "A cell can reach only this site's own files, and runs no code built from strings (eval, new Function).",
  );
});

scope.addEventListener("message", ({ data: message }) => {
  if (message.type === "input") return kernel.setInput(message.name, message.value);
  if (message.type === "abort") return kernel.abort();
  if (message.type === "cancel") return kernel.cancel(message.cellId);
  if (message.type === "analyze") {
    const cells = message.sources.map((source): CellNames | null => {
      try {
        const { declared, reads, assigns } = transformCell(source);
        return { declared, reads, assigns };
      } catch {
        return null; // a cell that does not parse reads nothing anyone can tell
      }
    });
    return scope.postMessage({ type: "analysis", requestId: message.requestId, cells });
  }
  const { runId, cellId, source } = message;
  void kernel
    .run(cellId, source, (output) => scope.postMessage({ type: "output", runId, output }))
    .then(({ ok, ms, stopped }) => scope.postMessage({ type: "done", runId, ok, ms, stopped }));
});

scope.postMessage({ type: "ready" });
