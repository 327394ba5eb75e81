import { describe, expect, it } from "vitest";
import { taskFigures } from "../../src/tools/trace-tasks.ts";

const thread = (pid: number, tid: number, name: string) => ({
  ph: "M",
  name: "thread_name",
  pid,
  tid,
  args: { name },
});
const task = (
  pid: number,
  tid: number,
  dur: number,
  tdur: number,
  name = "ThreadControllerImpl::RunTask",
) => ({
  ph: "X",
  name,
  pid,
  tid,
  dur,
  tdur,
});

describe("taskFigures(trace)", () => {
  it("finds the longest main-thread task on the clock and in CPU time, and sums the workers' CPU", () => {
    const trace = JSON.stringify({
      traceEvents: [
        thread(1, 1, "CrBrowserMain"),
        thread(2, 10, "CrRendererMain"),
        thread(2, 11, "DedicatedWorker thread"),
        task(1, 1, 900_000, 900_000), // the browser's own thread: not the page's
        task(2, 10, 480_000, 4_000), // waited for a core most of the time
        task(2, 10, 60_000, 30_000),
        task(2, 10, 1_000, 900, "RunTask"),
        { ph: "B", name: "RunTask", pid: 2, tid: 10 }, // not a complete event
        task(2, 11, 2_000_000, 1_500_000),
        task(2, 11, 1_000_000, 500_000),
      ],
    });
    expect(taskFigures(trace)).toEqual({
      main: { longestMs: 480, longestCpuMs: 30, cpuOfLongestMs: 4, count: 3 },
      workers: { cpuSeconds: 2, count: 2 },
    });
  });
});
