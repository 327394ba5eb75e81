import { describe, expect, it } from "vitest";
import { parseIdx } from "../../src/data/idx.ts";
import { loadMnistFile } from "../../src/data/mnist-file.ts";
import { loadMnistFileFromDisk, loadMnistSubsetFromDisk } from "../../src/data/mnist-node.ts";

describe("loadMnistFile", () => {
  it('loadMnistFile("train", "images") is an IDX file: 00 00 08 03, then the dims 5000, 28, 28', async () => {
    const bytes = await loadMnistFileFromDisk("train", "images");
    expect(Array.from(bytes.subarray(0, 16))).toEqual([0, 0, 8, 3, 0, 0, 19, 136, 0, 0, 0, 28, 0, 0, 0, 28]);
    expect(bytes.length).toBe(16 + 5000 * 28 * 28);
    const { X } = await loadMnistSubsetFromDisk("train");
    // The decoded subset is these bytes / 255, row by row.
    const first = Array.from(bytes.subarray(16, 16 + 784), (v) => v / 255);
    expect(Array.from(X.data.subarray(0, 784))).toEqual(first);
  });

  it('loadMnistFile("test", "labels") is an IDX file of 1000 bytes: 00 00 08 01, then the dim 1000', async () => {
    const bytes = await loadMnistFileFromDisk("test", "labels");
    expect(Array.from(bytes.subarray(0, 8))).toEqual([0, 0, 8, 1, 0, 0, 3, 232]);
    const idx = parseIdx(bytes);
    expect(idx.dims).toEqual([1000]);
    const { y } = await loadMnistSubsetFromDisk("test");
    expect(Array.from(idx.data)).toEqual(Array.from(y));
  });

  it("rejects a part other than images or labels, and a subset the manifest does not have", async () => {
    await expect(
      loadMnistFile("train", "pixels" as "images", { read: () => Promise.reject(new Error("unread")) }),
    ).rejects.toThrow('loadMnistFile: part must be "images" or "labels", got "pixels"');
    await expect(loadMnistFileFromDisk("validation", "images")).rejects.toThrow(
      'loadMnistFile: no subset "validation" in manifest.json (it has train, test, train-full, test-full)',
    );
  });
});
