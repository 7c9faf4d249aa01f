import { ValidationError } from '@nucal/core';

/**
 * Cubic B-spline basis on a clamped knot vector built from increasing breakpoints
 * b_0 < ... < b_m (the end knots repeated 4 times): m + 3 basis functions, which sum to 1
 * on [b_0, b_m]. Values outside the breakpoints are those at the nearest end.
 */
export class CubicBSplineBasis {
  readonly breakpoints: Float64Array;
  readonly size: number;
  private readonly knots: Float64Array;
  private readonly left = new Float64Array(4);
  private readonly right = new Float64Array(4);

  constructor(breakpoints: ArrayLike<number>) {
    const b = Float64Array.from(breakpoints);
    if (b.length < 2) throw new ValidationError(`B-spline with ${b.length} breakpoints: expected at least 2`);
    for (let i = 1; i < b.length; i++) {
      if (!(b[i]! > b[i - 1]!)) throw new ValidationError(`B-spline breakpoints must increase: ${b[i - 1]} then ${b[i]}`);
    }
    this.breakpoints = b;
    const m = b.length - 1;
    this.knots = new Float64Array(m + 7);
    for (let i = 0; i < 3; i++) {
      this.knots[i] = b[0]!;
      this.knots[m + 4 + i] = b[m]!;
    }
    for (let i = 0; i <= m; i++) this.knots[i + 3] = b[i]!;
    this.size = m + 3;
  }

  /** Greville abscissae (t_{i+1} + t_{i+2} + t_{i+3}) / 3: coefficients equal to them reproduce s(x) = x. */
  greville(): Float64Array {
    const t = this.knots;
    return Float64Array.from({ length: this.size }, (_, i) => (t[i + 1]! + t[i + 2]! + t[i + 3]!) / 3);
  }

  /**
   * The four non-zero basis values at x into `out` (length 4); returns the index of the first
   * (basis functions first .. first + 3). De Boor's recursion.
   */
  evaluate(xIn: number, out: Float64Array): number {
    const b = this.breakpoints;
    const m = b.length - 1;
    const x = xIn < b[0]! ? b[0]! : xIn > b[m]! ? b[m]! : xIn;
    // interval j with b_j <= x < b_{j+1} (the last interval is closed)
    let lo = 0;
    let hi = m;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (b[mid]! <= x) lo = mid;
      else hi = mid;
    }
    const span = lo + 3; // knot index t_span <= x < t_span+1
    const t = this.knots;
    const left = this.left;
    const right = this.right;
    out[0] = 1;
    for (let j = 1; j <= 3; j++) {
      left[j] = x - t[span + 1 - j]!;
      right[j] = t[span + j]! - x;
      let saved = 0;
      for (let r = 0; r < j; r++) {
        const tmp = out[r]! / (right[r + 1]! + left[j - r]!);
        out[r] = saved + right[r + 1]! * tmp;
        saved = left[j - r]! * tmp;
      }
      out[j] = saved;
    }
    return span - 3;
  }
}
