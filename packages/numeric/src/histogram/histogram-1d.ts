import { ValidationError } from '@nucal/core';
import type { Hist1D } from './hist1d.js';
import type { regularAxis } from './regular-axis.js';

/**
 * Fixed-width 1D histogram with weights: counts and sum of squared weights per bin, underflow,
 * overflow. Filling is one multiply and a truncation (no search); NaN goes to `nanCount`.
 *
 * @deprecated Use {@link Hist1D} with {@link regularAxis}: `new Hist1D(regularAxis(100, 0, 10), { storage: 'weight' })`
 * (`counts` → `values()`, `sumw2` → `variances()`, `binOf` → `index`, `integral({ includeFlow })`
 * → `sum({ flow })`, `nanCount` → `nan`). Kept working until the packages have moved.
 *
 * @example
 * const h = new Histogram1D(100, 0, 10);
 * h.fillArray(energiesMeV);
 * h.counts[h.binOf(2.5)]; h.centers(); h.integral();
 */
export class Histogram1D {
  /** Number of bins. */
  readonly bins: number;
  /** Lower edge of the first bin. */
  readonly lo: number;
  /** Upper edge of the last bin. */
  readonly hi: number;
  /** Bin width (hi - lo) / bins. */
  readonly binWidth: number;
  /** Sum of weights per bin. */
  readonly counts: Float64Array;
  /** Sum of squared weights per bin (the variance of each bin's count). */
  readonly sumw2: Float64Array;
  /** Sum of weights below lo. */
  underflow = 0;
  /** Sum of weights at or above hi. */
  overflow = 0;
  /** Number of NaN values filled (not counted anywhere else). */
  nanCount = 0;
  private readonly scale: number;

  constructor(bins: number, lo: number, hi: number) {
    if (!Number.isInteger(bins) || bins < 1) throw new ValidationError(`Histogram1D: bins ${bins}; expected an integer >= 1`);
    if (!(lo < hi) || !Number.isFinite(lo) || !Number.isFinite(hi)) throw new ValidationError(`Histogram1D: range [${lo}, ${hi}]; expected finite lo < hi`);
    this.bins = bins;
    this.lo = lo;
    this.hi = hi;
    this.binWidth = (hi - lo) / bins;
    this.scale = bins / (hi - lo);
    this.counts = new Float64Array(bins);
    this.sumw2 = new Float64Array(bins);
  }

  /**
   * Bin index of x: 0..bins-1 inside, -1 below lo, `bins` at or above hi (and for NaN: -1).
   * @example h.binOf(h.lo) // 0
   */
  binOf(x: number): number {
    if (!(x >= this.lo)) return -1;
    if (x >= this.hi) return this.bins;
    // round-off can put x just below hi into bin `bins`
    return Math.min(Math.floor((x - this.lo) * this.scale), this.bins - 1);
  }

  /** Adds weight w (default 1) at x. @example h.fill(1.2, 0.5) */
  fill(x: number, w = 1): void {
    const b = this.binOf(x);
    if (b >= 0 && b < this.bins) {
      this.counts[b] = (this.counts[b] as number) + w;
      this.sumw2[b] = (this.sumw2[b] as number) + w * w;
    } else if (b < 0) {
      if (Number.isNaN(x)) this.nanCount++;
      else this.underflow += w;
    } else {
      this.overflow += w;
    }
  }

  /** Fills every value with weight 1 (hot loop without per-value calls). @example h.fillArray(xs) */
  fillArray(xs: Float64Array | readonly number[]): void {
    const { lo, hi, scale, counts, sumw2 } = this;
    const last = this.bins - 1;
    let under = 0;
    let over = 0;
    let nan = 0;
    for (let i = 0; i < xs.length; i++) {
      const x = xs[i] as number;
      if (x >= lo && x < hi) {
        let b = ((x - lo) * scale) | 0;
        if (b > last) b = last;
        counts[b] = (counts[b] as number) + 1;
        sumw2[b] = (sumw2[b] as number) + 1;
      } else if (x >= hi) over++;
      else if (x < lo) under++;
      else nan++;
    }
    this.underflow += under;
    this.overflow += over;
    this.nanCount += nan;
  }

  /** The bins + 1 bin edges. @example h.edges()[0] === h.lo */
  edges(): Float64Array {
    const e = new Float64Array(this.bins + 1);
    for (let i = 0; i <= this.bins; i++) e[i] = this.lo + i * this.binWidth;
    e[this.bins] = this.hi;
    return e;
  }

  /** The bin centres. @example h.centers()[0] === h.lo + h.binWidth / 2 */
  centers(): Float64Array {
    const c = new Float64Array(this.bins);
    for (let i = 0; i < this.bins; i++) c[i] = this.lo + (i + 0.5) * this.binWidth;
    return c;
  }

  /**
   * Sum of weights in the bins (flows excluded unless asked).
   * @example h.integral({ includeFlow: true })
   */
  integral(options: { includeFlow?: boolean } = {}): number {
    let s = 0;
    for (let i = 0; i < this.bins; i++) s += this.counts[i] as number;
    return options.includeFlow ? s + this.underflow + this.overflow : s;
  }
}
