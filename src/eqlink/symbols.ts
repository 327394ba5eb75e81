// Which name in a cell's code an equation's symbol is (DESIGN.md: code symbols = equation symbols). A Latin
// letter or a word is its own name; a Greek letter is spelled out; ∂E/∂W is dW. The first candidate the
// cell's code uses wins, so a symbol the code does not name is left alone.

const GREEK: Record<string, readonly string[]> = {
  α: ["alpha"],
  β: ["beta"],
  γ: ["gamma"],
  δ: ["delta"],
  Δ: ["Delta", "delta"],
  ε: ["eps", "epsilon"],
  ϵ: ["eps", "epsilon"],
  η: ["eta"],
  θ: ["theta"],
  λ: ["lambda", "lambd"],
  μ: ["mu"],
  σ: ["sigma", "sigmoid"],
  τ: ["tau"],
  ϕ: ["phi"],
  φ: ["phi"],
  ω: ["omega"],
};

/** The loss in a derivative's numerator: ∂E/∂W, ∂L/∂W, ∂C/∂W, ∂J/∂W all name the gradient dW. */
export const LOSS_SYMBOLS: ReadonlySet<string> = new Set(["E", "L", "C", "J", "ℓ"]);

/** The names a symbol as KaTeX shows it (a letter, "δ", "softmax") may have in code, best first. */
export function candidates(symbol: string): readonly string[] {
  if (symbol in GREEK) return GREEK[symbol]!;
  return /^[A-Za-z][A-Za-z0-9]*$/.test(symbol) ? [symbol] : [];
}

/** The code name of `symbol` among the names the cell uses, or null. */
export function codeName(symbol: string, names: ReadonlySet<string>): string | null {
  return candidates(symbol).find((name) => names.has(name)) ?? null;
}

/** The code name of the derivative ∂E/∂`symbol` (dW, db, dA, dS…), or null. */
export function gradientName(symbol: string, names: ReadonlySet<string>): string | null {
  return (
    candidates(symbol)
      .map((name) => `d${name}`)
      .find((name) => names.has(name)) ?? null
  );
}

/** Words for the signs a derivative's parts may hold (∂E/∂W_{l-1}^⊤): how a teacher reads them aloud. */
const SPOKEN: Record<string, string> = {
  "∂": "partial",
  "−": "minus",
  "-": "minus",
  "+": "plus",
  "⊤": "transposed",
  "′": "prime",
};

/** One part of a fraction, its symbols and scripts in order ("∂", "W", "l"), as words: "partial W l". */
function spokenPart(leaves: readonly string[]): string {
  return [...leaves.join("").replaceAll("\u200b", "")]
    .map((c) => SPOKEN[c] ?? GREEK[c]?.[0] ?? c)
    .join(" ")
    .replace(/(?<=\d) (?=\d)/g, ""); // digits stay one number: W 12, not W 1 2
}

/** How a derivative's fraction reads aloud: ∂E/∂W_l → "partial E over partial W l", dE/dW → "d E over d W". */
export function spokenFraction(numerator: readonly string[], denominator: readonly string[]): string {
  return `${spokenPart(numerator)} over ${spokenPart(denominator)}`;
}
