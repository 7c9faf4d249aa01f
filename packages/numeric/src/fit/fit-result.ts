import type { FitSummary } from '@nucal/core';
import { ValidationError } from '@nucal/core';

/**
 * Result of {@link minimize} and the fit helpers: plain data, addressable by parameter name,
 * assignable to core's `FitSummary`. Covariance and correlation are in `parameters` order;
 * rows and columns of fixed parameters are zero (and their error is 0).
 */
export interface FitResult<P extends string> {
  /** Parameter names in covariance order (all parameters, fixed ones included). */
  parameters: P[];
  /** Values at the minimum (fixed parameters keep their start value). */
  values: Record<P, number>;
  /** Parabolic errors sqrt(covariance diagonal), for the given errorDef. */
  errors: Record<P, number>;
  /** Covariance matrix 2·errorDef·H⁻¹ in external coordinates. */
  covariance: number[][];
  /** Correlation matrix (covariance normalised by the errors; 0 rows for fixed parameters). */
  correlation: number[][];
  /** The function value at the minimum (chi2 for chi2 fits, -2 ln L ratio for Baker–Cousins). */
  chi2: number;
  /** nData - nFree when nData was given, otherwise 0. */
  ndof: number;
  /** Estimated distance to minimum 0.5 gᵀ H⁻¹ g (internal coordinates). */
  edm: number;
  /** Converged (edm below 0.002·tolerance·errorDef within maxCalls) and the Hessian is positive definite. */
  valid: boolean;
  /** The covariance comes from a positive-definite finite-difference Hessian at the minimum. */
  accurateCovariance: boolean;
  /** Limited parameters that ended within 1e-3 of their range from a limit (errors there are unreliable). */
  atLimit: P[];
  /** Number of function calls. */
  calls: number;
  /** Human-readable outcome, e.g. why the fit is not valid. */
  message: string;
}

/**
 * Exactly core's `FitSummary` (for payloads): drops edm, atLimit, calls, message, correlation.
 * Throws a ValidationError when the function value is negative (FitSummary requires chi2 >= 0;
 * minimise a chi2 or a likelihood-ratio statistic such as Baker–Cousins, not -ln L, to store it).
 *
 * @example
 * const fit = chi2Fit({ x, y, sigma, model, parameters });
 * const payload = { lifetimeMs: fit.values.tau, fit: toFitSummary(fit) };
 */
export function toFitSummary<P extends string>(result: FitResult<P>): FitSummary {
  if (!(result.chi2 >= 0)) {
    throw new ValidationError(`toFitSummary: function value ${result.chi2} at the minimum; FitSummary.chi2 must be >= 0`);
  }
  return {
    parameters: [...result.parameters],
    values: { ...result.values },
    errors: { ...result.errors },
    covariance: result.covariance.map((row) => [...row]),
    chi2: result.chi2,
    ndof: result.ndof,
    valid: result.valid,
    accurateCovariance: result.accurateCovariance,
  };
}
