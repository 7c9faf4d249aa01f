import { ValidationError } from '@nucal/core';
import { axisTitle, type AxisOptions } from './axis.js';

/**
 * One bin per integer lo, lo + 1, ..., hi - 1 (hi excluded, as boost-histogram's Integer axis):
 * bin i holds the values with floor(x) = lo + i, so its edges are lo + i and lo + i + 1 and its
 * centre lo + i + 0.5. For channel, TPC or wire numbers.
 */
export class IntegerAxis {
  readonly kind = 'integer' as const;
  readonly bins: number;
  readonly lo: number;
  readonly hi: number;
  readonly label: string | undefined;
  readonly unit: string | undefined;

  constructor(lo: number, hi: number, options: AxisOptions = {}) {
    if (!Number.isSafeInteger(lo) || !Number.isSafeInteger(hi) || !(lo < hi)) {
      throw new ValidationError(`integerAxis: [${lo}, ${hi}); expected integers lo < hi`);
    }
    if (hi - lo > 2 ** 30) throw new ValidationError(`integerAxis: ${hi - lo} bins; expected at most 2^30`);
    this.bins = hi - lo;
    this.lo = lo;
    this.hi = hi;
    this.label = options.label;
    this.unit = options.unit;
  }

  /** "label (unit)". */
  get title(): string {
    return axisTitle(this);
  }

  /**
   * Bin of x: floor(x) - lo inside, -1 below lo, bins at or above hi, bins + 1 for NaN.
   * @example integerAxis(0, 4).index(2) // 2
   */
  index(x: number): number {
    if (x >= this.lo) return x >= this.hi ? this.bins : Math.floor(x) - this.lo;
    return x < this.lo ? -1 : this.bins + 1;
  }

  /** The bins + 1 edges lo, lo + 1, ..., hi. */
  edges(): Float64Array {
    return Float64Array.from({ length: this.bins + 1 }, (_, i) => this.lo + i);
  }

  /** The bin centres lo + i + 0.5. */
  centers(): Float64Array {
    return Float64Array.from({ length: this.bins }, (_, i) => this.lo + i + 0.5);
  }

  /** The bin widths (all 1). */
  widths(): Float64Array {
    return new Float64Array(this.bins).fill(1);
  }
}

/**
 * One bin per integer in [lo, hi) (hi excluded).
 * @example const tpc = integerAxis(0, 4, { label: 'TPC' }); tpc.index(3) // 3
 */
export function integerAxis(lo: number, hi: number, options: AxisOptions = {}): IntegerAxis {
  return new IntegerAxis(lo, hi, options);
}
