// Builds the site once (unless E2E_SKIP_BUILD=1 and dist/ exists) and serves dist/ with `astro preview` on
// loopback for every browser suite. The URL reaches the suites through vitest's provide/inject.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import type { TestProject } from "vitest/node";

const ASTRO = "node_modules/astro/bin/astro.mjs";
const env = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", ASTRO_DISABLE_UPDATE_CHECK: "true" };

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function build(): void {
  const data = spawnSync(process.execPath, ["src/tools/build-data.ts"], { stdio: "inherit", env });
  if (data.status !== 0) throw new Error("e2e setup: building the MNIST subsets failed (see above)");
  const r = spawnSync(process.execPath, [ASTRO, "build"], { stdio: "inherit", env });
  if (r.status !== 0) throw new Error("e2e setup: astro build failed (see above)");
}

function serve(port: number): Promise<ChildProcess> {
  // --ignore-lock: Astro 7 refuses a second preview server of a project (another suite, a dev's own preview).
  const args = [ASTRO, "preview", "--ignore-lock", "--host", "127.0.0.1", "--port", String(port)];
  const child = spawn(process.execPath, args, {
    env,
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error("e2e setup: astro preview did not start in 30 s")),
      30_000,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes(`127.0.0.1:${port}`)) {
        clearTimeout(timer);
        resolve(child);
      }
    });
    child.on("exit", (code) => reject(new Error(`e2e setup: astro preview exited with ${code}`)));
  });
}

export default async function setup(project: TestProject): Promise<() => void> {
  if (!(process.env.E2E_SKIP_BUILD === "1" && existsSync("dist/index.html"))) build();
  const port = 4400 + Math.floor(Math.random() * 500);
  const server = await serve(port);
  project.provide("baseUrl", `http://127.0.0.1:${port}`);
  return () => {
    server.kill();
  };
}
