import { chi2Survival } from '../density/gamma-incomplete.js';
import { LOW_P_VALUE } from '../fit/fit-result.js';
import type { PlotLayer } from './types.js';

/** A number with about three significant digits, for annotations. */
export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  const a = Math.abs(v);
  if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(2);
  return String(Number(v.toPrecision(3)));
}

/**
 * The fit quality beside the plot: "χ²/ndof = 12.3/10" and the p-value (computed with
 * chi2Survival when not given, absent without degrees of freedom). A p-value below 1e-3
 * (`LOW_P_VALUE`) is flagged in red, with "poor fit", and the plot gets a red frame.
 * @example fitQuality(fit) // a FitResult or FitSummary
 */
export function fitQuality(fit: { readonly chi2: number; readonly ndof: number; readonly pValue?: number | null }, options: { label?: string } = {}): PlotLayer {
  const p = fit.pValue ?? (fit.ndof > 0 && fit.chi2 >= 0 ? chi2Survival(fit.chi2, fit.ndof) : null);
  const alert = p !== null && p < LOW_P_VALUE;
  const prefix = options.label ? `${options.label}: ` : '';
  const lines = [`${prefix}χ²/ndof = ${formatNumber(fit.chi2)}/${fit.ndof}`];
  if (p === null) lines.push('p-value not defined (ndof ≤ 0)');
  else if (alert) lines.push(`p = ${formatNumber(p)} < ${LOW_P_VALUE}: poor fit`);
  else lines.push(`p = ${formatNumber(p)}`);
  return { note: { lines, alert }, layers: () => [] };
}
