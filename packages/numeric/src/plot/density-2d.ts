import { ValidationError } from '@nucal/core';
import { xOf, yOf } from './encoding.js';
import type { PlotLayer } from './types.js';

/** Input of {@link density2d}. */
export interface Density2dInput {
  /** The x bins + 1 edges. */
  readonly xEdges: ArrayLike<number>;
  /** The y bins + 1 edges. */
  readonly yEdges: ArrayLike<number>;
  /** Contents, flat and x-major (bin (i, j) at i·ny + j), as `Hist2D.values()`. */
  readonly values: ArrayLike<number>;
  /** Title of the colour legend, e.g. "entries". */
  readonly title: string;
  /** Colour scale (default linear; log for contents over decades: empty bins are left out). */
  readonly scale?: 'linear' | 'log';
  /** Vega colour scheme (default viridis). */
  readonly scheme?: string;
}

/**
 * A 2D histogram as coloured rectangles (heat map), empty and non-finite bins left out, with a
 * colour legend below the plot.
 * @example density2d({ xEdges: h.xAxis.edges(), yEdges: h.yAxis.edges(), values: h.values(), title: 'hits' })
 */
export function density2d(input: Density2dInput): PlotLayer {
  const nx = input.xEdges.length - 1;
  const ny = input.yEdges.length - 1;
  if (nx < 1 || ny < 1 || input.values.length !== nx * ny) {
    throw new ValidationError(`density2d: ${input.values.length} values for ${nx} x ${ny} bins; expected nx·ny values, x-major`);
  }
  const rows: { x: number; x2: number; y: number; y2: number; z: number }[] = [];
  for (let i = 0; i < nx; i++) {
    for (let j = 0; j < ny; j++) {
      const z = input.values[i * ny + j] as number;
      if (!Number.isFinite(z) || z === 0) continue;
      rows.push({ x: input.xEdges[i] as number, x2: input.xEdges[i + 1] as number, y: input.yEdges[j] as number, y2: input.yEdges[j + 1] as number, z });
    }
  }
  const scaleType = input.scale ?? 'linear';
  return {
    layers: (ctx) => [
      {
        data: { values: rows },
        mark: { type: 'rect' },
        encoding: {
          x: xOf(ctx, 'x'),
          x2: { field: 'x2' },
          y: yOf(ctx, 'y'),
          y2: { field: 'y2' },
          color: {
            field: 'z',
            type: 'quantitative',
            title: input.title,
            scale: { type: scaleType, scheme: input.scheme ?? 'viridis' },
            legend: { orient: 'bottom', direction: 'horizontal', gradientLength: Math.min(240, ctx.width) },
          },
        },
      },
    ],
  };
}
