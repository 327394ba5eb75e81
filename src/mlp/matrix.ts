// A matrix is a row-major Float64Array with a shape. Rows are examples, columns are features.

export class Matrix {
  readonly rows: number;
  readonly cols: number;
  readonly data: Float64Array;

  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new Error(`Matrix: shape (${rows}×${cols}) must be two non-negative integers`);
    }
    if (data && data.length !== rows * cols) {
      throw new Error(`Matrix: (${rows}×${cols}) needs ${rows * cols} values, got ${data.length}`);
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  static zeros(rows: number, cols: number): Matrix {
    return new Matrix(rows, cols);
  }

  /** Builds a matrix from nested arrays, one inner array per row. */
  static from(values: readonly (readonly number[])[]): Matrix {
    const rows = values.length;
    const cols = rows === 0 ? 0 : values[0]!.length;
    const out = new Matrix(rows, cols);
    values.forEach((row, i) => {
      if (row.length !== cols) throw new Error(`Matrix.from: row ${i} has ${row.length} values, row 0 has ${cols}`);
      out.data.set(row, i * cols);
    });
    return out;
  }

  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  get(i: number, j: number): number {
    return this.data[i * this.cols + j]!;
  }

  set(i: number, j: number, value: number): void {
    this.data[i * this.cols + j] = value;
  }

  /** Nested arrays, one per row: for display and JSON. */
  toArray(): number[][] {
    return Array.from({ length: this.rows }, (_, i) =>
      Array.from(this.data.subarray(i * this.cols, (i + 1) * this.cols)),
    );
  }
}

/** "(m×n)", the way error messages and tables write a shape. */
export function shapeOf(M: Matrix): string {
  return `(${M.rows}×${M.cols})`;
}
