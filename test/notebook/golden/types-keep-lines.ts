interface Point {
  x: number;
  y: number;
}
type Pair<T> = [T, T];
const p: Point = { x: 1, y: 2 } satisfies Point;
const pair: Pair<number> = [p.x, p.y!] as Pair<number>;
function norm<T extends Point>(q: T): number {
  return Math.hypot(q.x, q.y);
}
norm(p)
