const a: number = 1, b = 2;
let c: string;
var d = a + b;
const { e, f: [g, ...h] } = { e: 1, f: [2, 3, 4] };
const [i, j = a] = [5];
let k
[i, j].forEach((v) => k = v)
