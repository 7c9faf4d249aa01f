import { ValidationError } from '@nucal/core';
import { chi2Fit } from '@nucal/numeric';
import { aEffective, sigmaOverEPercent, type ResolutionTerms, type ValueError } from './resolution-model.js';

/** Input of {@link fitResolution}: sigma/E (percent) with errors at visible energies (MeV). */
export interface ResolutionPoints {
  readonly energyMeV: ArrayLike<number>;
  readonly sigmaOverEPercent: ArrayLike<number>;
  readonly errorPercent: ArrayLike<number>;
}

/** Result of {@link fitResolution}: plain data, a, b, c, a_eff in percent. */
export interface ResolutionFit {
  readonly parameters: ['a', 'b', 'c'];
  readonly values: ResolutionTerms;
  readonly errors: ResolutionTerms;
  /** Covariance of (a, b, c), percent^2. */
  readonly covariance: number[][];
  readonly aEff: ValueError;
  readonly chi2: number;
  readonly ndof: number;
  readonly pValue: number | null;
  /** Minimiser converged with an accurate covariance. */
  readonly valid: boolean;
}

/**
 * Chi2 fit of sigma/E = sqrt((a/sqrt(E))^2 + b^2 + (c/E)^2) to measured points with
 * @nucal/numeric's MINUIT-like minimiser (HESSE covariance). The model depends on a^2, b^2,
 * c^2 only; the parameters are free (no limits, whose transform would distort the errors of a
 * term near 0) and reported as absolute values, the covariance signs flipped to match.
 *
 * @example
 * const fit = fitResolution({ energyMeV: [1, 2, 4, 8], sigmaOverEPercent: [3.2, 2.3, 1.7, 1.3], errorPercent: [0.02, 0.02, 0.02, 0.02] });
 * fit.values.a; fit.aEff.value; fit.aEff.error
 */
export function fitResolution(points: ResolutionPoints): ResolutionFit {
  const n = points.energyMeV.length;
  if (n < 4) throw new ValidationError(`resolution fit with ${n} energies: expected at least 4 (three parameters)`);
  for (let i = 0; i < n; i++) {
    const e = points.energyMeV[i]!;
    if (!(e > 0)) throw new ValidationError(`resolution fit: energy[${i}] = ${e} MeV; expected > 0`);
  }
  // start: a from the lowest-energy point, small b and c; the chi2 surface is smooth in (a, b, c)
  const e0 = points.energyMeV[0]!;
  const a0 = Math.max(0.5, points.sigmaOverEPercent[0]! * Math.sqrt(e0) * 0.9);
  const fit = chi2Fit<'a' | 'b' | 'c'>({
    x: points.energyMeV,
    y: points.sigmaOverEPercent,
    sigma: points.errorPercent,
    model: (e, p) => sigmaOverEPercent(e, p),
    parameters: [
      { name: 'a', start: a0, step: 0.05 },
      { name: 'b', start: 0.5, step: 0.05 },
      { name: 'c', start: 0.8, step: 0.05 },
    ],
    options: { strategy: 2 },
  });
  const sign = [Math.sign(fit.values.a) || 1, Math.sign(fit.values.b) || 1, Math.sign(fit.values.c) || 1];
  const covariance = fit.covariance.map((row, i) => row.map((v, j) => v * sign[i]! * sign[j]!));
  const values = { a: Math.abs(fit.values.a), b: Math.abs(fit.values.b), c: Math.abs(fit.values.c) };
  return {
    parameters: ['a', 'b', 'c'],
    values,
    errors: { a: fit.errors.a, b: fit.errors.b, c: fit.errors.c },
    covariance,
    aEff: aEffective(values, covariance),
    chi2: fit.chi2,
    ndof: fit.ndof,
    pValue: fit.pValue,
    valid: fit.valid && fit.accurateCovariance,
  };
}
