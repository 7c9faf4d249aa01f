import { ValidationError } from '@nucal/core';
import { axisTitle, centersOf, widthsOf, type AxisOptions } from './axis.js';

/**
 * Bins between strictly increasing edges, [edges[i], edges[i+1]). The index starts from a
 * lookup table over 4·bins equal cells (the bins at each cell's two ends), then a binary search
 * between them: for edges of similar widths that is zero or one comparison, and never more than
 * a plain binary search. (A plain binary search over 100 bins ran at a third of the speed.)
 */
export class VariableAxis {
  readonly kind = 'variable' as const;
  readonly bins: number;
  readonly lo: number;
  readonly hi: number;
  readonly label: string | undefined;
  readonly unit: string | undefined;
  /** The bins + 1 edges (do not modify; `edges()` returns a copy). */
  readonly edgeTable: Float64Array;
  /** cells / (hi - lo): cell of x is floor((x - lo)·cellScale). */
  readonly cellScale: number;
  /** Per cell c (and one more): the bin holding the cell's lower end, lo + c/cellScale. */
  readonly cellBin: Int32Array;

  constructor(edges: ArrayLike<number>, options: AxisOptions = {}) {
    if (edges.length < 2) throw new ValidationError(`variableAxis: ${edges.length} edges; expected at least 2`);
    const e = Float64Array.from(edges);
    for (let i = 0; i < e.length; i++) {
      if (!Number.isFinite(e[i] as number)) throw new ValidationError(`variableAxis: edge ${i} is ${e[i]}; expected finite edges`);
      if (i > 0 && !((e[i - 1] as number) < (e[i] as number))) {
        throw new ValidationError(`variableAxis: edges ${e[i - 1]} and ${e[i]} at ${i - 1}, ${i}; expected strictly increasing edges`);
      }
    }
    this.edgeTable = e;
    this.bins = e.length - 1;
    this.lo = e[0] as number;
    this.hi = e[this.bins] as number;
    this.label = options.label;
    this.unit = options.unit;
    const cells = Math.min(4 * this.bins, 1 << 16);
    this.cellScale = cells / (this.hi - this.lo);
    this.cellBin = new Int32Array(cells + 1);
    let b = 0;
    for (let c = 0; c <= cells; c++) {
      const x = this.lo + (this.hi - this.lo) * (c / cells);
      while (b < this.bins - 1 && x >= (e[b + 1] as number)) b++;
      this.cellBin[c] = b;
    }
  }

  /** "label (unit)". */
  get title(): string {
    return axisTitle(this);
  }

  /**
   * Bin of x: 0..bins-1, -1 below the first edge, bins at or above the last, bins + 1 for NaN.
   * @example variableAxis([0, 1, 10]).index(5) // 1
   */
  index(x: number): number {
    const e = this.edgeTable;
    if (x >= this.lo) {
      if (x >= this.hi) return this.bins;
      const c = Math.min(((x - this.lo) * this.cellScale) | 0, this.cellBin.length - 2);
      let a = this.cellBin[c] as number;
      let b = (this.cellBin[c + 1] as number) + 1;
      // round-off may put x in a neighbouring cell: then search everything
      if (!(x >= (e[a] as number) && x < (e[b] as number))) {
        a = 0;
        b = this.bins;
      }
      // invariant: e[a] <= x < e[b]
      while (b - a > 1) {
        const m = (a + b) >>> 1;
        if (x < (e[m] as number)) b = m;
        else a = m;
      }
      return a;
    }
    return x < this.lo ? -1 : this.bins + 1;
  }

  /** The bins + 1 edges (a copy). */
  edges(): Float64Array {
    return this.edgeTable.slice();
  }

  /** The bin centres (middle of each bin). */
  centers(): Float64Array {
    return centersOf(this.edgeTable);
  }

  /** The bin widths. */
  widths(): Float64Array {
    return widthsOf(this.edgeTable);
  }
}

/**
 * Bins between given edges (strictly increasing, finite), with an optional label and unit.
 * @example const rr = variableAxis([0, 2, 5, 10, 20, 50, 100], { label: 'residual range', unit: 'cm' });
 */
export function variableAxis(edges: ArrayLike<number>, options: AxisOptions = {}): VariableAxis {
  return new VariableAxis(edges, options);
}
