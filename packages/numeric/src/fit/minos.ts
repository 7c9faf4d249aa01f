import { FitError, ValidationError } from '@nucal/core';
import { brent } from '../roots/brent.js';
import type { FitResult } from './fit-result.js';
import type { ParameterSpec } from './fit-parameters.js';
import { migrad } from './migrad.js';

/** MINOS errors of one parameter: where the profile of the function crosses its minimum + errorDef. */
export interface MinosError {
  /** Lower crossing minus the value (<= 0), unit of the parameter; at a limit, the distance to it. */
  lower: number;
  /** Upper crossing minus the value (>= 0). */
  upper: number;
  /** Both sides valid. */
  valid: boolean;
  /** The lower crossing was found (not at a limit, no new minimum, every profile fit valid). */
  lowerValid: boolean;
  upperValid: boolean;
  /** The limit was reached with the function still below minimum + errorDef: `lower` is the distance to the limit. */
  atLowerLimit: boolean;
  atUpperLimit: boolean;
  /** A profile fit went below the minimum by more than 0.01·errorDef: the fit had not converged (refit from `newMinimumValues`). */
  newMinimum: boolean;
  /** Where that lower minimum was (when `newMinimum`). */
  newMinimumValues?: Record<string, number>;
  /** Function calls of the profile fits. */
  calls: number;
}

/** Options of {@link minos}. */
export interface MinosOptions<P extends string> {
  /** Parameters to compute (default: every free parameter). */
  readonly parameters?: readonly P[];
  /** The errorDef of the fit (default 1; 0.5 for -ln L). */
  readonly errorDef?: number;
  /** Tolerance of the profile fits (default 0.01: edm < 2e-5·errorDef, the crossing to ~1e-4 of the error). */
  readonly tolerance?: number;
  /** Strategy of the profile fits (default 1). */
  readonly strategy?: 0 | 1 | 2;
  /** Trials of the search outwards before giving up on a side (default 12; each goes 1.2 to 10 times as far as the last). */
  readonly maxSteps?: number;
}

interface ProfilePoint {
  f: number;
  values: Record<string, number>;
  valid: boolean;
  calls: number;
}

/**
 * MINOS (F. James, MINUIT Reference Manual, CERN D506, "MINOS"): the profile-likelihood interval
 * of each asked parameter. The parameter is fixed at trial values, the others are minimised again
 * (MIGRAD, warm-started from the nearest trial), and the crossings of the profile with
 * fmin + errorDef are found by an outward search (first one parabolic error out, then where a
 * parabola through the minimum and the last trial reaches errorDef) and Brent's method on the
 * bracket (to 1e-4 of the parabolic error). For a chi2 (errorDef 1)
 * or -ln L (0.5) this is the 68.3% interval of Wilks' theorem, asymmetric where the function is
 * not parabolic. `lower`/`upper` are signed offsets from the fitted value, as iminuit's.
 *
 * `parameters` must be the specs of the fit (limits and fixed flags); `result` its valid result.
 *
 * @throws FitError when `result` is not valid (MINOS needs a minimum)
 * @throws ValidationError for an unknown or fixed parameter
 * @example
 * const fit = minimize(nll, specs, { errorDef: 0.5 });
 * const { tau } = minos(nll, specs, fit, { parameters: ['tau'], errorDef: 0.5 });
 * tau.lower; tau.upper; // e.g. -0.21, +0.26
 */
export function minos<P extends string>(
  fcn: (p: Readonly<Record<P, number>>) => number,
  parameters: readonly ParameterSpec<P>[],
  result: FitResult<P>,
  options: MinosOptions<P> = {},
): Partial<Record<P, MinosError>> {
  if (!result.valid) throw new FitError(`minos: the fit is not valid (${result.message}); MINOS needs a minimum`);
  const up = options.errorDef ?? 1;
  if (!(up > 0)) throw new ValidationError(`minos: errorDef ${up}; expected > 0`);
  const tolerance = options.tolerance ?? 0.01;
  const strategy = options.strategy ?? 1;
  const maxSteps = options.maxSteps ?? 12;
  const free = parameters.filter((s) => !s.fixed).map((s) => s.name);
  const names = options.parameters ?? free;
  const out: Partial<Record<P, MinosError>> = {};
  for (const name of names) {
    const spec = parameters.find((s) => s.name === name);
    if (!spec) throw new ValidationError(`minos: unknown parameter '${name}'; the fit has ${parameters.map((s) => s.name).join(', ')}`);
    if (spec.fixed) throw new ValidationError(`minos: parameter '${name}' is fixed`);
    out[name] = minosOne(name, spec.limits);
  }
  return out;

  function minosOne(name: P, limits: readonly [number, number] | undefined): MinosError {
    const x0 = result.values[name];
    const fmin = result.chi2;
    // first trial one parabolic error out; at an active limit that error is ~0: the user's step then
    const step = parameters.find((s) => s.name === name)?.step ?? Math.max(0.1 * Math.abs(x0), 0.1);
    const sigma = result.errors[name] > 1e-3 * step ? result.errors[name] : step;
    const cache = new Map<number, ProfilePoint>([[x0, { f: fmin, values: { ...result.values }, valid: true, calls: 0 }]]);
    let calls = 0;
    let lowest: ProfilePoint | undefined;

    // Profile at v: the parameter fixed there, the others minimised from the nearest trial.
    const profile = (v: number): ProfilePoint => {
      const known = cache.get(v);
      if (known) return known;
      let nearest = x0;
      for (const k of cache.keys()) if (Math.abs(k - v) < Math.abs(nearest - v)) nearest = k;
      const start = (cache.get(nearest) as ProfilePoint).values;
      const specs = parameters.map((s): ParameterSpec<P> => {
        if (s.name === name) return { ...s, start: v, fixed: true };
        if (s.fixed) return s;
        const e = result.errors[s.name];
        return { ...s, start: start[s.name] as number, ...(e > 0 ? { step: e } : {}) };
      });
      const fit = migrad(fcn, specs, { errorDef: up, tolerance, strategy });
      calls += fit.calls;
      const point = { f: fit.chi2, values: { ...fit.values } as Record<string, number>, valid: fit.valid, calls: fit.calls };
      cache.set(v, point);
      if (point.f < fmin - 0.01 * up && (!lowest || point.f < lowest.f)) lowest = point;
      return point;
    };
    const excess = (v: number): number => profile(v).f - fmin - up;

    const side = (dir: 1 | -1): { offset: number; valid: boolean; atLimit: boolean } => {
      const bound = limits ? (dir > 0 ? limits[1] : limits[0]) : dir * Infinity;
      let inner = x0;
      let distance = sigma;
      for (let step = 0; step < maxSteps; step++) {
        let v = x0 + dir * distance;
        const clamped = dir > 0 ? v >= bound : v <= bound;
        if (clamped) v = bound;
        const g = excess(v);
        if (g >= 0) {
          const root = g === 0 ? v : brent(excess, inner, v, { tol: 1e-4 * sigma });
          // every profile fit between the minimum and the bracket's end must have converged
          let valid = true;
          for (const [k, p] of cache) if ((k - x0) * dir > 0 && (k - x0) * dir <= (v - x0) * dir && !p.valid) valid = false;
          return { offset: root - x0, valid, atLimit: false };
        }
        if (clamped) return { offset: v - x0, valid: false, atLimit: true };
        // Next trial: where a parabola through the minimum and this point reaches errorDef (a
        // little beyond), at least 1.2 and at most 10 times as far (a function rising slower
        // than a parabola, e.g. linearly from a limit, needs the long steps).
        const rise = g + up;
        const guess = rise > 0 ? 1.05 * distance * Math.sqrt(up / rise) : 2 * distance;
        inner = v;
        distance = Math.min(10 * distance, Math.max(1.2 * distance, guess));
      }
      return { offset: dir * distance, valid: false, atLimit: false };
    };

    const lower = side(-1);
    const upper = side(1);
    const newMinimum = lowest !== undefined;
    const error: MinosError = {
      lower: lower.offset,
      upper: upper.offset,
      valid: lower.valid && upper.valid && !newMinimum,
      lowerValid: lower.valid && !newMinimum,
      upperValid: upper.valid && !newMinimum,
      atLowerLimit: lower.atLimit,
      atUpperLimit: upper.atLimit,
      newMinimum,
      calls,
    };
    if (lowest) error.newMinimumValues = lowest.values;
    return error;
  }
}
