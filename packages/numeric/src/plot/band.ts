import { PLOT_COLORS } from './colors.js';
import { xOf, yOf } from './encoding.js';
import { rowsOf } from './rows.js';
import type { PlotLayer } from './types.js';

/** Input of {@link band}. */
export interface BandInput {
  readonly x: ArrayLike<number>;
  readonly low: ArrayLike<number>;
  readonly high: ArrayLike<number>;
  readonly series: string;
  /** Fill colour (default blue). */
  readonly color?: string;
  /** Fill opacity (default 0.25). */
  readonly opacity?: number;
}

/**
 * The area between `low` and `high` over x (an error band, a 1σ envelope).
 * @example band({ x, low: lo68, high: hi68, series: '68% band' })
 */
export function band(input: BandInput): PlotLayer {
  const color = input.color ?? PLOT_COLORS.band;
  const values = rowsOf(`band '${input.series}'`, { x: input.x, lo: input.low, hi: input.high });
  return {
    legend: { label: input.series, color, symbol: 'band' },
    layers: (ctx) => [
      {
        data: { values },
        mark: { type: 'area', color, opacity: input.opacity ?? 0.25 },
        encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'lo'), y2: { field: 'hi' } },
      },
    ],
  };
}
