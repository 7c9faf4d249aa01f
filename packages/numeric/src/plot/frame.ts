import { axisTitle, type Axis } from '../histogram/axis.js';
import { legendLayers } from './legend.js';
import type { PlotAxis, PlotContext, PlotLayer, ScaleSettings, TopLevelSpec, VegaLayer } from './types.js';

/** The Vega-Lite schema the kit writes (vega-lite 6, as the CLI renders). */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Title, axes and size of a plot. */
export interface PlotFrame {
  readonly title: string;
  /** Lines under the title: what is plotted, cuts, error conventions. */
  readonly subtitle?: string | readonly string[];
  readonly x: PlotAxis;
  readonly y: PlotAxis;
  /** Size of the data area, px (default 480 × 300). */
  readonly width?: number;
  readonly height?: number;
}

/** A second panel under the main one, sharing its x axis (residuals, pulls, ratios). */
export interface PanelFrame {
  readonly y: PlotAxis;
  /** Height, px (default 120). */
  readonly height?: number;
  readonly layers: readonly PlotLayer[];
}

/**
 * The plot axis of a histogram axis (its label and unit), with optional scale settings.
 * @example plot({ title, x: plotAxisOf(h.axis), y: { label: 'entries per bin' } }, [...])
 */
export function plotAxisOf(axis: Axis, options: Omit<PlotAxis, 'label' | 'unit'> = {}): PlotAxis {
  return { label: axis.label ?? '', ...(axis.unit !== undefined ? { unit: axis.unit } : {}), ...options };
}

function scaleOf(axis: PlotAxis): ScaleSettings {
  const type = axis.scale ?? 'linear';
  return {
    type,
    ...(type === 'log' ? {} : { zero: axis.zero ?? false }),
    nice: axis.domain === undefined,
    ...(axis.domain ? { domain: [axis.domain[0], axis.domain[1]] } : {}),
  };
}

function axisOf(axis: PlotAxis): { title: string; scale: ScaleSettings } {
  return { title: axisTitle(axis), scale: scaleOf(axis) };
}

function titleOf(frame: PlotFrame) {
  const subtitle = frame.subtitle === undefined ? undefined : typeof frame.subtitle === 'string' ? [frame.subtitle] : [...frame.subtitle];
  return { text: frame.title, anchor: 'start' as const, ...(subtitle ? { subtitle } : {}) };
}

function view(frame: PlotFrame, y: PlotAxis, height: number, layers: readonly PlotLayer[], legendFrom: readonly PlotLayer[]): { ctx: PlotContext; layer: VegaLayer[] } {
  const width = frame.width ?? 480;
  const ctx: PlotContext = { x: axisOf(frame.x), y: axisOf(y), width, height };
  return { ctx, layer: [...layers.flatMap((l) => l.layers(ctx)), ...legendLayers(legendFrom, width, height)] };
}

/**
 * A plot: the frame (title, axes with units, size) and its layers drawn in order, the legend
 * of the series and the notes (fit quality) to the right of the data area.
 *
 * @example
 * const spec = plot(
 *   { title: 'Electron lifetime, TPC 2', x: { label: 'drift time', unit: 'μs' }, y: { label: 'dQ/dx', unit: 'ADC/cm' } },
 *   [points({ x: t, y: q, yError: e, series: 'data' }), line({ ...sampleCurve(model, 0, 2500), series: 'fit' }), fitQuality(fit)],
 * );
 * const p: PlotSpec = { name: 'lifetime-tpc2', title: 'Electron lifetime', spec };
 */
export function plot(frame: PlotFrame, layers: readonly PlotLayer[]): TopLevelSpec {
  const height = frame.height ?? 300;
  const { ctx, layer } = view(frame, frame.y, height, layers, layers);
  return { $schema: VEGA_LITE_SCHEMA, title: titleOf(frame), width: ctx.width, height, layer };
}

/**
 * A plot with a second panel under it on the same x axis (pulls, residuals or ratios), e.g.
 * `points` of (data - model)/error and a `referenceLine` at 0. The legend and notes of both
 * panels are drawn beside the main one.
 *
 * @example withResidualPanel(frame, [points(data), line(fit), fitQuality(fit)], { y: { label: 'pull' }, layers: [points(pulls), referenceLine({ y: 0 })] })
 */
export function withResidualPanel(frame: PlotFrame, layers: readonly PlotLayer[], panel: PanelFrame): TopLevelSpec {
  const all = [...layers, ...panel.layers];
  const main = view(frame, frame.y, frame.height ?? 300, layers, all);
  const lower = view(frame, panel.y, panel.height ?? 120, panel.layers, []);
  return {
    $schema: VEGA_LITE_SCHEMA,
    title: titleOf(frame),
    vconcat: [
      { width: main.ctx.width, height: main.ctx.height, layer: main.layer },
      { width: lower.ctx.width, height: lower.ctx.height, layer: lower.layer },
    ],
    spacing: 8,
    resolve: { scale: { x: 'shared' } },
  };
}
