import { ValidationError } from '@nucal/core';
import type { FitResult } from './fit-result.js';
import { minimize, type MinimizeOptions, type ParameterSpec } from './minimize.js';

/** Input of {@link chi2Fit}. */
export interface Chi2FitInput<P extends string> {
  /** Abscissae. */
  x: ArrayLike<number>;
  /** Measured values at x. */
  y: ArrayLike<number>;
  /** Gaussian standard errors of y (> 0). */
  sigma: ArrayLike<number>;
  /** Model prediction at x for the parameters (same unit as y). */
  model: (x: number, p: Readonly<Record<P, number>>) => number;
  parameters: readonly ParameterSpec<P>[];
  /** errorDef is fixed to 1 and nData to the number of points. */
  options?: Omit<MinimizeOptions<P>, 'errorDef' | 'nData'>;
}

/**
 * Least-squares fit minimising χ² = Σ ((y - model(x)) / σ)²; ndof = n - nFree.
 *
 * @example
 * const fit = chi2Fit({
 *   x: driftTimesUs, y: charges, sigma: chargeErrors,
 *   model: (t, p) => p.q0 * Math.exp(-t / p.tauUs),
 *   parameters: [{ name: 'q0', start: 1 }, { name: 'tauUs', start: 3000, limits: [1, 1e6] }],
 * });
 */
export function chi2Fit<P extends string>(input: Chi2FitInput<P>): FitResult<P> {
  const { x, y, sigma, model } = input;
  const n = x.length;
  if (y.length !== n || sigma.length !== n) {
    throw new ValidationError(`chi2Fit: x, y, sigma have lengths ${n}, ${y.length}, ${sigma.length}; expected equal lengths`);
  }
  const xs = Float64Array.from(x);
  const ys = Float64Array.from(y);
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = sigma[i] as number;
    if (!(s > 0) || !Number.isFinite(s)) throw new ValidationError(`chi2Fit: sigma[${i}] = ${s}; expected a finite number > 0`);
    w[i] = 1 / s;
  }
  const chi2 = (p: Readonly<Record<P, number>>): number => {
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const r = ((ys[i] as number) - model(xs[i] as number, p)) * (w[i] as number);
      sum += r * r;
    }
    return sum;
  };
  return minimize(chi2, input.parameters, { ...input.options, errorDef: 1, nData: n });
}
