// typecheck/files.json: what the page's type checker checks cells against (src/notebook/typecheck/files.ts),
// served by the site itself, never a CDN; the page fetches it for the checker's worker when a reader opens a cell to edit it.
import type { APIRoute } from "astro";
import { serviceFiles } from "../../notebook/typecheck/files.ts";

export const GET: APIRoute = () =>
  new Response(
    JSON.stringify(serviceFiles(process.cwd(), { stripLibComments: true }) /* the build runs at the root */),
    {
      headers: { "Content-Type": "application/json" },
    },
  );
