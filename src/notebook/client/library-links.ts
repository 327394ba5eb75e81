// Go to definition for the library in a cell: F12 on a name, or Ctrl/Cmd-click it, opens the name's library
// page at its line, in a new tab (the notebook, its worker and what it trained stay as they are). A name is
// found by the import that brings it in (`sub as minus`: minus is sub), a member by its class
// (`Matrix.from`), and a name imported by another cell of the chapter by its own name. The addresses come
// from library/names.json (src/pages/library), fetched when the editor first opens.
import { ensureSyntaxTree } from "@codemirror/language";
import type { EditorState, Extension } from "@codemirror/state";
import { EditorView, keymap } from "@codemirror/view";
import {
  loadLibraryNames,
  libraryPath,
  type LibraryNames,
  type NameAt,
  type Package,
} from "../../site/library/names.ts";
import { withBase } from "../../site/url.ts";

export { libraryPath, type LibraryNames, type NameAt };

const IDENTIFIER = new Set(["VariableName", "VariableDefinition", "TypeName", "PropertyName"]);

/** What this cell's imports from "mlp" and "data" bind: local name → exported name and package. */
function importsOf(state: EditorState): Map<string, { from: Package; name: string }> {
  const tree = ensureSyntaxTree(state, state.doc.length, 200);
  const bound = new Map<string, { from: Package; name: string }>();
  if (!tree) return bound;
  const text = (from: number, to: number) => state.sliceDoc(from, to);
  for (let node = tree.topNode.firstChild; node; node = node.nextSibling) {
    if (node.name !== "ImportDeclaration") continue;
    const source = node.getChild("String");
    const from = source ? text(source.from + 1, source.to - 1) : "";
    if (from !== "mlp" && from !== "data") continue;
    const group = node.getChild("ImportGroup");
    let exported: string | null = null;
    for (let part = group?.firstChild; part; part = part.nextSibling) {
      if (part.name === "VariableName") exported = text(part.from, part.to); // `exported as local`
      if (part.name === "VariableDefinition") {
        const local = text(part.from, part.to);
        bound.set(local, { from, name: exported ?? local });
        exported = null;
      }
    }
  }
  return bound;
}

/** The library name at `pos`, if the text there is an identifier; whether the library has it is looked up apart. */
export function libraryNameAt(state: EditorState, pos: number): NameAt | null {
  const tree = ensureSyntaxTree(state, state.doc.length, 200);
  if (!tree) return null;
  let node = tree.resolveInner(pos, 1);
  if (!IDENTIFIER.has(node.name)) node = tree.resolveInner(pos, -1);
  if (!IDENTIFIER.has(node.name)) return null;
  const imports = importsOf(state);
  const word = state.sliceDoc(node.from, node.to);
  if (node.name === "PropertyName") {
    const object = node.parent?.name === "MemberExpression" ? node.parent.firstChild : null;
    if (!object || object.name !== "VariableName") return null;
    const owner = state.sliceDoc(object.from, object.to);
    const bound = imports.get(owner);
    const cls = bound?.name ?? owner;
    return { from: bound?.from ?? null, name: `${cls}.${word}`, owner: cls };
  }
  const bound = imports.get(word);
  return { from: bound?.from ?? null, name: bound?.name ?? word, owner: null };
}

/** F12 and Ctrl/Cmd-click on a library name open its library page at its line. */
export function libraryLinks(base: string = import.meta.env.BASE_URL): Extension {
  let loaded: LibraryNames | null = null;
  void loadLibraryNames(base).then((n) => (loaded = n));
  const open = (state: EditorState, pos: number): boolean => {
    const at = libraryNameAt(state, pos);
    const path = at && loaded ? libraryPath(loaded, at) : null;
    if (!path) return false;
    window.open(withBase(base, path), "_blank", "noopener");
    return true;
  };
  return [
    keymap.of([{ key: "F12", run: (view) => open(view.state, view.state.selection.main.head) }]),
    EditorView.domEventHandlers({
      mousedown(event, view) {
        if (event.button !== 0 || !(event.ctrlKey || event.metaKey)) return false;
        const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
        if (pos === null || !open(view.state, pos)) return false;
        event.preventDefault();
        return true;
      },
    }),
  ];
}
