import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { gunzipIfNeeded } from "../../src/data/gunzip.ts";

describe("gunzipIfNeeded", () => {
  const raw = Uint8Array.from({ length: 1000 }, (_, i) => (i * 7) % 256);

  it("decompresses gzip bytes", async () => {
    expect(await gunzipIfNeeded(gzipSync(raw))).toEqual(raw);
  });

  it("returns other bytes as they are (a server may have decompressed them already)", async () => {
    const idx = Uint8Array.of(0, 0, 8, 1, 0, 0, 0, 0);
    expect(await gunzipIfNeeded(idx)).toBe(idx);
  });
});
