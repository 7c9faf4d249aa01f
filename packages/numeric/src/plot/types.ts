import type { TopLevelSpec } from 'vega-lite';

export type { TopLevelSpec } from 'vega-lite';

/** One element of a Vega-Lite `layer` array (a unit spec or a nested layer spec), from vega-lite's own types. */
export type VegaLayer = Extract<TopLevelSpec, { layer: unknown }>['layer'][number];

/** Scale settings of a plot axis. */
export interface ScaleSettings {
  readonly type: 'linear' | 'log' | 'sqrt' | 'symlog';
  /** Absent on log scales, where Vega-Lite has no zero (and warns when one is given). */
  readonly zero?: boolean;
  readonly domain?: number[];
  readonly nice: boolean;
}

/** A plot axis: what is plotted, its unit (shown as "label (unit)"), its scale. */
export interface PlotAxis {
  readonly label: string;
  readonly unit?: string;
  /** Scale type (default linear). */
  readonly scale?: 'linear' | 'log' | 'sqrt' | 'symlog';
  /** Include zero in the range (default false: the data decide). */
  readonly zero?: boolean;
  /** Fixed range [min, max]. */
  readonly domain?: readonly [number, number];
}

/** The axes as the layers encode them, and the size of the view in pixels. */
export interface PlotContext {
  readonly x: { readonly title: string; readonly scale: ScaleSettings };
  readonly y: { readonly title: string; readonly scale: ScaleSettings };
  readonly width: number;
  readonly height: number;
}

/** The symbol of a legend entry. */
export type LegendSymbol = 'point' | 'line' | 'dashed' | 'band' | 'step';

/** One legend entry: a series name, its colour and symbol. */
export interface LegendEntry {
  readonly label: string;
  readonly color: string;
  readonly symbol: LegendSymbol;
}

/**
 * One element of a plot, as the layer helpers return it: Vega-Lite layers drawn on the frame's
 * axes, an optional legend entry and optional text lines shown beside the plot (`alert` draws them
 * in red and frames the plot in red).
 */
export interface PlotLayer {
  readonly layers: (ctx: PlotContext) => VegaLayer[];
  readonly legend?: LegendEntry;
  readonly note?: { readonly lines: readonly string[]; readonly alert: boolean };
}
