// What the kernel suites share: run a cell and keep its outputs, and read the value or the error it showed.
import type { Kernel } from "../../src/notebook/kernel.ts";
import type { Output } from "../../src/notebook/protocol.ts";

/** Runs `source` as cell `cellId` and returns the run's result with every output it emitted. */
export async function run(kernel: Kernel, source: string, cellId = "c") {
  const outputs: Output[] = [];
  const result = await kernel.run(cellId, source, (o) => outputs.push(o));
  return { ...result, outputs };
}

/** The text the last expression displayed. */
export function shown(outputs: Output[]): string | undefined {
  const value = outputs.find((o) => o.kind === "value");
  return value?.kind === "value" && value.view.type === "text" ? value.view.text : undefined;
}

/** The cell's error output; throws, showing the outputs, when there is none. */
export function errorOf(outputs: Output[]): Extract<Output, { kind: "error" }> {
  const error = outputs.find((o) => o.kind === "error");
  if (error?.kind !== "error") throw new Error(`no error output in ${JSON.stringify(outputs)}`);
  return error;
}

/** The cell's error as "Name: message". */
export function errorText(outputs: Output[]): string {
  const { name, message } = errorOf(outputs);
  return `${name}: ${message}`;
}
