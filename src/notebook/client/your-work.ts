// The "Your work" page: lists, by chapter, the cells the reader edited (store.ts), the knobs they set
// (knob-store.ts) and the exercises they solved (solved.ts), from localStorage; Reset all forgets them; Export writes them to one JSON file and Import reads
// such a file back, so the work moves to another browser.
import { KNOB_PREFIX } from "./knob-store.ts";
import { SOLVED_PREFIX } from "./solved.ts";

const EDIT_PREFIX = "mlp-notebook:edit:";
const FORMAT = "mlp-notebook work";

interface ChapterInfo {
  id: string;
  title: string;
  href: string;
  exercises: number;
}

export interface WorkFile {
  format: typeof FORMAT;
  version: 1;
  exportedAt: string;
  /** localStorage keys (edits and solved exercises) and their values. */
  items: Record<string, string>;
}

function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

const PREFIXES = { edit: EDIT_PREFIX, knob: KNOB_PREFIX, solved: SOLVED_PREFIX } as const;
type Kind = keyof typeof PREFIXES;
const kindOf = (key: string): Kind | null =>
  (Object.keys(PREFIXES) as Kind[]).find((kind) => key.startsWith(PREFIXES[kind])) ?? null;
const isWorkKey = (key: string): boolean => kindOf(key) !== null;

/** Every edit, knob setting and solved mark kept in this browser. */
export function collectWork(): Record<string, string> {
  const store = storage();
  const items: Record<string, string> = {};
  if (!store) return items;
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (key !== null && isWorkKey(key)) items[key] = store.getItem(key) ?? "";
  }
  return items;
}

/** A work file's items, or an error saying what is wrong with the file. */
export function readWorkFile(text: string): Record<string, string> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error("this file is not JSON: choose a file made by Export on this page");
  }
  const file = value as Partial<WorkFile>;
  if (file?.format !== FORMAT || typeof file.items !== "object" || file.items === null) {
    throw new Error(`this file is not an export of your work (it has no "format": "${FORMAT}")`);
  }
  const items: Record<string, string> = {};
  for (const [key, item] of Object.entries(file.items)) {
    if (isWorkKey(key) && typeof item === "string") items[key] = item;
  }
  return items;
}

/** "mlp-notebook:edit:03-activations|03-activations-16|hash" → its kind, chapter and the rest. */
function parseKey(key: string): { kind: Kind; chapter: string; id: string } {
  const kind = kindOf(key) ?? "edit";
  const [chapter = "", id = ""] = key.slice(PREFIXES[kind].length).split("|");
  return { kind, chapter, id };
}

function render(doc: Document, list: HTMLElement, chapters: readonly ChapterInfo[]): number {
  const items = Object.keys(collectWork()).map(parseKey);
  const sections: HTMLElement[] = [];
  for (const chapter of chapters) {
    const mine = items.filter((i) => i.chapter === chapter.id);
    if (mine.length === 0) continue;
    const h2 = doc.createElement("h2");
    const link = doc.createElement("a");
    link.href = chapter.href;
    link.textContent = chapter.title;
    h2.append(link);
    const ul = doc.createElement("ul");
    const solved = mine.filter((i) => i.kind === "solved");
    if (chapter.exercises > 0) {
      const li = doc.createElement("li");
      li.textContent = `Exercises solved: ${solved.length} of ${chapter.exercises}${solved.length > 0 ? ` (${solved.map((s) => s.id).join(", ")})` : ""}`;
      ul.append(li);
    }
    for (const [kind, what] of [
      ["edit", "Edited cell"],
      ["knob", "Knobs set in cell"],
    ] as const) {
      for (const item of mine.filter((i) => i.kind === kind)) {
        const li = doc.createElement("li");
        const a = doc.createElement("a");
        a.href = `${chapter.href}#${item.id}`;
        a.textContent = `${what} ${item.id.slice(chapter.id.length + 1)}`;
        li.append(a);
        ul.append(li);
      }
    }
    const section = doc.createElement("section");
    section.append(h2, ul);
    sections.push(section);
  }
  if (sections.length === 0) {
    const p = doc.createElement("p");
    p.textContent =
      "Nothing yet: edit a cell, set a knob or solve an exercise in a chapter, and it is listed here.";
    sections.push(p);
  }
  list.replaceChildren(...sections);
  return items.length;
}

export function showYourWork(doc: Document): void {
  const list = doc.querySelector<HTMLElement>("[data-work-list]");
  const actions = doc.querySelector<HTMLElement>("[data-work-actions]");
  const status = doc.querySelector<HTMLElement>("[data-work-status]");
  if (!list || !actions || !status) return;
  let chapters: ChapterInfo[] = [];
  try {
    chapters = JSON.parse(doc.querySelector("[data-work-chapters]")?.textContent ?? "[]") as ChapterInfo[];
  } catch {
    // no chapters: nothing to list by
  }
  const refresh = (): number => render(doc, list, chapters);
  refresh();
  actions.hidden = false;

  doc.querySelector('[data-work-action="export"]')?.addEventListener("click", () => {
    const file: WorkFile = {
      format: FORMAT,
      version: 1,
      exportedAt: new Date().toISOString(),
      items: collectWork(),
    };
    const url = URL.createObjectURL(new Blob([JSON.stringify(file, null, 2)], { type: "application/json" }));
    const a = doc.createElement("a");
    a.href = url;
    a.download = "mlp-notebook-work.json";
    doc.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    status.textContent = `Exported ${Object.keys(file.items).length} items to mlp-notebook-work.json.`;
  });

  doc.querySelector<HTMLInputElement>("[data-work-import]")?.addEventListener("change", async (event) => {
    const input = event.target as HTMLInputElement;
    const file = input.files?.[0];
    if (!file) return;
    try {
      const items = readWorkFile(await file.text());
      for (const [key, value] of Object.entries(items)) storage()?.setItem(key, value);
      refresh();
      status.textContent = `Imported ${Object.keys(items).length} items from ${file.name}.`;
    } catch (error) {
      status.textContent = `Could not import ${file.name}: ${error instanceof Error ? error.message : String(error)}`;
    }
    input.value = "";
  });

  doc.querySelector('[data-work-action="reset"]')?.addEventListener("click", () => {
    const keys = Object.keys(collectWork());
    if (keys.length === 0) return;
    const question = `Forget all ${keys.length} edits, knob settings and solved exercises in this browser?`;
    if (!globalThis.confirm(question)) return;
    for (const key of keys) storage()?.removeItem(key);
    refresh();
    status.textContent = `Reset: ${keys.length} items forgotten; every cell shows the site's code and knobs again.`;
  });
}
