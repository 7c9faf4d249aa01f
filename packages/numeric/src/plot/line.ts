import { ValidationError } from '@nucal/core';
import { PLOT_COLORS } from './colors.js';
import { xOf, yOf } from './encoding.js';
import { rowsOf } from './rows.js';
import type { PlotLayer } from './types.js';

/** Input of {@link line}. */
export interface LineInput {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  readonly series: string;
  /** Colour (default red, the fit colour). */
  readonly color?: string;
  /** Dashed line (e.g. a reference or the truth). */
  readonly dashed?: boolean;
  /** Stroke width in px (default 1.8). */
  readonly width?: number;
}

/**
 * A line through (x, y) in the order given (a model or fit curve; see {@link sampleCurve}).
 * @example line({ ...sampleCurve((t) => q0 * Math.exp(-t / tau), 0, 3000), series: 'fit' })
 */
export function line(input: LineInput): PlotLayer {
  const color = input.color ?? PLOT_COLORS.fit;
  const values = rowsOf(`line '${input.series}'`, { x: input.x, y: input.y }).map((r, i) => ({ ...r, order: i }));
  return {
    legend: { label: input.series, color, symbol: input.dashed ? 'dashed' : 'line' },
    layers: (ctx) => [
      {
        data: { values },
        mark: { type: 'line', color, strokeWidth: input.width ?? 1.8, ...(input.dashed ? { strokeDash: [6, 3] } : {}) },
        encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'y'), order: { field: 'order', type: 'quantitative' } },
      },
    ],
  };
}

/**
 * A function sampled at `n` points evenly over [lo, hi] (logarithmically with `log`), for
 * {@link line} and {@link band}.
 * @example sampleCurve((e) => fit.values.a * e ** 2, 0.5, 10, { n: 200 })
 */
export function sampleCurve(f: (x: number) => number, lo: number, hi: number, options: { n?: number; log?: boolean } = {}): { x: Float64Array; y: Float64Array } {
  const n = options.n ?? 200;
  if (!(n >= 2) || !(hi > lo) || (options.log && !(lo > 0))) {
    throw new ValidationError(`sampleCurve: ${n} points over [${lo}, ${hi}]${options.log ? ' (log)' : ''}; expected n >= 2 and lo < hi (lo > 0 for log)`);
  }
  const x = Float64Array.from({ length: n }, (_, i) => (options.log ? lo * (hi / lo) ** (i / (n - 1)) : lo + ((hi - lo) * i) / (n - 1)));
  return { x, y: Float64Array.from(x, f) };
}
