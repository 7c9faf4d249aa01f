import { chi2Survival } from '../density/gamma-incomplete.js';
import { LOW_P_VALUE, type FitResult } from './fit-result.js';
import type { NormalizedSpec } from './fit-parameters.js';
import { externalDerivative, toExternal } from './parameter-transform.js';

/**
 * The plain-data {@link FitResult} of a minimisation: external values, covariance 2·errorDef·V in
 * external coordinates (V an internal metric carried through the transforms' Jacobian, or an
 * external inverse Hessian used as it is), errors, correlations, `atLimit`, the p-value.
 */
export function buildResult<P extends string>(
  specs: readonly NormalizedSpec<P>[],
  free: readonly NormalizedSpec<P>[],
  x: Float64Array,
  cov: { covariance: readonly Float64Array[]; internal: boolean },
  fmin: number,
  edm: number,
  valid: boolean,
  accurate: boolean,
  calls: number,
  message: string,
  nData: number | undefined,
  up: number,
): FitResult<P> {
  const m = specs.length;
  const values = {} as Record<P, number>;
  const errors = {} as Record<P, number>;
  const covariance = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const freeIndex = free.map((s) => specs.indexOf(s));
  // Internal metric V: covariance 2·errorDef·J V J; an external inverse Hessian needs no Jacobian.
  const jac = free.map((s, k) => (cov.internal ? externalDerivative(s.limits, x[k] as number) : 1));
  for (const s of specs) values[s.name] = s.start;
  free.forEach((s, k) => {
    values[s.name] = toExternal(s.limits, x[k] as number);
  });
  for (let a = 0; a < free.length; a++) {
    for (let b = 0; b < free.length; b++) {
      const c = 2 * up * (jac[a] as number) * (jac[b] as number) * ((cov.covariance[a] as Float64Array | undefined)?.[b] ?? 0);
      (covariance[freeIndex[a] as number] as number[])[freeIndex[b] as number] = c;
    }
  }
  specs.forEach((s, i) => {
    errors[s.name] = Math.sqrt(Math.max(0, (covariance[i] as number[])[i] as number));
  });
  // iminuit's rule (FMin.has_parameters_at_limit): closer to a limit than half the error.
  const atLimit = free
    .filter((s) => {
      if (s.limits.kind === 'none') return false;
      const d = Math.min(values[s.name] - s.limits.lo, s.limits.hi - values[s.name]);
      return d <= 0 || d < 0.5 * errors[s.name];
    })
    .map((s) => s.name);
  const ndof = nData === undefined ? 0 : nData - free.length;
  const pValue = pValueOf(fmin, ndof, up);
  const correlation = covariance.map((row, i) =>
    row.map((c, j) => {
      const d = Math.sqrt(((covariance[i] as number[])[i] as number) * ((covariance[j] as number[])[j] as number));
      return d > 0 ? c / d : 0;
    }),
  );
  return {
    parameters: specs.map((s) => s.name),
    values,
    errors,
    covariance,
    correlation,
    chi2: fmin,
    ndof,
    pValue,
    lowPValue: pValue !== null && pValue < LOW_P_VALUE,
    edm,
    valid,
    accurateCovariance: accurate,
    atLimit,
    calls,
    message,
  };
}

/** chi2Survival(chi2, ndof), or null when ndof <= 0, the statistic is not chi2-like (errorDef ≠ 1) or negative. */
export function pValueOf(chi2: number, ndof: number, errorDef: number): number | null {
  if (!(ndof > 0) || errorDef !== 1 || !(chi2 >= 0) || !Number.isFinite(chi2)) return null;
  return chi2Survival(chi2, ndof);
}
