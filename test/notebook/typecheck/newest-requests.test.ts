import { expect, it } from "vitest";
import { answeredBy } from "../../../src/notebook/typecheck/newest-requests.ts";

it("answeredBy(batch) gives older diagnostics and completions of a cell the newest one's answer", () => {
  const d1 = { id: 1, type: "diagnostics", cell: 0 };
  const c2 = { id: 2, type: "completions", cell: 0 };
  const d3 = { id: 3, type: "diagnostics", cell: 1 };
  const d4 = { id: 4, type: "diagnostics", cell: 0 };
  const c5 = { id: 5, type: "completions", cell: 0 };
  const by = answeredBy([d1, c2, d3, d4, c5]);
  expect([...by].map(([r, a]) => [r.id, a.id])).toEqual([
    [1, 4],
    [2, 5],
    [3, 3], // another cell's: its own
    [4, 4],
    [5, 5],
  ]);
});

it("answeredBy(batch) works out every hover and details request, however many", () => {
  const h1 = { id: 1, type: "hover", cell: 0 };
  const h2 = { id: 2, type: "hover", cell: 0 };
  const x3 = { id: 3, type: "details", cell: 0 };
  const x4 = { id: 4, type: "details", cell: 0 };
  const by = answeredBy([h1, h2, x3, x4]);
  expect([...by].map(([r, a]) => [r.id, a.id])).toEqual([
    [1, 1],
    [2, 2],
    [3, 3],
    [4, 4],
  ]);
});
