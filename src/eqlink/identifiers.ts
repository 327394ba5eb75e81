// The identifiers of a cell's code, where they are and whether the code assigns them there: enough of a
// JavaScript lexer to skip comments, strings and numbers (a `// (m, n)` comment names no variable). Shared
// by the build (rehype-eqlinks.ts: which symbols a cell has) and the page (client.ts: where to mark them).

export interface Identifier {
  name: string;
  /** Offsets in the code: [start, end). */
  start: number;
  end: number;
  /** Assigned here: declared (`const W =`, `let [m, n] =`) or assigned (`W = …`, `W -= …`). */
  def: boolean;
}

const DECLARATIONS = new Set(["const", "let", "var"]);
const IDENTIFIER = /[A-Za-z_$][\w$]*/y;
const NUMBER = /\d[\w.]*/y;
const ASSIGNMENT = /\s*(?:\*\*|<<|>>>?|\?\?|&&|\|\||[-+*/%&|^])?=(?![=>])/y;
/** `console.log`, `Math.exp`…: a member of the platform's own objects is never a symbol of an equation
 * (the \log of a cross-entropy is not console.log, nor \max Math.max). */
const PLATFORM_MEMBER =
  /\b(?:console|Math|JSON|Number|Object|Array|Plot|performance|Date|String|Promise)\s*\.\s*$/;
/** The key of an object literal (`x: …`), not `a ? x : y`'s x: followed by one ":". */
const KEY = /\s*:(?!:)/y;

/** The last character of `code` before offset `at` that is not white space ("" at the start). */
function lastNonSpace(code: string, at: number): string {
  let k = at - 1;
  while (k >= 0 && /\s/.test(code[k]!)) k--;
  return k >= 0 ? code[k]! : "";
}

/** Every identifier of `code` outside comments, strings and numbers, in order (template `${…}` included). */
export function identifiers(code: string): Identifier[] {
  const found: Identifier[] = [];
  /** Open `${` of template literals: the brace depth to return to the template's text at. */
  const templates: number[] = [];
  let depth = 0;
  /** Bracket depth of a declaration's pattern (`const [a, b] =`): its names are defs until `=` or its end. */
  let declaring: number | null = null;
  /** Bracket depth outside a Plot call (`Plot.dot(data, { x: … })`): the keys of its options are Plot's
   * channels and settings (x, y, fill, domain…), not the equation's symbols. */
  let chart: number | null = null;
  let i = 0;

  const skipString = (quote: string): void => {
    for (i++; i < code.length && code[i] !== quote && code[i] !== "\n"; i++) if (code[i] === "\\") i++;
    i++;
  };
  /** Template text from i (after "`" or "}") to its end or the next `${`. */
  const skipTemplate = (): void => {
    for (; i < code.length; i++) {
      if (code[i] === "\\") i++;
      else if (code[i] === "`") return void i++;
      else if (code[i] === "$" && code[i + 1] === "{") {
        templates.push(depth++);
        i += 2;
        return;
      }
    }
  };

  while (i < code.length) {
    const c = code[i]!;
    if (c === "/" && code[i + 1] === "/") {
      const end = code.indexOf("\n", i);
      i = end < 0 ? code.length : end;
    } else if (c === "/" && code[i + 1] === "*") {
      const end = code.indexOf("*/", i + 2);
      i = end < 0 ? code.length : end + 2;
    } else if (c === '"' || c === "'") {
      skipString(c);
    } else if (c === "`") {
      i++;
      skipTemplate();
    } else if (/\d/.test(c)) {
      NUMBER.lastIndex = i;
      NUMBER.exec(code);
      i = NUMBER.lastIndex;
    } else if (/[A-Za-z_$]/.test(c)) {
      IDENTIFIER.lastIndex = i;
      const name = IDENTIFIER.exec(code)![0];
      const start = i;
      i += name.length;
      if (DECLARATIONS.has(name)) {
        declaring = depth;
        continue;
      }
      if ((name === "of" || name === "in") && declaring === depth) {
        declaring = null; // for (const x of xs): xs is read, not declared
        continue;
      }
      if (PLATFORM_MEMBER.test(code.slice(Math.max(0, start - 16), start))) {
        if (chart === null && /\bPlot\s*\.\s*$/.test(code.slice(Math.max(0, start - 8), start)))
          chart = depth;
        continue;
      }
      KEY.lastIndex = i;
      if (chart !== null && depth > chart && KEY.test(code) && /[{,]/.test(lastNonSpace(code, start)))
        continue;
      ASSIGNMENT.lastIndex = i;
      const assigned = ASSIGNMENT.test(code) && code[start - 1] !== ".";
      found.push({ name, start, end: i, def: declaring !== null || assigned });
    } else {
      if (c === "{" || c === "(" || c === "[") depth++;
      else if (c === "}" || c === ")" || c === "]") {
        depth--;
        if (declaring !== null && depth < declaring) declaring = null;
        if (chart !== null && depth <= chart) chart = null;
        if (c === "}" && templates.at(-1) === depth) {
          templates.pop();
          i++;
          skipTemplate();
          continue;
        }
      } else if (c === "=" && declaring === depth && code[i + 1] !== "=" && code[i + 1] !== ">")
        declaring = null;
      else if (c === ";" && declaring === depth) declaring = null;
      i++;
    }
  }
  return found;
}

/** The names `code` uses, for deciding which equation symbols a cell can be linked to. */
export function identifierNames(code: string): Set<string> {
  return new Set(identifiers(code).map((t) => t.name));
}
