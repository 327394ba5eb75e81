// A minimal static file server, as any host would be: serves a build folder under a path prefix (e.g.
// /sub/) on 127.0.0.1 and answers 404 for anything outside it, so a sub-path build can be checked for
// links and assets that forget the base.
import { createServer, type Server } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".woff": "font/woff",
  ".ttf": "font/ttf",
  ".wasm": "application/wasm",
};

export interface StaticServer {
  url: string;
  /** Paths that were answered 404. */
  missing: string[];
  close(): Promise<void>;
}

async function fileFor(root: string, relative: string): Promise<string | undefined> {
  const path = normalize(join(root, decodeURIComponent(relative)));
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const info = await stat(path).catch(() => undefined);
  if (info?.isFile()) return path;
  if (info?.isDirectory()) {
    const index = join(path, "index.html");
    if ((await stat(index).catch(() => undefined))?.isFile()) return index;
  }
  return undefined;
}

export function serveStatic(folder: string, prefix: string): Promise<StaticServer> {
  const root = resolve(folder);
  const missing: string[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const pathname = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
      const file = pathname.startsWith(prefix)
        ? await fileFor(root, pathname.slice(prefix.length))
        : undefined;
      if (!file) {
        missing.push(pathname);
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(body);
    })();
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      resolve({
        url: `http://127.0.0.1:${port}${prefix}`,
        missing,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}
