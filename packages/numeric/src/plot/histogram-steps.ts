import { ValidationError } from '@nucal/core';
import { PLOT_COLORS } from './colors.js';
import { xOf, yOf } from './encoding.js';
import type { PlotLayer, VegaLayer } from './types.js';

/** Input of {@link histogramSteps}. */
export interface HistogramStepsInput {
  /** The bins + 1 edges (e.g. `h.edges()`). */
  readonly edges: ArrayLike<number>;
  /** The bin contents (e.g. `h.values()`). */
  readonly values: ArrayLike<number>;
  /** Errors of the contents, drawn as bars at the bin centres (e.g. √variances). */
  readonly errors?: ArrayLike<number>;
  readonly series: string;
  /** Colour (default black). */
  readonly color?: string;
  /** Fill under the steps with this opacity (default: outline only). */
  readonly fillOpacity?: number;
}

/**
 * A histogram drawn as steps over its edges (with optional error bars at the bin centres).
 * Non-finite contents are drawn as 0.
 * @example histogramSteps({ edges: h.edges(), values: h.values(), errors: h.variances().map(Math.sqrt), series: 'B-12 data' })
 */
export function histogramSteps(input: HistogramStepsInput): PlotLayer {
  const { edges, values: contents } = input;
  const n = contents.length;
  if (edges.length !== n + 1) throw new ValidationError(`histogramSteps: ${edges.length} edges for ${n} bins; expected bins + 1 edges`);
  if (input.errors && input.errors.length !== n) throw new ValidationError(`histogramSteps: ${input.errors.length} errors for ${n} bins`);
  const color = input.color ?? PLOT_COLORS.data;
  const value = (i: number): number => (Number.isFinite(contents[i] as number) ? (contents[i] as number) : 0);
  const steps = Array.from({ length: n + 1 }, (_, i) => ({ x: edges[i] as number, y: value(Math.min(i, n - 1)) }));
  const bars: { x: number; lo: number; hi: number }[] = [];
  if (input.errors) {
    for (let i = 0; i < n; i++) {
      const e = input.errors[i] as number;
      const c = 0.5 * ((edges[i] as number) + (edges[i + 1] as number));
      if (Number.isFinite(e) && Number.isFinite(contents[i] as number)) bars.push({ x: c, lo: value(i) - e, hi: value(i) + e });
    }
  }
  return {
    legend: { label: input.series, color, symbol: 'step' },
    layers: (ctx) => {
      const layers: VegaLayer[] = [];
      if (input.fillOpacity !== undefined) {
        layers.push({ data: { values: steps }, mark: { type: 'area', interpolate: 'step-after', color, opacity: input.fillOpacity }, encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'y') } });
      }
      layers.push({ data: { values: steps }, mark: { type: 'line', interpolate: 'step-after', color, strokeWidth: 1.4 }, encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'y') } });
      if (bars.length > 0) layers.push({ data: { values: bars }, mark: { type: 'rule', color }, encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'lo'), y2: { field: 'hi' } } });
      return layers;
    },
  };
}
