// Chapter 10's "All 60 000" measured in Chromium and in Node in the same sitting: the same recipe (784-256-128-10,
// Adam η 0.002 halved each epoch, batch 100, 4 epochs, test accuracy on all 10 000 images after each epoch).
// In Chromium, against the built site (npm run build first), served on localhost without compression:
// - the download of the full sets (bytes, seconds from the first request to the last response);
// - Run on the mnist-full cell: seconds to 98.0% and per epoch, read from the cell's own output;
// - the worker's memory (V8 heap + ArrayBuffer backing stores, CDP Runtime.getHeapUsage, peak of samples);
// - the longest main-thread task while it trains (PerformanceObserver "longtask", which reports tasks
//   ≥ 50 ms) and the longest gap a 10 ms timer on the main thread saw;
// - from a Chrome trace of the training (trace-tasks.ts): the longest main-thread task on the clock and in
//   its thread's CPU time, which a busy machine does not inflate, and the worker's CPU seconds, which make a
//   CPU-time ratio with Node's process.
//
//   node src/tools/bench-mnist-full.ts [--dist=dist] [--json]      (npm run bench calls benchMnistFull)
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { CDPSession, Page } from "playwright-core";
import { launch } from "../../test/e2e/browser.ts";
import { loadMnistFullFromDisk } from "../data/mnist-node.ts";
import { accuracy, adam, MLP, predictBatches, train } from "../mlp/index.ts";
import { serve } from "./bench-notebook.ts";
import { taskFigures } from "./trace-tasks.ts";

export interface EpochFigures {
  testAccuracy: number[];
  /** Seconds from the start of training to the end of each epoch's evaluation. */
  elapsed: number[];
  secondsTo98: number | null;
  secondsPerEpoch: number;
}

/** Seconds of this process's CPU time (user + system). */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

export interface MnistFullBench {
  node: EpochFigures & { cpuSecondsPerEpoch: number };
  chromium:
    | (EpochFigures & {
        runSeconds: number;
        longestTaskMs: number;
        longestGapMs: number;
        /** From the trace: the longest main-thread task on the clock and its CPU time; the most CPU one task used. */
        longestTaskTraceMs: number;
        longestTaskTraceCpuMs: number;
        longestTaskCpuMs: number;
        /** The worker threads' CPU time over the run, per epoch. */
        workerCpuSecondsPerEpoch: number;
        workerPeakMB: number | null;
        workerUrl: string | null;
        /** After training, once a full garbage collection has run. */
        workerLiveMB: number | null;
      })
    | null;
  download: { bytes: number; seconds: number } | null;
  /** Chromium's seconds per epoch over Node's. */
  ratio: number | null;
  /** The same in CPU time: Chromium's worker threads over Node's process. */
  cpuRatio: number | null;
  skipped?: string;
}

function figures(testAccuracy: number[], elapsed: number[]): EpochFigures {
  const first = testAccuracy.findIndex((a) => a >= 0.98);
  return {
    testAccuracy,
    elapsed,
    secondsTo98: first < 0 ? null : elapsed[first]!,
    secondsPerEpoch: elapsed.at(-1)! / elapsed.length,
  };
}

/** The chapter's cell, in Node: the same network, optimiser, schedule, shuffles and evaluation. */
export async function nodeRun(): Promise<MnistFullBench["node"]> {
  const full = await loadMnistFullFromDisk();
  const net = new MLP({
    sizes: [784, 256, 128, 10],
    hidden: "relu",
    output: "softmax",
    loss: "crossEntropy",
    seed: 1,
  });
  const optimizer = adam({ eta: 0.002 });
  const testAccuracy: number[] = [];
  const elapsed: number[] = [];
  const start = performance.now();
  const cpuStart = cpuSeconds();
  await train(net, full.train.X, full.train.y, {
    epochs: 4,
    batchSize: 100,
    optimizer,
    seed: 1,
    onEpoch: () => {
      testAccuracy.push(accuracy(predictBatches(net, full.test.X), full.test.y));
      elapsed.push((performance.now() - start) / 1000);
      optimizer.eta /= 2;
    },
  });
  return {
    ...figures(testAccuracy, elapsed),
    cpuSecondsPerEpoch: (cpuSeconds() - cpuStart) / elapsed.length,
  };
}

function chapterPath(dist: string): string | undefined {
  const dir = join(dist, "chapters");
  return readdirSync(dir)
    .map((slug) => `chapters/${slug}/`)
    .find(
      (p) =>
        existsSync(join(dist, p, "index.html")) &&
        readFileSync(join(dist, p, "index.html"), "utf8").includes('data-cell-name="mnist-full"'),
    );
}

/**
 * Samples the memory of the page's workers through CDP (auto-attached, non-flat sessions): V8's heap plus
 * ArrayBuffer backing stores (Runtime.getHeapUsage), for the worker that holds the most (the notebook's; the
 * page may start others).
 */
async function workerMemory(cdp: CDPSession): Promise<{
  /** With collect, after a full garbage collection: what the worker holds live. */
  sample(collect?: boolean): Promise<{ bytes: number; url: string } | null>;
}> {
  const workers = new Map<string, string>(); // session → script URL
  let id = 0;
  const pending = new Map<number, (result: unknown) => void>();
  cdp.on("Target.attachedToTarget", (e) => {
    if (e.targetInfo.type === "worker") workers.set(e.sessionId, e.targetInfo.url);
  });
  cdp.on("Target.detachedFromTarget", (e) => {
    if (e.sessionId) workers.delete(e.sessionId);
  });
  cdp.on("Target.receivedMessageFromTarget", (e) => {
    const message = JSON.parse(e.message) as { id?: number; result?: unknown };
    if (message.id === undefined) return;
    pending.get(message.id)?.(message.result ?? null);
    pending.delete(message.id);
  });
  await cdp.send("Target.setAutoAttach", { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  const call = (sessionId: string, method: string, timeoutMs = 2000): Promise<unknown> => {
    const n = ++id;
    const result = new Promise<unknown>((resolve) => pending.set(n, resolve));
    const message = JSON.stringify({ id: n, method });
    void cdp.send("Target.sendMessageToTarget", { sessionId, message }).catch(() => pending.get(n)?.(null));
    return Promise.race([result, new Promise<null>((resolve) => setTimeout(() => resolve(null), timeoutMs))]);
  };
  return {
    async sample(collect = false) {
      let best: { bytes: number; url: string } | null = null;
      for (const [session, url] of workers) {
        if (collect) await call(session, "HeapProfiler.collectGarbage", 30_000);
        const r = (await call(session, "Runtime.getHeapUsage")) as {
          usedSize: number;
          backingStorageSize?: number;
        } | null;
        const bytes = r ? r.usedSize + (r.backingStorageSize ?? 0) : null;
        if (bytes !== null && (!best || bytes > best.bytes)) best = { bytes, url };
      }
      return best;
    },
  };
}

const cellOf = (page: Page, text: string) => page.locator("[data-cell]").filter({ hasText: text });

/**
 * Clicks Run and waits for this run to end (the output baked at build is there before it): its output.
 * The wait reads one element's status twice a second: a text locator polled over the whole chapter (what
 * `filter({ hasText })` does) ran for 100–270 ms at a time on the page's main thread, and was the longest
 * task this bench measured there.
 */
async function runAndWait(cell: ReturnType<typeof cellOf>, timeout: number): Promise<string> {
  const root = await cell.elementHandle({ timeout: 30_000 });
  if (!root) throw new Error("bench: the cell to run is not on the page");
  await cell.getByRole("button", { name: "Run", exact: true }).click();
  await root.evaluate(
    (el, ms) =>
      new Promise<void>((resolve, reject) => {
        const status = el.querySelector("[data-cell-status]");
        const give = setTimeout(() => reject(new Error(`bench: the cell did not finish in ${ms} ms`)), ms);
        const check = () => {
          if (/^(Ran in|Failed)/.test(status?.textContent ?? "")) {
            clearTimeout(give);
            resolve();
          } else setTimeout(check, 500);
        };
        check();
      }),
    timeout,
  );
  return (await cell.locator("[data-cell-output]").textContent()) ?? "";
}

export async function benchMnistFull(
  options: { dist?: string; log?: ((line: string) => void) | undefined } = {},
): Promise<MnistFullBench> {
  const dist = options.dist ?? "dist";
  const log = options.log ?? (() => {});
  const node = await nodeRun();
  log(
    `node: ${node.testAccuracy.map((a) => (100 * a).toFixed(2)).join("%, ")}% after ${node.elapsed.map((s) => s.toFixed(1)).join(", ")} s`,
  );
  const path = existsSync(join(dist, "chapters")) ? chapterPath(dist) : undefined;
  if (!path)
    return {
      node,
      chromium: null,
      download: null,
      ratio: null,
      cpuRatio: null,
      skipped: `no built chapter with the mnist-full cell in ${dist}/ (npm run build)`,
    };
  const { server, url } = await serve(dist);
  const browser = await launch();
  try {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { longTasks: number[][]; gaps: number[][] };
      w.longTasks = [];
      w.gaps = [];
      new PerformanceObserver((list) =>
        list.getEntries().forEach((e) => w.longTasks.push([e.startTime, e.duration])),
      ).observe({ type: "longtask", buffered: true });
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        w.gaps.push([last, now - last]);
        last = now;
      }, 10);
    });
    // Request events of the page and its worker alike (context-wide), timed as they arrive.
    const requested = new Map<string, number>();
    const downloads: { start: number; end: number; bytes: Promise<number> }[] = [];
    const isFull = (u: string) => /mnist-(train|test)-full-/.test(u);
    context.on("request", (req) => {
      if (isFull(req.url())) requested.set(req.url(), performance.now());
    });
    context.on("requestfinished", (req) => {
      if (!isFull(req.url())) return;
      const bytes = req.sizes().then((s) => s.responseBodySize);
      downloads.push({ start: requested.get(req.url()) ?? Number.NaN, end: performance.now(), bytes });
    });
    await page.goto(url + path, { waitUntil: "networkidle" });
    const cdp = await context.newCDPSession(page);
    const memory = await workerMemory(cdp);
    await page.locator("[data-cell-toolbar]:not([hidden])").first().waitFor();
    // Every cell above, the download included: then the training alone can be timed.
    await runAndWait(cellOf(page, "loadMnistFull({"), 600_000);
    const download =
      downloads.length === 0
        ? null
        : {
            bytes: (await Promise.all(downloads.map((d) => d.bytes))).reduce((a, b) => a + b, 0),
            seconds:
              (Math.max(...downloads.map((d) => d.end)) - Math.min(...downloads.map((d) => d.start))) / 1000,
          };
    log(
      `download: ${download ? `${(download.bytes / 1e6).toFixed(2)} MB in ${download.seconds.toFixed(2)} s` : "none"}`,
    );
    let peak: { bytes: number; url: string } | null = null;
    let sampling = true;
    const sampler = (async () => {
      while (sampling) {
        const now = await memory.sample();
        if (now && (!peak || now.bytes > peak.bytes)) peak = now;
        await new Promise((r) => setTimeout(r, 250));
      }
    })();
    await browser.startTracing(undefined, { categories: ["toplevel", "__metadata"] });
    const t0 = await page.evaluate(() => performance.now());
    const started = Date.now();
    const text = await runAndWait(cellOf(page, "const fullNet = new MLP"), 600_000);
    const runSeconds = (Date.now() - started) / 1000;
    const tasks = taskFigures(await browser.stopTracing());
    sampling = false;
    await sampler;
    const live = await memory.sample(true);
    const { longest, gap } = await page.evaluate((from) => {
      const w = window as unknown as { longTasks: number[][]; gaps: number[][] };
      const inRun = (xs: number[][]) => xs.filter(([start]) => start! >= from).map(([, d]) => d!);
      return { longest: Math.max(0, ...inRun(w.longTasks)), gap: Math.max(0, ...inRun(w.gaps)) };
    }, t0);
    const epochs = [...text.matchAll(/epoch \d+: test accuracy (\d+\.\d\d)%, (\d+\.\d) s/g)];
    const chromium = {
      ...figures(
        epochs.map((m) => Number(m[1]) / 100),
        epochs.map((m) => Number(m[2])),
      ),
      runSeconds,
      longestTaskMs: longest,
      longestGapMs: gap,
      longestTaskTraceMs: tasks.main.longestMs,
      longestTaskTraceCpuMs: tasks.main.cpuOfLongestMs,
      longestTaskCpuMs: tasks.main.longestCpuMs,
      workerCpuSecondsPerEpoch: tasks.workers.cpuSeconds / Math.max(1, epochs.length),
      workerPeakMB: peak ? (peak as { bytes: number }).bytes / 1e6 : null,
      workerUrl: peak ? (peak as { url: string }).url : null,
      workerLiveMB: live ? live.bytes / 1e6 : null,
    };
    return {
      node,
      chromium,
      download,
      ratio: chromium.secondsPerEpoch / node.secondsPerEpoch,
      cpuRatio: chromium.workerCpuSecondsPerEpoch / node.cpuSecondsPerEpoch,
    };
  } finally {
    await browser.close();
    server.close();
  }
}

const mbOf = (mb: number | null): string => (mb === null ? "not measured" : `${mb.toFixed(0)} MB`);

export function describeMnistFull(b: MnistFullBench): string[] {
  const s = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${x.toFixed(1)} s`);
  const lines = [
    `full MNIST, 784-256-128-10 Adam 0.002 halved per epoch, batch 100, 4 epochs:`,
    `  node:     to 98.0% ${s(b.node.secondsTo98)}, ${s(b.node.secondsPerEpoch)}/epoch (CPU ${s(b.node.cpuSecondsPerEpoch)}), test ${b.node.testAccuracy.map((a) => (100 * a).toFixed(2) + "%").join(", ")}`,
  ];
  if (!b.chromium) return [...lines, `  chromium: skipped (${b.skipped})`];
  const c = b.chromium;
  return [
    ...lines,
    `  chromium: to 98.0% ${s(c.secondsTo98)}, ${s(c.secondsPerEpoch)}/epoch, Run → test accuracy ${s(c.runSeconds)}, test ${c.testAccuracy.map((a) => (100 * a).toFixed(2) + "%").join(", ")}`,
    `  ratio chromium/node per epoch: ${b.ratio?.toFixed(2)}× (CPU time: worker ${s(c.workerCpuSecondsPerEpoch)}/epoch, ${b.cpuRatio?.toFixed(2)}×)`,
    `  download: ${b.download ? `${(b.download.bytes / 1e6).toFixed(2)} MB in ${b.download.seconds.toFixed(2)} s on localhost` : "none (cached)"}`,
    `  worker memory (V8 heap + ArrayBuffers): peak ${mbOf(c.workerPeakMB)} while training (garbage included), ` +
      `${mbOf(c.workerLiveMB)} live after it (after a full GC); ${c.workerUrl}`,
    `  main thread while training: longest task ${c.longestTaskMs.toFixed(0)} ms (longtask reports ≥ 50 ms), longest 10 ms-timer gap ${c.longestGapMs.toFixed(0)} ms`,
    `    traced: longest task ${c.longestTaskTraceMs.toFixed(0)} ms on the clock (${c.longestTaskTraceCpuMs.toFixed(1)} ms of CPU); the most CPU one task used ${c.longestTaskCpuMs.toFixed(1)} ms`,
  ];
}

if (import.meta.main) {
  const dist = process.argv.find((a) => a.startsWith("--dist="))?.slice(7) ?? "dist";
  const asJson = process.argv.includes("--json");
  const result = await benchMnistFull({ dist, log: asJson ? undefined : (l) => console.log(l) });
  console.log(asJson ? JSON.stringify(result) : describeMnistFull(result).join("\n"));
}
