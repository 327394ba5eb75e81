const total = sum(3);
function sum(n: number): number {
  return n === 0 ? 0 : n + sum(n - 1);
}
async function later() {
  return total;
}
class Counter {
  count = 0;
  static start(): Counter {
    return new Counter();
  }
  add(n = step): this {
    this.count += n;
    return this;
  }
}
const make = function make(x: number) {
  return x > 0 ? make(x - 1) : Counter.start();
};
