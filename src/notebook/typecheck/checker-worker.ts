// The TypeScript language service in a worker of its own, started by the page on a reader's first edit: the
// compiler and the files it checks against (files.json, built by files.ts) load only then, never on page load.
import ts from "typescript";
import { cellGlobalsDts } from "./globals-dts.ts";
import type { FromChecker, ToChecker } from "./protocol.ts";
import { CellService, type ServiceFiles } from "./service.ts";

interface WorkerScope {
  postMessage(message: FromChecker): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToChecker>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
let service: Promise<CellService> | null = null;

async function load(url: string): Promise<CellService> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`the type checker's files did not load (${response.status} for ${url})`);
  const files = (await response.json()) as ServiceFiles;
  return new CellService(ts, files, cellGlobalsDts("../src/notebook/helpers.ts"));
}

scope.addEventListener("message", ({ data: message }) => {
  if (message.type === "init") {
    service ??= load(message.filesUrl);
    return;
  }
  const { id } = message;
  if (!service) {
    scope.postMessage({ id, type: "error", message: "the checker was asked before it was started" });
    return;
  }
  void service
    .then((s): FromChecker => {
      s.setCells(message.codes);
      switch (message.type) {
        case "diagnostics":
          return { id, type: "diagnostics", result: s.diagnostics(message.cell) };
        case "hover":
          return { id, type: "hover", result: s.hover(message.cell, message.pos) };
        case "completions":
          return { id, type: "completions", result: s.completions(message.cell, message.pos) };
        case "details":
          return {
            id,
            type: "details",
            result: s.completionDetails(message.cell, message.pos, message.name),
          };
      }
    })
    .catch((error: unknown): FromChecker => ({ id, type: "error", message: String(error) }))
    .then((answer) => scope.postMessage(answer));
});
