// The tasks a Chrome trace (category "toplevel") records, per thread: how long each ran on the clock (dur)
// and on its thread's CPU (tdur). On a busy machine the clock also counts the time the thread waited for a
// core, so a 5 ms task can look like 500 ms; its CPU time is what the page itself spent.

interface TraceEvent {
  ph: string;
  name: string;
  pid: number;
  tid: number;
  dur?: number; // µs
  tdur?: number; // µs
  args?: { name?: string };
}

export interface TaskFigures {
  /** Tasks on threads named CrRendererMain (the pages' main threads). */
  main: { longestMs: number; longestCpuMs: number; cpuOfLongestMs: number; count: number };
  /** All tasks on DedicatedWorker threads: the CPU seconds they used, and how many tasks. */
  workers: { cpuSeconds: number; count: number };
}

const TASK = new Set(["ThreadControllerImpl::RunTask", "RunTask"]);

/** Longest main-thread task (by clock and by CPU) and the workers' CPU time in a trace (browser.stopTracing()). */
export function taskFigures(trace: Buffer | string): TaskFigures {
  const { traceEvents } = JSON.parse(trace.toString()) as { traceEvents: TraceEvent[] };
  const names = new Map<string, string>(); // "pid:tid" → thread name
  for (const e of traceEvents) {
    if (e.ph === "M" && e.name === "thread_name") names.set(`${e.pid}:${e.tid}`, e.args?.name ?? "");
  }
  const main = { longestMs: 0, longestCpuMs: 0, cpuOfLongestMs: 0, count: 0 };
  const workers = { cpuSeconds: 0, count: 0 };
  for (const e of traceEvents) {
    if (e.ph !== "X" || !TASK.has(e.name)) continue;
    const thread = names.get(`${e.pid}:${e.tid}`) ?? "";
    const [ms, cpuMs] = [(e.dur ?? 0) / 1000, (e.tdur ?? 0) / 1000];
    if (thread === "CrRendererMain") {
      main.count++;
      if (ms > main.longestMs) [main.longestMs, main.cpuOfLongestMs] = [ms, cpuMs];
      main.longestCpuMs = Math.max(main.longestCpuMs, cpuMs);
    } else if (thread.startsWith("DedicatedWorker")) {
      workers.count++;
      workers.cpuSeconds += cpuMs / 1000;
    }
  }
  return { main, workers };
}
