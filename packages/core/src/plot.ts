/** The keys of a Vega-Lite top-level specification (Vega-Lite 5/6 schema, `TopLevelSpec`). */
export type VegaLiteTopLevelKey =
  | '$schema' | 'align' | 'autosize' | 'background' | 'bounds' | 'center' | 'columns' | 'concat' | 'config'
  | 'data' | 'datasets' | 'description' | 'encoding' | 'facet' | 'hconcat' | 'height' | 'layer' | 'mark'
  | 'name' | 'padding' | 'params' | 'projection' | 'repeat' | 'resolve' | 'spacing' | 'spec' | 'title'
  | 'transform' | 'usermeta' | 'vconcat' | 'view' | 'width';

/**
 * A Vega-Lite top-level specification as JSON data: its top-level keys, values left open. It
 * names no vega-lite type, so core needs vega-lite neither at run time nor in its published
 * types, yet vega-lite's `TopLevelSpec` is assignable to it without a cast (e.g. what
 * `@nucal/numeric`'s plot kit returns), it is assignable to `Record<string, unknown>`, and an
 * object literal with a key outside Vega-Lite's top level is a type error.
 */
export type VegaLiteSpec = { readonly $schema?: string } & { readonly [K in Exclude<VegaLiteTopLevelKey, '$schema'>]?: unknown };

/**
 * A plot as data: a Vega-Lite specification with its values inlined. Plugins return these;
 * apps render them (SVG on the command line, the same spec in a browser).
 */
export interface PlotSpec {
  /** File-name-safe identifier, e.g. `b12-spectrum`. */
  readonly name: string;
  readonly title: string;
  /** A complete Vega-Lite (v5+) top-level specification. */
  readonly spec: VegaLiteSpec;
}
