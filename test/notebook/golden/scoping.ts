const x = 1;
function shadow(x: number, { y }: { y: number }) {
  const z = x + y + w;
  return { x, z, w };
}
{
  const x = 2;
  let inner = x;
  var hoisted = inner;
}
for (let i = 0; i < 3; i++) total += i;
for (var n of [1, 2]) count++;
for (const key in { a: 1 }) keys.push(key);
try {
  risky();
} catch (error) {
  errors.push(error);
}
outer: for (const v of values) {
  if (v) continue outer;
  break outer;
}
const o = { x, y: x, [x]: x, method() { return this.x; } };
({ x: o.x, missing } = { x: 3, missing: 4 });
typeof notDefinedAnywhere === "undefined" && Math.max(x, Infinity);
console.log(o.x, JSON.stringify(o));
