// scripts/04-losses.ts …: each chapter as one TypeScript file to run from a clone of the repository
// (src/notebook/script); the chapter page links it as "Download this chapter as TypeScript".
import type { APIRoute, GetStaticPaths } from "astro";
import { getCollection } from "astro:content";
import { contentScripts } from "../../notebook/script/content-scripts.ts";

export const getStaticPaths = (async () => {
  const entries = await getCollection("chapters");
  const scripts = contentScripts(
    entries.map((e) => ({ id: e.id, title: e.data.title })),
    "./",
    process.cwd(), // the build runs at the repository's root, whatever its --outDir
  );
  return entries.map((e) => ({ params: { script: `${e.id}.ts` }, props: { text: scripts.get(e.id)! } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) =>
  new Response((props as { text: string }).text, {
    headers: { "Content-Type": "text/plain; charset=utf-8" },
  });
