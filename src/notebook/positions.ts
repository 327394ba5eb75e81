// Source positions across the two rewrites a cell goes through (TypeScript → sucrase's JavaScript → the
// runnable function), so that an error points at the line and column the reader typed.
// Lines are 1-based, columns 0-based, as in acorn and source maps; Output errors add 1 to the column.

export interface Position {
  line: number;
  column: number;
}

/** Offsets at which each line starts: lineStarts[i] is where line i + 1 begins. */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

export function positionAt(starts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - starts[lo]! };
}

export function offsetAt(starts: readonly number[], { line, column }: Position): number {
  const start = starts[Math.min(Math.max(line, 1), starts.length) - 1]!;
  return start + column;
}

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/** One decoded source-map segment: generated column → original line (1-based) and column. */
interface Segment {
  column: number;
  sourceLine: number;
  sourceColumn: number;
}

/** Decodes a source map's `mappings` (base64 VLQ) into segments per generated line. */
export function decodeMappings(mappings: string): Segment[][] {
  const lines: Segment[][] = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const text of mappings.split(";")) {
    const segments: Segment[] = [];
    let column = 0;
    for (const field of text.split(",")) {
      if (field === "") continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const char of field) {
        const digit = BASE64.indexOf(char);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) {
        sourceLine += values[2]!;
        sourceColumn += values[3]!;
        segments.push({ column, sourceLine: sourceLine + 1, sourceColumn });
      }
    }
    lines.push(segments);
  }
  return lines;
}

/** Maps a position in generated code back through decoded mappings; unmapped lines map to themselves. */
export function mapThrough(lines: readonly Segment[][], { line, column }: Position): Position {
  const segments = lines[line - 1];
  if (!segments || segments.length === 0) return { line, column };
  let best = segments[0]!;
  for (const s of segments) if (s.column <= column) best = s;
  return { line: best.sourceLine, column: best.sourceColumn + Math.max(0, column - best.column) };
}

/**
 * The column in `original` of column `column` of `stripped`, a line of it with spans taken out (sucrase
 * removes type annotations and keeps everything else where it was on its line); null if `stripped` is not
 * such a line. Matched greedily, character by character. Sucrase's own source map is wrong after a template
 * literal (every later line maps to the template's end column), so this is what positions use first.
 */
export function alignColumn(original: string, stripped: string, column: number): number | null {
  let o = 0;
  for (let s = 0; s < stripped.length; s++, o++) {
    while (o < original.length && original[o] !== stripped[s]) o++;
    if (o >= original.length) return null;
    if (s === column) return o;
  }
  return column >= stripped.length ? o + (column - stripped.length) : null;
}
