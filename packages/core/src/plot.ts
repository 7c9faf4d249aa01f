/**
 * A plot as data: a Vega-Lite specification with its values inlined. Plugins return these;
 * apps render them (SVG on the command line, the same spec in a browser).
 */
export interface PlotSpec {
  /** File-name-safe identifier, e.g. `b12-spectrum`. */
  readonly name: string;
  readonly title: string;
  /** A complete Vega-Lite (v5+) top-level specification. */
  readonly spec: Record<string, unknown>;
}
