import { FitSummarySchema, type FitSummary } from '@nucal/core';

/** A fit summary found in a payload, where it was. */
export interface FoundFit {
  /** JSON path in the payload, e.g. `entries[1].fit`. */
  readonly path: string;
  /** What the fit belongs to when its parent says so, e.g. `TPC 2`. */
  readonly label: string | null;
  readonly fit: FitSummary;
}

/** Most fit summaries one payload page lists. */
export const MAX_FITS = 200;

/**
 * Every fit summary in a payload (any object core's `FitSummarySchema` accepts: the `fit`
 * blocks records carry), in document order, with its path; a fit whose parent names a `tpc`
 * is labelled with it.
 *
 * @example findFits({ tpcs: [{ tpc: 2, fit }] }) // [{ path: 'tpcs[0].fit', label: 'TPC 2', fit }]
 */
export function findFits(payload: unknown): FoundFit[] {
  const out: FoundFit[] = [];
  const walk = (node: unknown, path: string, parent: Record<string, unknown> | null): void => {
    if (out.length >= MAX_FITS || node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      node.forEach((v, i) => walk(v, `${path}[${i}]`, parent));
      return;
    }
    const o = node as Record<string, unknown>;
    if ('parameters' in o && 'chi2' in o) {
      const fit = FitSummarySchema.safeParse(o);
      if (fit.success) {
        const tpc = parent?.tpc;
        const slice = parent && parent.yMinCm !== undefined ? `, y ${String(parent.yMinCm)}–${String(parent.yMaxCm)} cm` : '';
        out.push({ path: path || '(payload)', label: typeof tpc === 'number' ? `TPC ${tpc}${slice}` : null, fit: fit.data });
        return;
      }
    }
    for (const [k, v] of Object.entries(o)) walk(v, path ? `${path}.${k}` : k, o);
  };
  walk(payload, '', null);
  return out;
}

/**
 * A value with its error, both to the error's second significant digit (`5.123 ± 0.042`);
 * without a usable error, the value to four significant digits.
 *
 * @example valueWithError(5.12345, 0.0421) // '5.123 ± 0.042'
 */
export function valueWithError(value: number, error: number | undefined): string {
  const plain = (v: number): string => (Math.abs(v) >= 1e6 || (v !== 0 && Math.abs(v) < 1e-4) ? v.toExponential(3) : String(Number(v.toPrecision(4))));
  if (error === undefined || !Number.isFinite(error) || error <= 0 || !Number.isFinite(value)) return plain(value) + (error === 0 ? ' ± 0' : '');
  const decimals = 1 - Math.floor(Math.log10(error));
  if (decimals < 0 || decimals > 6 || Math.abs(value) >= 1e9) return `${value.toExponential(3)} ± ${error.toExponential(1)}`;
  return `${value.toFixed(decimals)} ± ${error.toFixed(decimals)}`;
}
