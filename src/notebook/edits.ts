// Text edits on one source string that remember where every output character came from: the cell transform
// rewrites sucrase's output by inserting and replacing at AST offsets, and errors are mapped back through it.

interface Edit {
  start: number;
  end: number; // === start for an insertion
  text: string;
  closing: boolean; // closers at an offset go before openers, innermost first
  seq: number;
}

/** A piece of the output: `length` characters at `generated`, copied from `source` (or inserted there). */
interface Piece {
  generated: number;
  source: number;
  length: number;
  copied: boolean;
}

export class Edits {
  readonly #source: string;
  readonly #edits: Edit[] = [];

  constructor(source: string) {
    this.#source = source;
  }

  /** Inserts text before whatever else starts at `offset` later (an opening bracket, a prefix). */
  open(offset: number, text: string): void {
    this.#edits.push({ start: offset, end: offset, text, closing: false, seq: this.#edits.length });
  }

  /** Inserts text after whatever ended at `offset` and was closed later (a closing bracket, a suffix). */
  close(offset: number, text: string): void {
    this.#edits.push({ start: offset, end: offset, text, closing: true, seq: this.#edits.length });
  }

  replace(start: number, end: number, text: string): void {
    this.#edits.push({ start, end, text, closing: false, seq: this.#edits.length });
  }

  apply(): { code: string; toSource: (generatedOffset: number) => number } {
    const rank = (e: Edit): number => (e.closing ? 0 : e.end > e.start ? 2 : 1);
    const edits = [...this.#edits].sort(
      (a, b) => a.start - b.start || rank(a) - rank(b) || (a.closing ? b.seq - a.seq : a.seq - b.seq),
    );
    const pieces: Piece[] = [];
    let code = "";
    let at = 0;
    const copy = (to: number): void => {
      if (to > at) {
        pieces.push({ generated: code.length, source: at, length: to - at, copied: true });
        code += this.#source.slice(at, to);
        at = to;
      }
    };
    for (const e of edits) {
      if (e.start < at) throw new Error(`Edits: overlapping edit at offset ${e.start}`);
      copy(e.start);
      pieces.push({ generated: code.length, source: e.start, length: e.text.length, copied: false });
      code += e.text;
      at = e.end;
    }
    copy(this.#source.length);
    const toSource = (offset: number): number => {
      let piece: Piece | undefined;
      for (const p of pieces) if (p.generated <= offset && p.length > 0) piece = p;
      if (!piece) return 0;
      return piece.copied ? piece.source + Math.min(offset - piece.generated, piece.length) : piece.source;
    };
    return { code, toSource };
  }
}
