// The TypeScript language service in a worker of its own, started by the page when a reader opens a cell to
// edit it: the compiler and the files it checks against (files.json, built by files.ts) load only then, never
// on page load. Requests that come before they have loaded wait for them.
import ts from "typescript";
import { cellGlobalsDts } from "./globals-dts.ts";
import type { FromChecker, ToChecker } from "./protocol.ts";
import { CellService, type ServiceFiles } from "./service.ts";

interface WorkerScope {
  postMessage(message: FromChecker): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToChecker>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;

const files = Promise.withResolvers<Extract<ToChecker, { type: "files" }>>();
const service = files.promise.then((message) => {
  if ("error" in message) throw new Error(message.error);
  const parsed = JSON.parse(new TextDecoder().decode(message.bytes)) as ServiceFiles;
  return new CellService(ts, parsed, cellGlobalsDts("../src/notebook/helpers.ts"));
});
service.catch(() => {}); // not unhandled: every request answers with the failure

scope.addEventListener("message", ({ data: message }) => {
  if (message.type === "files") {
    files.resolve(message);
    return;
  }
  const { id } = message;
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
