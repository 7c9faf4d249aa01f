import { PLOT_COLORS } from './colors.js';
import { xOf, yOf } from './encoding.js';
import { rowsOf } from './rows.js';
import type { PlotLayer, VegaLayer } from './types.js';

/** Input of {@link points}. */
export interface PointsInput {
  readonly x: ArrayLike<number>;
  readonly y: ArrayLike<number>;
  /** Symmetric y errors (drawn as y ± error). */
  readonly yError?: ArrayLike<number>;
  /** Asymmetric y interval, absolute ends (instead of `yError`). */
  readonly yLow?: ArrayLike<number>;
  readonly yHigh?: ArrayLike<number>;
  /** Horizontal half-widths (e.g. half the bin width). */
  readonly xError?: ArrayLike<number>;
  /** Legend label of the series. */
  readonly series: string;
  /** Colour (default black, the data colour). */
  readonly color?: string;
  /** Point area in px² (default 30). */
  readonly size?: number;
}

/**
 * Points with error bars (vertical, and horizontal with `xError`). Rows with a non-finite value
 * are dropped.
 * @example points({ x: h.axis.centers(), y: h.values(), yError: h.variances().map(Math.sqrt), series: 'data' })
 */
export function points(input: PointsInput): PlotLayer {
  const color = input.color ?? PLOT_COLORS.data;
  const size = input.size ?? 30;
  const columns: Record<string, ArrayLike<number>> = { x: input.x, y: input.y };
  if (input.yError) {
    const e = input.yError;
    columns.lo = Float64Array.from(input.y, (v, i) => v - (e[i] as number));
    columns.hi = Float64Array.from(input.y, (v, i) => v + (e[i] as number));
  } else if (input.yLow && input.yHigh) {
    columns.lo = input.yLow;
    columns.hi = input.yHigh;
  }
  if (input.xError) {
    const e = input.xError;
    columns.xlo = Float64Array.from(input.x, (v, i) => v - (e[i] as number));
    columns.xhi = Float64Array.from(input.x, (v, i) => v + (e[i] as number));
  }
  const values = rowsOf(`points '${input.series}'`, columns);
  const hasY = 'lo' in columns;
  const hasX = 'xlo' in columns;
  return {
    legend: { label: input.series, color, symbol: 'point' },
    layers: (ctx) => {
      const layers: VegaLayer[] = [];
      if (hasY) layers.push({ mark: { type: 'rule', color, strokeWidth: 1.2 }, encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'lo'), y2: { field: 'hi' } } });
      if (hasX) layers.push({ mark: { type: 'rule', color, strokeWidth: 1.2 }, encoding: { x: xOf(ctx, 'xlo'), x2: { field: 'xhi' }, y: yOf(ctx, 'y') } });
      layers.push({ mark: { type: 'point', filled: true, size, color, opacity: 1 }, encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'y') } });
      return [{ data: { values }, layer: layers }];
    },
  };
}
