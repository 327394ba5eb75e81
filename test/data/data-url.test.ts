// Where the MNIST loaders fetch from: the site's data/ folder, resolved against the page, or in the notebook's
// worker (started from a blob: URL, which has no path) against its origin.
import { afterEach, describe, expect, it, vi } from "vitest";
import { dataUrl } from "../../src/data/load-mnist-subset.ts";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("dataUrl(base)", () => {
  it("dataUrl(base) resolves the base against a page's location", () => {
    vi.stubGlobal("location", {
      href: "http://127.0.0.1:4321/mlp/chapters/mnist/",
      protocol: "http:",
      origin: "http://127.0.0.1:4321",
    });
    expect(dataUrl("/mlp/").href).toBe("http://127.0.0.1:4321/mlp/data/");
    expect(dataUrl("/mlp").href).toBe("http://127.0.0.1:4321/mlp/data/");
  });

  it("dataUrl(base) in a worker started from a blob: URL resolves against its origin", () => {
    vi.stubGlobal("location", {
      href: "blob:http://127.0.0.1:4321/0b8e2f9c-4d6a-4f0e-9a51-1c2d3e4f5a6b",
      protocol: "blob:",
      origin: "http://127.0.0.1:4321",
    });
    expect(dataUrl("/mlp/").href).toBe("http://127.0.0.1:4321/mlp/data/");
    expect(dataUrl(undefined).href).toBe("http://127.0.0.1:4321/data/");
  });
});
