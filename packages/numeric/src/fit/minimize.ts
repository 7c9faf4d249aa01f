import type { FitResult } from './fit-result.js';
import type { ParameterSpec } from './fit-parameters.js';
import { migrad } from './migrad.js';
import type { MinimizeOptions } from './minimize-options.js';
import { minos } from './minos.js';

export type { ParameterSpec } from './fit-parameters.js';
export type { MinimizeOptions } from './minimize-options.js';

/**
 * Minimises `fcn` over named parameters, MINUIT-style (F. James and M. Roos, "MINUIT: a system
 * for function minimization and analysis of the parameter errors and correlations",
 * Comput. Phys. Commun. 10 (1975) 343):
 * 1. MIGRAD: variable-metric descent (BFGS update of the inverse Hessian) with central-difference
 *    gradients whose steps adapt to the second derivatives (MNDERI) and a parabolic line search;
 *    limited parameters move in MINUIT's sin/sqrt internal coordinates; stops when
 *    edm = ½ gᵀVg < 0.002·tolerance·errorDef.
 * 2. HESSE: the full Hessian by finite differences at the minimum (steps ~0.1σ); covariance =
 *    2·errorDef·H⁻¹, carried to external coordinates with the transform's Jacobian. If HESSE finds
 *    edm above the target, MIGRAD resumes from the HESSE matrix (up to 3 times).
 * 3. Recovery (MNMIGR's restarts): when the line search finds no lower value, or the Hessian at
 *    the minimum is not positive definite, the gradient and HESSE are recomputed at that point,
 *    the matrix is made positive definite as MNPSDF does ({@link forcePositiveDefinite}) and
 *    MIGRAD resumes from it (1-3 times, by `strategy`).
 * 4. Saddles (Minuit2's NegativeG2LineSearch): where the function curves down along an axis (at
 *    the start) or along an eigen-direction of the HESSE matrix (where MIGRAD stopped), a search
 *    along it for a lower value, then MIGRAD again. The typical case is a limited parameter at or
 *    near its limit: the sin transform's gradient vanishes there whatever the function does.
 * 5. Limits: for a parameter that ends within 1e-3 of its range from a limit the covariance
 *    comes from the Hessian in external coordinates, its stencil moved one
 *    step inside the limits (the internal one is singular there): the curvature of the function
 *    at the limit, which is what an error at a limit can mean. If the function falls beyond the
 *    limit (an active limit) that Hessian need not be positive definite; then MINUIT's internal
 *    answer is kept: the parameter's error is ~0 and the others' covariance is at fixed limit.
 *    `atLimit` lists the parameters closer to a limit than half their error (iminuit's rule).
 * 6. MINOS, when asked for (`minos` option): profile-likelihood errors, see {@link minos}.
 *
 * `valid` is false when the call limit was hit, MIGRAD failed after its recoveries, edm stayed
 * above target after HESSE, or the final Hessian had to be forced positive definite; then
 * `accurateCovariance` is false and the covariance is the forced HESSE matrix, or the
 * variable-metric (BFGS) approximation when HESSE was not reached (see `message`).
 *
 * No maintained JavaScript library provides a minimiser with Hessian-based covariance, hence this one.
 *
 * @example
 * const fit = minimize(
 *   (p) => ((p.a - 1) / 0.1) ** 2 + ((p.b - 2) / 0.2) ** 2,
 *   [{ name: 'a', start: 0 }, { name: 'b', start: 0, limits: [0, 10] }],
 * );
 * fit.values.a; // ≈ 1, fit.errors.a ≈ 0.1
 * const asym = minimize(nll, parameters, { errorDef: 0.5, minos: ['tau'] }).minos?.tau; // { lower, upper, valid, ... }
 */
export function minimize<P extends string>(
  fcn: (p: Readonly<Record<P, number>>) => number,
  parameters: readonly ParameterSpec<P>[],
  options: MinimizeOptions<P> = {},
): FitResult<P> {
  const result = migrad(fcn, parameters, options);
  if (!options.minos) return result;
  if (!result.valid) {
    result.message += '; MINOS not run: the minimum is not valid';
    return result;
  }
  result.minos = minos(fcn, parameters, result, {
    ...(options.minos === true ? {} : { parameters: options.minos }),
    ...(options.errorDef !== undefined ? { errorDef: options.errorDef } : {}),
    ...(options.strategy !== undefined ? { strategy: options.strategy } : {}),
  });
  return result;
}
