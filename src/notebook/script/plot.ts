// Plot for a chapter's script in Node: the same module, drawing into linkedom's document as the build does.
import * as PlotModule from "@observablehq/plot";
import { nodeDocument } from "../node-runner.ts";
import { bridgePlot } from "../plot-bridge.ts";

const bridged = bridgePlot(PlotModule, nodeDocument());

export * from "@observablehq/plot";
export const plot = bridged.plot;
export const legend = bridged.legend;
