import type { IntegerAxis } from './integer-axis.js';
import type { RegularAxis } from './regular-axis.js';
import type { VariableAxis } from './variable-axis.js';

/**
 * A histogram axis: `bins` half-open bins [edge_i, edge_{i+1}) between `lo` and `hi`.
 * `index(x)` is 0..bins-1 inside, -1 below `lo`, `bins` at or above `hi` (±Infinity go to the
 * flows) and `bins + 1` for NaN, the slot a histogram counts NaN in.
 */
export type Axis = RegularAxis | VariableAxis | IntegerAxis;

/** Label and unit of an axis, for plot titles (`title` is "label (unit)"). */
export interface AxisOptions {
  /** What is binned, e.g. "drift time". */
  readonly label?: string;
  /** Unit of the binned quantity, e.g. "μs". */
  readonly unit?: string;
}

/** "label (unit)", "label", "(unit)" or "". @example axisTitle({ label: 'drift time', unit: 'μs' }) // 'drift time (μs)' */
export function axisTitle(options: AxisOptions): string {
  const { label, unit } = options;
  if (label && unit) return `${label} (${unit})`;
  if (label) return label;
  return unit ? `(${unit})` : '';
}

/** The bin centres (edge_i + edge_{i+1}) / 2 of a list of edges. */
export function centersOf(edges: Float64Array): Float64Array {
  const c = new Float64Array(edges.length - 1);
  for (let i = 0; i < c.length; i++) c[i] = 0.5 * ((edges[i] as number) + (edges[i + 1] as number));
  return c;
}

/** The bin widths edge_{i+1} - edge_i of a list of edges. */
export function widthsOf(edges: Float64Array): Float64Array {
  const w = new Float64Array(edges.length - 1);
  for (let i = 0; i < w.length; i++) w[i] = (edges[i + 1] as number) - (edges[i] as number);
  return w;
}

/** Whether two axes bin identically (same kind and edges; labels may differ). */
export function sameBinning(a: Axis, b: Axis): boolean {
  if (a.kind !== b.kind || a.bins !== b.bins) return false;
  const ea = a.edges();
  const eb = b.edges();
  for (let i = 0; i < ea.length; i++) if (ea[i] !== eb[i]) return false;
  return true;
}
