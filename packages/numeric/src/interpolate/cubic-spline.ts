import { applyOutside, segmentOf, validateTable, type InterpolatorOptions } from './locate.js';

/** A natural cubic spline through tabulated points. */
export interface CubicSpline {
  /** Value at x. */
  at(x: number): number;
  /** First derivative at x. */
  derivative(x: number): number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  /** Second derivatives at the knots (0 at both ends: "natural"). */
  readonly secondDerivatives: Float64Array;
}

/**
 * Natural cubic spline (zero second derivative at both ends): the tridiagonal system for the
 * knot second derivatives is solved once (Thomas algorithm), each evaluation is a binary search
 * plus a cubic (C. de Boor, "A Practical Guide to Splines", Springer 1978, ch. IV).
 *
 * @example
 * const s = naturalCubicSpline(energiesMeV, quenchingFactors);
 * s.at(1.2); s.derivative(1.2);
 */
export function naturalCubicSpline(x: Float64Array, y: Float64Array, options: InterpolatorOptions = {}): CubicSpline {
  validateTable('naturalCubicSpline', x, y);
  const n = x.length;
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const m = new Float64Array(n);
  if (n > 2) {
    // rows i = 1..n-2: h_{i-1} M_{i-1} + 2(h_{i-1}+h_i) M_i + h_i M_{i+1} = 6 (d_i - d_{i-1})
    const c = new Float64Array(n);
    const r = new Float64Array(n);
    for (let i = 1; i < n - 1; i++) {
      const h0 = (xs[i] as number) - (xs[i - 1] as number);
      const h1 = (xs[i + 1] as number) - (xs[i] as number);
      const rhs = 6 * (((ys[i + 1] as number) - (ys[i] as number)) / h1 - ((ys[i] as number) - (ys[i - 1] as number)) / h0);
      const diag = 2 * (h0 + h1) - (i > 1 ? h0 * (c[i - 1] as number) : 0);
      c[i] = h1 / diag;
      r[i] = (rhs - (i > 1 ? h0 * (r[i - 1] as number) : 0)) / diag;
    }
    for (let i = n - 2; i >= 1; i--) m[i] = (r[i] as number) - (c[i] as number) * (m[i + 1] as number);
  }
  const outside = options.outside ?? 'throw';
  const piece = (v: number): { i: number; a: number; b: number; h: number } => {
    const i = segmentOf(xs, v);
    const h = (xs[i + 1] as number) - (xs[i] as number);
    return { i, a: ((xs[i + 1] as number) - v) / h, b: (v - (xs[i] as number)) / h, h };
  };
  return {
    x: xs,
    y: ys,
    secondDerivatives: m,
    at(v: number): number {
      const { i, a, b, h } = piece(applyOutside('naturalCubicSpline', xs, v, outside));
      const m0 = m[i] as number;
      const m1 = m[i + 1] as number;
      return a * (ys[i] as number) + b * (ys[i + 1] as number) + (((a * a * a - a) * m0 + (b * b * b - b) * m1) * h * h) / 6;
    },
    derivative(v: number): number {
      const u = applyOutside('naturalCubicSpline.derivative', xs, v, outside);
      const { i, a, b, h } = piece(u);
      if (u !== v && outside === 'clamp') return 0;
      const m0 = m[i] as number;
      const m1 = m[i + 1] as number;
      return ((ys[i + 1] as number) - (ys[i] as number)) / h + ((-(3 * a * a - 1) * m0 + (3 * b * b - 1) * m1) * h) / 6;
    },
  };
}
