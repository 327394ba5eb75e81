// A blank DOM document where there is no page (the build, Node, the kernel's worker): linkedom's, for Plot to
// draw into and the renderer to build in. One place, so every such document starts the same.
import { parseHTML } from "linkedom";

export function blankDocument(): Document {
  return parseHTML("<!doctype html><html><head></head><body></body></html>").document as unknown as Document;
}
