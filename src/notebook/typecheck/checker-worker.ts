// The TypeScript language service in a worker of its own, started by the page when a reader opens a cell to
// edit it: the compiler and the files it checks against (files.json, built by files.ts) load only then, never
// on page load. Requests that come before they have loaded wait for them; stale ones are skipped
// (newest-requests.ts).
import ts from "typescript";
import { cellGlobalsDts } from "./globals-dts.ts";
import { answeredBy } from "./newest-requests.ts";
import type { FromChecker, ToChecker } from "./protocol.ts";
import { CellService, type ServiceFiles } from "./service.ts";

interface WorkerScope {
  postMessage(message: FromChecker): void;
  addEventListener(type: "message", listener: (event: MessageEvent<ToChecker>) => void): void;
}
type Request = Exclude<ToChecker, { type: "files" }>;
type Answer = FromChecker extends infer T ? (T extends { id: number } ? Omit<T, "id"> : never) : never;

const scope = globalThis as unknown as WorkerScope;

const files = Promise.withResolvers<Extract<ToChecker, { type: "files" }>>();
const service = files.promise.then((message) => {
  if ("error" in message) throw new Error(message.error);
  const parsed = JSON.parse(new TextDecoder().decode(message.bytes)) as ServiceFiles;
  return new CellService(ts, parsed, cellGlobalsDts("../src/notebook/helpers.ts"));
});
service.catch(() => {}); // not unhandled: every request answers with the failure

function work(s: CellService, request: Request): Answer {
  try {
    s.setCells(request.codes);
    switch (request.type) {
      case "diagnostics":
        return { type: "diagnostics", result: s.diagnostics(request.cell) };
      case "hover":
        return { type: "hover", result: s.hover(request.cell, request.pos) };
      case "completions":
        return { type: "completions", result: s.completions(request.cell, request.pos) };
      case "details":
        return { type: "details", result: s.completionDetails(request.cell, request.pos, request.name) };
    }
  } catch (error) {
    return { type: "error", message: String(error) };
  }
}

const read: Request[] = [];
let draining = false;

async function drain(): Promise<void> {
  const s = await service.catch((error: unknown) => new Error(String(error)));
  draining = false; // what comes in from now on waits for the next drain
  const batch = read.splice(0);
  const by = answeredBy(batch);
  const answers = new Map<Request, Answer>();
  for (const r of batch) {
    const asked = by.get(r)!;
    let answer = answers.get(asked);
    if (!answer) {
      answer = s instanceof Error ? { type: "error", message: s.message } : work(s, asked);
      answers.set(asked, answer);
    }
    scope.postMessage({ ...answer, id: r.id } as FromChecker);
  }
}

scope.addEventListener("message", ({ data: message }) => {
  if (message.type === "files") {
    files.resolve(message);
    return;
  }
  read.push(message);
  if (draining) return;
  draining = true;
  // A task, not a microtask: messages already queued get read first, and the stale among them skipped.
  setTimeout(() => void drain(), 0);
});
