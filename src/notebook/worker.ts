// The Web Worker a chapter's cells run in (one per page, started on the first Run): a kernel whose modules
// load on a cell's first import of them, so the worker starts with the transpiler and nothing else.
// It runs reader code with eval, so it must be a same-origin script file (never a blob:): its policy is
// then its own (the site sends none for it), while the page's CSP keeps script-src 'self'.
import { createKernel } from "./kernel.ts";
import { bridgePlot } from "./plot-bridge.ts";
import type { FromKernel, ToKernel } from "./protocol.ts";

interface WorkerScope {
  postMessage(message: FromKernel): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToKernel>) => void): void;
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

const kernel = createKernel({ resolveModule: (specifier) => modules[specifier]?.() });

scope.addEventListener("message", ({ data: message }) => {
  if (message.type === "input") return kernel.setInput(message.name, message.value);
  if (message.type === "abort") return kernel.abort();
  if (message.type === "cancel") return kernel.cancel(message.cellId);
  const { runId, cellId, source } = message;
  void kernel
    .run(cellId, source, (output) => scope.postMessage({ type: "output", runId, output }))
    .then(({ ok, ms, stopped }) => scope.postMessage({ type: "done", runId, ok, ms, stopped }));
});

scope.postMessage({ type: "ready" });
