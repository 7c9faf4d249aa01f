import { applyOutside, segmentOf, validateTable, type InterpolatorOptions } from './locate.js';

/** A piecewise-linear function through tabulated points. */
export interface LinearInterpolator {
  /** Value at x. */
  at(x: number): number;
  readonly x: Float64Array;
  readonly y: Float64Array;
}

/**
 * Piecewise-linear interpolation on a strictly increasing table (binary search per call).
 *
 * @example
 * const qe = linearInterpolator(new Float64Array([300, 400, 500]), new Float64Array([0.1, 0.3, 0.2]));
 * qe.at(450); // 0.25
 */
export function linearInterpolator(x: Float64Array, y: Float64Array, options: InterpolatorOptions = {}): LinearInterpolator {
  validateTable('linearInterpolator', x, y);
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const outside = options.outside ?? 'throw';
  return {
    x: xs,
    y: ys,
    at(v: number): number {
      const u = applyOutside('linearInterpolator', xs, v, outside);
      const i = segmentOf(xs, u);
      const x0 = xs[i] as number;
      const y0 = ys[i] as number;
      return y0 + (((ys[i + 1] as number) - y0) * (u - x0)) / ((xs[i + 1] as number) - x0);
    },
  };
}
