// What the page and the checker's worker (checker-worker.ts) say to each other: plain data.
import type { CellDiagnosticRange, CompletionItem, HoverInfo } from "./service.ts";

/**
 * Page → checker. "files": typecheck/files.json's bytes, which the page fetches while the worker loads the
 * compiler (or why it could not); every request carries the chapter's cells as the page has them now.
 */
export type ToChecker =
  | { type: "files"; bytes: ArrayBuffer }
  | { type: "files"; error: string }
  | { id: number; type: "diagnostics"; codes: string[]; cell: number }
  | { id: number; type: "hover"; codes: string[]; cell: number; pos: number }
  | { id: number; type: "completions"; codes: string[]; cell: number; pos: number }
  | { id: number; type: "details"; codes: string[]; cell: number; pos: number; name: string };

/** Checker → page: the answer to request `id`, or why there is none. */
export type FromChecker =
  | { id: number; type: "diagnostics"; result: CellDiagnosticRange[] }
  | { id: number; type: "hover" | "details"; result: HoverInfo | null }
  | { id: number; type: "completions"; result: CompletionItem[] }
  | { id: number; type: "error"; message: string };
