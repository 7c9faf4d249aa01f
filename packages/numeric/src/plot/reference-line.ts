import { PLOT_COLORS } from './colors.js';
import type { PlotLayer } from './types.js';

/**
 * A horizontal line across the plot at y (0 for pulls, 1 for ratios), dashed grey by default;
 * in the legend only when given a `series`.
 * @example referenceLine({ y: 0 })
 */
export function referenceLine(input: { y: number; series?: string; color?: string; dashed?: boolean }): PlotLayer {
  const color = input.color ?? PLOT_COLORS.reference;
  const dashed = input.dashed ?? true;
  return {
    ...(input.series ? { legend: { label: input.series, color, symbol: dashed ? ('dashed' as const) : ('line' as const) } } : {}),
    layers: (ctx) => [
      {
        data: { values: [{ y: input.y }] },
        mark: { type: 'rule', color, strokeWidth: 1, ...(dashed ? { strokeDash: [4, 3] } : {}) },
        encoding: { y: { field: 'y', type: 'quantitative', title: ctx.y.title, scale: { ...ctx.y.scale } } },
      },
    ],
  };
}
