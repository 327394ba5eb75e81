// Observable Plot draws into a DOM `document`; in Node and in a Web Worker there is none, so the host gives
// one (linkedom's) and every way a cell can call Plot gets it by default: Plot.plot(…), Plot.legend(…) and
// mark.plot(…), which calls the module's own plot() and so needs Mark.prototype.plot patched.
import type * as PlotModule from "@observablehq/plot";

type Plot = typeof PlotModule;
type PlotOptions = NonNullable<Parameters<Plot["plot"]>[0]>;

let defaultDocument: unknown; // the document of the latest bridge: one per process or worker in practice
const patched = new WeakSet<object>();

export function bridgePlot(Plot: Plot, document: unknown): Plot {
  defaultDocument = document;
  const plot = (options: PlotOptions = {}): ReturnType<Plot["plot"]> =>
    Plot.plot({ document: defaultDocument as Document, ...options });
  const legend = (options: Parameters<Plot["legend"]>[0] = {}): ReturnType<Plot["legend"]> =>
    Plot.legend({ document: defaultDocument as Document, ...options } as Parameters<Plot["legend"]>[0]);
  const proto = Plot.Mark.prototype;
  if (!patched.has(proto)) {
    patched.add(proto);
    // Same body as Plot's own Mark#plot (src/index.js), routed through the default document.
    proto.plot = function (this: PlotModule.Mark, { marks = [], ...options }: PlotOptions = {}) {
      return plot({ ...options, marks: [...(marks as unknown[]), this] } as PlotOptions);
    };
  }
  return { ...Plot, plot, legend };
}
