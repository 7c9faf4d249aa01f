import { ValidationError } from '@nucal/core';
import { axisTitle, centersOf, widthsOf, type AxisOptions } from './axis.js';

/**
 * `bins` equal bins over [lo, hi). Edge i is (lo·(bins - i) + hi·i) / bins, rounded once (so
 * `regularAxis(10, 0, 1)` has the edge 0.3, not 0.30000000000000004), and `index` agrees with
 * the edges exactly: index(edges[i]) = i and the largest double below edges[i] is in bin i - 1.
 * The index is one multiply and a truncation t = (x - lo)·scale; only when t lies within
 * `roundOff` of an integer (x within a few ulps of an edge, e.g. quantised data on the edges)
 * is it checked against the edge table, which moves it by one where round-off put x on the
 * wrong side of the edge.
 */
export class RegularAxis {
  readonly kind = 'regular' as const;
  readonly bins: number;
  readonly lo: number;
  readonly hi: number;
  readonly label: string | undefined;
  readonly unit: string | undefined;
  /** bins / (hi - lo), the multiplier of the index computation. */
  readonly scale: number;
  /** The bins + 1 edges (do not modify; `edges()` returns a copy). */
  readonly edgeTable: Float64Array;
  /**
   * Bound on the round-off of t = (x - lo)·scale against the edge table, in bins: 16u·(bins +
   * max(|lo|, |hi|)·scale), u = 2^-53 (4u from the three roundings of t and of scale, 3u·max|edge|
   * from the edge formula, a factor 4 margin). Where frac(t) is farther than this from 0 and 1,
   * floor(t) is the bin.
   */
  readonly roundOff: number;

  constructor(bins: number, lo: number, hi: number, options: AxisOptions = {}) {
    if (!Number.isInteger(bins) || bins < 1 || bins > 2 ** 30) throw new ValidationError(`regularAxis: bins ${bins}; expected an integer in [1, 2^30]`);
    if (!Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) throw new ValidationError(`regularAxis: range [${lo}, ${hi}]; expected finite lo < hi`);
    this.bins = bins;
    this.lo = lo;
    this.hi = hi;
    this.label = options.label;
    this.unit = options.unit;
    this.scale = bins / (hi - lo);
    const e = new Float64Array(bins + 1);
    for (let i = 1; i < bins; i++) e[i] = (lo * (bins - i) + hi * i) / bins;
    e[0] = lo;
    e[bins] = hi;
    for (let i = 0; i < bins; i++) {
      if (!((e[i] as number) < (e[i + 1] as number))) {
        throw new ValidationError(`regularAxis: ${bins} bins over [${lo}, ${hi}] are narrower than the resolution of doubles there`);
      }
    }
    this.edgeTable = e;
    this.roundOff = Math.min(0.5, 16 * 2 ** -53 * (bins + Math.max(Math.abs(lo), Math.abs(hi)) * this.scale));
  }

  /** "label (unit)". */
  get title(): string {
    return axisTitle(this);
  }

  /**
   * Bin of x: 0..bins-1, -1 below lo, bins at or above hi, bins + 1 for NaN.
   * @example regularAxis(4, 0, 2).index(0.5) // 1
   */
  index(x: number): number {
    if (x >= this.lo) {
      if (x >= this.hi) return this.bins;
      const t = (x - this.lo) * this.scale;
      let b = t | 0;
      const f = t - b;
      if (!(f >= this.roundOff && f <= 1 - this.roundOff)) {
        const e = this.edgeTable;
        if (b >= this.bins) b = this.bins - 1;
        while (x < (e[b] as number)) b--;
        while (x >= (e[b + 1] as number)) b++;
      }
      return b;
    }
    return x < this.lo ? -1 : this.bins + 1;
  }

  /** The bins + 1 edges (a copy). @example regularAxis(4, 0, 2).edges() // [0, 0.5, 1, 1.5, 2] */
  edges(): Float64Array {
    return this.edgeTable.slice();
  }

  /** The bin centres. */
  centers(): Float64Array {
    return centersOf(this.edgeTable);
  }

  /** The bin widths (equal up to rounding of the edges). */
  widths(): Float64Array {
    return widthsOf(this.edgeTable);
  }
}

/**
 * `bins` equal bins over [lo, hi), with an optional label and unit for plots.
 * @example const t = regularAxis(50, 0, 2500, { label: 'drift time', unit: 'μs' });
 */
export function regularAxis(bins: number, lo: number, hi: number, options: AxisOptions = {}): RegularAxis {
  return new RegularAxis(bins, lo, hi, options);
}
