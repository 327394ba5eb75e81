// Argument checks shared by the data set makers. A reader who edits a cell gets an error in their own terms:
// `makeMoons: n must be an integer ≥ 2, got 1.5`, not a NaN three calls later.

/** Rejects option names the function does not know, so a misspelt option is not silently ignored. */
export function checkOptions(where: string, options: object, known: readonly string[]): void {
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new Error(`${where}: unknown option "${key}" (the options are ${known.join(", ")})`);
    }
  }
}

export function checkInt(where: string, name: string, value: number, min: number, max = Infinity): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    const range = max === Infinity ? `≥ ${min}` : `in ${min} … ${max}`;
    throw new Error(`${where}: ${name} must be an integer ${range}, got ${String(value)}`);
  }
  return value;
}

/** A finite number in [min, max], or in [min, max) when `maxOpen` is set. */
export function checkNumber(
  where: string,
  name: string,
  value: number,
  min = -Infinity,
  max = Infinity,
  maxOpen = false,
): number {
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    value >= min &&
    (maxOpen ? value < max : value <= max);
  if (!ok) {
    const range =
      min === -Infinity && max === Infinity
        ? "a finite number"
        : max === Infinity
          ? `a number ≥ ${min}`
          : `a number in [${min}, ${max}${maxOpen ? ")" : "]"}`;
    throw new Error(`${where}: ${name} must be ${range}, got ${String(value)}`);
  }
  return value;
}
