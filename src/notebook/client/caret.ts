// Where in a static code block a click landed, as an offset in its text: the editor that replaces the
// block opens with its caret there.

interface CaretDocument {
  caretPositionFromPoint?(x: number, y: number): { offsetNode: Node; offset: number } | null;
  caretRangeFromPoint?(x: number, y: number): Range | null;
}

export function caretOffset(block: HTMLElement, x: number, y: number): number | undefined {
  const doc = block.ownerDocument as Document & CaretDocument;
  let node: Node | undefined;
  let offset = 0;
  const position = doc.caretPositionFromPoint?.(x, y);
  if (position) ({ offsetNode: node, offset } = position);
  else {
    const range = doc.caretRangeFromPoint?.(x, y);
    if (range) ({ startContainer: node, startOffset: offset } = range);
  }
  if (!node || node.nodeType !== Node.TEXT_NODE || !block.contains(node)) return undefined;
  // Shiki puts each line in its own span, with "\n" text between them: the text before the caret is
  // the text of every text node before it.
  const walker = doc.createTreeWalker(block, NodeFilter.SHOW_TEXT);
  let before = 0;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    if (n === node) return before + offset;
    before += n.textContent?.length ?? 0;
  }
  return undefined;
}
