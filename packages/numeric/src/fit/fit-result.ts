import type { FitSummary } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import type { MinosError } from './minos.js';

/** A p-value below this is flagged (`lowPValue`): the model does not describe the data. */
export const LOW_P_VALUE = 1e-3;

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
  /**
   * p-value of `chi2` for `ndof`, Q(ndof/2, chi2/2) ({@link chi2Survival}). `null` (not NaN, which
   * JSON cannot carry) when ndof <= 0, or when the function is not chi2-like (errorDef ≠ 1, e.g. a
   * -ln L), or its value is negative.
   */
  pValue: number | null;
  /** pValue < 1e-3 ({@link LOW_P_VALUE}); false when pValue is null. */
  lowPValue: boolean;
  /** Estimated distance to minimum 0.5 gᵀ H⁻¹ g (internal coordinates). */
  edm: number;
  /** Converged (edm below 0.002·tolerance·errorDef within maxCalls) and the Hessian is positive definite. */
  valid: boolean;
  /** The covariance comes from a positive-definite finite-difference Hessian at the minimum. */
  accurateCovariance: boolean;
  /**
   * Limited parameters at a limit as iminuit flags them: min(value - lower, upper - value) <
   * 0.5·error, or the value on the limit itself. Their parabolic errors mean little there; ask
   * for MINOS errors or loosen the limit.
   */
  atLimit: P[];
  /** Number of function calls. */
  calls: number;
  /** Human-readable outcome, e.g. why the fit is not valid. */
  message: string;
  /** MINOS (profile-likelihood) errors of the parameters asked for with the `minos` option. */
  minos?: Partial<Record<P, MinosError>>;
}

/**
 * Exactly core's `FitSummary` (for payloads): drops edm, atLimit, calls, message, correlation,
 * minos; keeps pValue and lowPValue.
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
    pValue: result.pValue,
    lowPValue: result.lowPValue,
  };
}
