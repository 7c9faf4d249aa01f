import { FitError, ValidationError } from '@nucal/core';
import { buildResult } from './build-fit-result.js';
import { bfgsUpdate, cholesky, diagonal, dot, inverseFromCholesky, matVec, symmetricEigen } from './dense-matrix.js';
import { finiteDifferenceHessian, HESSE_STEP_IN_SIGMA } from './finite-difference-hessian.js';
import { limitedAtLimit, validateSpec, type NormalizedSpec, type ParameterSpec } from './fit-parameters.js';
import type { FitResult } from './fit-result.js';
import { forcePositiveDefinite } from './force-positive-definite.js';
import { externalDerivative, toExternal, toInternal } from './parameter-transform.js';

import type { MinimizeOptions } from './minimize-options.js';

/** MIGRAD restarts allowed when HESSE finds the minimum not yet reached (edm above target). */
const MAX_RESTARTS = 3;
/** Per strategy: HESSE-and-resume recoveries after a failed line search or a non-positive-definite Hessian. */
const RECOVERIES = [1, 2, 3] as const;
/**
 * Per strategy: most evaluations of one gradient component (MINUIT's MNDERI cycles are 2, 3, 5;
 * strategy 0 here never re-evaluates and leaves a poor first step to the recovery).
 */
const GRADIENT_CYCLES = [1, 3, 5] as const;
/** A gradient component is evaluated again when its step was more than this times the new one. */
const GRADIENT_STEP_RATIO = 10;
/** Fraction of the estimated error used as the step of the numerical gradient. */
const GRADIENT_STEP_IN_SIGMA = 1e-3;
/** Largest step, and largest error assumed, in the angle-like internal coordinate of a limited parameter. */
const MAX_LIMITED_STEP = 0.5;
/** Largest move of a two-sided parameter's angle in one line search (beyond π/2 the sine folds back). */
const MAX_ANGLE_MOVE = 1;

interface State {
  x: Float64Array;
  f: number;
  g: Float64Array;
  g2: Float64Array;
}

/** A HESSE matrix in internal coordinates: the covariance metric it gives and whether it needed forcing. */
interface Hesse {
  /** The measured second-derivative matrix. */
  matrix: Float64Array[];
  cov: Float64Array[];
  edm: number;
  positiveDefinite: boolean;
  note: string;
}

type Outcome = 'converged' | 'line search' | 'call limit';

/**
 * MIGRAD and HESSE: the fit of {@link minimize} (documented there), without MINOS.
 */
export function migrad<P extends string>(
  fcn: (p: Readonly<Record<P, number>>) => number,
  parameters: readonly ParameterSpec<P>[],
  options: MinimizeOptions<P> = {},
): FitResult<P> {
  const up = options.errorDef ?? 1;
  const tolerance = options.tolerance ?? 0.1;
  const strategy = options.strategy ?? 1;
  if (!(up > 0)) throw new ValidationError(`minimize: errorDef ${up}; expected > 0 (1 for chi2, 0.5 for -ln L)`);
  if (!(tolerance > 0)) throw new ValidationError(`minimize: tolerance ${tolerance}; expected > 0`);
  if (strategy !== 0 && strategy !== 1 && strategy !== 2) throw new ValidationError(`minimize: strategy ${String(strategy)}; expected 0, 1 or 2`);
  const names = parameters.map((p) => p.name);
  const specs = parameters.map((p) => validateSpec(p, names));
  const free = specs.filter((s) => !s.fixed);
  const n = free.length;
  const maxCalls = options.maxCalls ?? 500 + 200 * n + 10 * n * n;
  const edmTarget = 0.002 * tolerance * up;

  // Evaluation in internal (x) or external (xe) coordinates; NaN/±Infinity count as +Infinity so
  // that searches back off.
  const external = Object.fromEntries(specs.map((s) => [s.name, s.start])) as Record<P, number>;
  let calls = 0;
  const call = (p: Record<P, number>): number => {
    calls++;
    const v = fcn(p);
    return Number.isFinite(v) ? v : Infinity;
  };
  const evaluate = (x: Float64Array): number => {
    const p = { ...external };
    for (let i = 0; i < n; i++) {
      const s = free[i] as NormalizedSpec<P>;
      p[s.name] = toExternal(s.limits, x[i] as number);
    }
    return call(p);
  };
  const evaluateExternal = (xe: Float64Array): number => {
    const p = { ...external };
    for (let i = 0; i < n; i++) p[(free[i] as NormalizedSpec<P>).name] = xe[i] as number;
    return call(p);
  };

  const x0 = new Float64Array(n);
  const h = new Float64Array(n);
  const hMin = new Float64Array(n);
  const hMax = new Float64Array(n);
  // Last error estimate per internal coordinate from a positive curvature (the user's step at first).
  const sigmaLast = new Float64Array(n);
  const twoSided = free.map((s) => s.limits.kind === 'both');
  for (let i = 0; i < n; i++) {
    const s = free[i] as NormalizedSpec<P>;
    let xi = toInternal(s.limits, s.start);
    // At a limit the transform is flat; start just inside so the gradient can see the function.
    if (s.limits.kind === 'both' && Math.abs(Math.cos(xi)) < 1e-3) xi = Math.sign(xi) * (Math.PI / 2 - 0.05);
    if ((s.limits.kind === 'lower' || s.limits.kind === 'upper') && xi < 1e-3) xi = 0.1;
    x0[i] = xi;
    const dExt = Math.abs(externalDerivative(s.limits, xi));
    const limited = s.limits.kind !== 'none';
    const stepInt = Math.min(s.step / Math.max(dExt, 1e-12), limited ? MAX_LIMITED_STEP : Infinity);
    h[i] = stepInt;
    sigmaLast[i] = stepInt;
    hMin[i] = 1e-9 * Math.max(Math.abs(xi), stepInt);
    hMax[i] = limited ? MAX_LIMITED_STEP : Infinity;
  }

  const f0 = evaluate(x0);
  if (!Number.isFinite(f0)) {
    throw new FitError(`minimize: the function is not finite at the start values ${JSON.stringify(external)}`);
  }
  if (n === 0) {
    return buildResult(specs, free, new Float64Array(0), { covariance: [], internal: true }, f0, 0, true, true, calls, 'no free parameters', options.nData, up);
  }

  // Numerical first and second (diagonal) derivatives. The step follows the estimated error
  // (1e-3 σ); as in MINUIT's MNDERI a component is recomputed when its step had to change much
  // (a step of ~1σ, e.g. the user's first step, leaves a truncation error larger than the edm).
  const gradient = (x: Float64Array, f: number): { g: Float64Array; g2: Float64Array } => {
    const g = new Float64Array(n);
    const g2 = new Float64Array(n);
    const xs = Float64Array.from(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      let curvature = NaN;
      for (let cycle = 0; cycle < GRADIENT_CYCLES[strategy]; cycle++) {
        let hi = h[i] as number;
        for (let attempt = 0; ; attempt++) {
          xs[i] = xi + hi;
          const fp = evaluate(xs);
          xs[i] = xi - hi;
          const fm = evaluate(xs);
          xs[i] = xi;
          if ((Number.isFinite(fp) && Number.isFinite(fm)) || attempt >= 4) {
            g[i] = (fp - fm) / (2 * hi);
            g2[i] = (fp + fm - 2 * f) / (hi * hi);
            break;
          }
          hi /= 10;
        }
        const c = g2[i] as number;
        if (!(c > 0) || !Number.isFinite(c)) break;
        // The curvature from the first (largest) step has the least rounding error: keep it for
        // the metric; the slope takes the smaller steps' lower truncation error.
        if (Number.isNaN(curvature)) curvature = c;
        sigmaLast[i] = Math.sqrt((2 * up) / c);
        const next = Math.min(Math.max(GRADIENT_STEP_IN_SIGMA * (sigmaLast[i] as number), hMin[i] as number), hMax[i] as number);
        h[i] = next;
        // Only a step too large matters (truncation error); one too small costs little precision.
        if (hi <= GRADIENT_STEP_RATIO * next) break;
      }
      if (curvature > 0) g2[i] = curvature;
    }
    return { g, g2 };
  };

  // Error guess per internal coordinate from the diagonal curvature; where the function is not
  // convex along an axis, the last estimate (at first the user's step), at most MAX_LIMITED_STEP
  // in a limited parameter's angle, whose natural scale is 1.
  const sigmaGuess = (g2: Float64Array, i: number): number => {
    const c = g2[i] as number;
    if (c > 0 && Number.isFinite(c)) return Math.sqrt((2 * up) / c);
    return Math.min(sigmaLast[i] as number, hMax[i] as number);
  };
  const initialMetric = (g2: Float64Array): Float64Array[] =>
    diagonal(Float64Array.from(g2, (_, i) => sigmaGuess(g2, i) ** 2 / (2 * up)));

  let state: State = { x: x0, f: f0, ...gradient(x0, f0) };
  let outcome: Outcome = 'converged';
  let hessian: Hesse | undefined;
  let externalH: Hesse | undefined;
  let edm = Infinity;
  let restarts = 0;
  let recoveries = 0;
  let escapes = 0;
  const maxEscapes = 2 * n + 2;
  const notes: string[] = [];
  // Minuit2's seed: where the start curves down along an axis, first search along it.
  for (let i = 0; i < n && escapes < maxEscapes; i++) {
    if ((state.g2[i] as number) > 0) continue;
    const moved = searchAlong(state, axis(i, sigmaGuess(state.g2, i)));
    if (moved) {
      state = moved;
      escapes++;
    }
  }
  let v = initialMetric(state.g2);

  for (;;) {
    const run = migrad(state, v);
    state = run.state;
    v = run.v;
    edm = run.edm;
    outcome = run.outcome;
    hessian = undefined;
    externalH = undefined;
    if (outcome === 'call limit') break;
    if (outcome === 'line search') {
      if (recoveries >= RECOVERIES[strategy] || calls >= maxCalls) break;
      // MNMIGR: recompute the derivatives here and resume from a (positive-definite) HESSE matrix.
      recoveries++;
      state = { x: state.x, f: state.f, ...gradient(state.x, state.f) };
      const hs = hesse(state);
      notes.push(`line search failed at edm ${edm.toExponential(2)}; resumed from HESSE${hs.note}`);
      v = hs.cov;
      continue;
    }
    hessian = hesse(state);
    edm = hessian.edm;
    const atLimitNow = limitedAtLimit(free, state.x);
    if (hessian.positiveDefinite && atLimitNow.length === 0) {
      if (edm < edmTarget || restarts >= MAX_RESTARTS || calls >= maxCalls) break;
      // HESSE says the minimum is not reached: resume with the better metric.
      restarts++;
      v = hessian.cov;
      continue;
    }
    if (calls >= maxCalls) break;
    // A direction of negative curvature means a saddle, not a minimum (typically a limited
    // parameter's angle stopped at ±π/2, where its gradient vanishes whatever the function does).
    if (!hessian.positiveDefinite && escapes < maxEscapes) {
      const moved = escapeNegativeCurvature(state, hessian.matrix);
      if (moved) {
        escapes++;
        notes.push(`left a saddle at edm ${edm.toExponential(2)} along negative curvature`);
        state = moved;
        v = initialMetric(state.g2);
        continue;
      }
    }
    if (atLimitNow.length > 0) {
      // At a limit the internal Hessian is singular by construction: use the external one, after
      // checking that the function does not fall away from the limit (a saddle in disguise).
      externalH = externalHessian(state.x, state.f);
      if (!externalH.positiveDefinite && escapes < maxEscapes) {
        const moved = escapeFromLimit(state, externalH.matrix, atLimitNow);
        if (moved) {
          escapes++;
          notes.push('moved off a limit along negative curvature');
          state = moved;
          v = initialMetric(state.g2);
          continue;
        }
      }
      if (hessian.positiveDefinite && edm >= edmTarget && restarts < MAX_RESTARTS) {
        restarts++;
        v = hessian.cov;
        continue;
      }
      break;
    }
    if (recoveries >= RECOVERIES[strategy]) break;
    recoveries++;
    notes.push(`Hessian not positive definite at edm ${edm.toExponential(2)}; resumed from it made positive definite${hessian.note}`);
    v = hessian.cov;
  }

  const atLimit = limitedAtLimit(free, state.x);
  let message: string;
  let limitNote = 'covariance from the external Hessian: the curvature there, not a confidence interval';
  let accurate = outcome === 'converged' && hessian?.positiveDefinite === true;
  let cov = { covariance: hessian?.cov ?? v, internal: true };
  if (outcome === 'call limit') message = `call limit ${maxCalls} reached (edm ${edm.toExponential(2)})`;
  else if (outcome === 'line search') message = `line search found no lower value (edm ${edm.toExponential(2)})`;
  else if (atLimit.length > 0) {
    const ext = externalH ?? externalHessian(state.x, state.f);
    if (ext.positiveDefinite) {
      cov = { covariance: ext.cov, internal: false };
      accurate = true;
      message = 'converged';
    } else if (accurate) {
      // The function falls beyond the limit (an active limit): the external Hessian need not be
      // positive definite there, the internal one is, and MINUIT's answer stands: the parameter
      // is pinned (error ~0) and the others' covariance is conditional on it.
      message = 'converged';
      limitNote = 'the function falls beyond the limit: its error is ~0 and the covariance of the others is at fixed limit';
    } else {
      cov = { covariance: ext.cov, internal: false };
      message = `converged at a limit, but neither Hessian is positive definite; covariance is the external one forced positive definite${ext.note}`;
    }
  } else if (!accurate) {
    message = `converged, but the Hessian is not positive definite; covariance is the HESSE matrix forced positive definite${hessian?.note ?? ''}`;
  } else message = 'converged';
  const converged = outcome === 'converged' && edm < edmTarget;
  if (outcome === 'converged' && !converged) {
    const above = `edm ${edm.toExponential(2)} after HESSE above target ${edmTarget.toExponential(2)}`;
    message = message === 'converged' ? above : `${above}; ${message}`;
  }
  if (notes.length > 0) message += ` (after: ${notes.join('; ')})`;
  if (atLimit.length > 0) {
    message += `; at limit: ${atLimit.map((i) => (free[i] as NormalizedSpec<P>).name).join(', ')} (${limitNote})`;
  }
  return buildResult(specs, free, state.x, cov, state.f, edm, converged && accurate, accurate, calls, message, options.nData, up);

  function migrad(start: State, v0: Float64Array[]): { state: State; v: Float64Array[]; edm: number; outcome: Outcome } {
    let s = start;
    let metric = v0;
    let fresh = true;
    for (;;) {
      let d = matVec(metric, s.g).map((e) => -e);
      let slope = dot(s.g, d);
      if (!(slope < 0)) {
        metric = initialMetric(s.g2);
        fresh = true;
        d = matVec(metric, s.g).map((e) => -e);
        slope = dot(s.g, d);
      }
      const e = -0.5 * slope;
      if (e < edmTarget) return { state: s, v: metric, edm: e, outcome: 'converged' };
      if (calls >= maxCalls) return { state: s, v: metric, edm: e, outcome: 'call limit' };
      const step = lineSearch(s.x, s.f, d, slope);
      if (!step) {
        if (!fresh) {
          metric = initialMetric(s.g2);
          fresh = true;
          continue;
        }
        return { state: s, v: metric, edm: e, outcome: 'line search' };
      }
      const next: State = { x: step.x, f: step.f, ...gradient(step.x, step.f) };
      const sv = new Float64Array(n);
      const yv = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        sv[i] = (next.x[i] as number) - (s.x[i] as number);
        yv[i] = (next.g[i] as number) - (s.g[i] as number);
      }
      const sy = dot(sv, yv);
      if (sy > 0) {
        metric = bfgsUpdate(metric, sv, yv, sy);
        fresh = false;
      }
      s = next;
    }
  }

  function lineSearch(x: Float64Array, f0: number, d: Float64Array, slope: number): { x: Float64Array; f: number } | undefined {
    const at = (alpha: number): Float64Array => Float64Array.from(x, (xi, i) => xi + alpha * (d[i] as number));
    // A two-sided parameter's angle moves at most MAX_ANGLE_MOVE: further, the sine folds back
    // and the quadratic model of the step means nothing.
    let alphaMax = 4;
    for (let i = 0; i < n; i++) if (twoSided[i]) alphaMax = Math.min(alphaMax, MAX_ANGLE_MOVE / Math.abs(d[i] as number));
    let best = { alpha: 0, f: f0 };
    let alpha = Math.min(1, alphaMax);
    let fa = evaluate(at(alpha));
    if (fa < f0) {
      best = { alpha, f: fa };
      // Parabola through f(0), f'(0) and f(alpha): try its minimum if it is clearly elsewhere.
      const c = (fa - f0 - slope * alpha) / (alpha * alpha);
      if (c > 0) {
        const star = Math.min(-slope / (2 * c), alphaMax);
        if (star > 1.5 * alpha || star < 0.7 * alpha) {
          const fs = evaluate(at(star));
          if (fs < best.f) best = { alpha: star, f: fs };
        }
      }
    } else {
      for (let k = 0; k < 12 && calls < maxCalls; k++) {
        const c = (fa - f0 - slope * alpha) / (alpha * alpha);
        let next = c > 0 && Number.isFinite(c) ? -slope / (2 * c) : 0.5 * alpha;
        next = Math.min(Math.max(next, 0.1 * alpha), 0.5 * alpha);
        alpha = next;
        fa = evaluate(at(alpha));
        if (fa < f0) {
          best = { alpha, f: fa };
          break;
        }
      }
    }
    return best.alpha > 0 ? { x: at(best.alpha), f: best.f } : undefined;
  }

  // Unit vector along axis i times a length.
  function axis(i: number, length: number): Float64Array {
    const d = new Float64Array(n);
    d[i] = length;
    return d;
  }

  // Minuit2's NegativeG2LineSearch: look for a lower value along d (about one error long), first
  // downhill by the gradient, then the other way; steps double while the function falls.
  function searchAlong(s: State, d: Float64Array): State | undefined {
    const downhill = dot(s.g, d) <= 0 ? 1 : -1;
    for (const sign of [downhill, -downhill]) {
      let alphaMax = 16;
      for (let i = 0; i < n; i++) if (twoSided[i] && d[i] !== 0) alphaMax = Math.min(alphaMax, MAX_ANGLE_MOVE / Math.abs(d[i] as number));
      const at = (alpha: number): Float64Array => Float64Array.from(s.x, (xi, i) => xi + sign * alpha * (d[i] as number));
      let alpha = Math.min(1, alphaMax);
      let fa = evaluate(at(alpha));
      if (fa < s.f) {
        while (2 * alpha <= alphaMax && calls < maxCalls) {
          const f2 = evaluate(at(2 * alpha));
          if (!(f2 < fa)) break;
          alpha *= 2;
          fa = f2;
        }
      } else {
        for (let k = 0; k < 6 && !(fa < s.f) && calls < maxCalls; k++) {
          alpha /= 4;
          fa = evaluate(at(alpha));
        }
      }
      if (fa < s.f) {
        const x = at(alpha);
        return { x, f: fa, ...gradient(x, fa) };
      }
    }
    return undefined;
  }

  // Directions of negative curvature of an internal Hessian: axes with a non-positive diagonal,
  // else eigenvectors of the unit-diagonal matrix with negative eigenvalues (about 1σ long).
  function escapeNegativeCurvature(s: State, matrix: readonly Float64Array[]): State | undefined {
    const directions: Float64Array[] = [];
    for (let i = 0; i < n; i++) {
      const c = (matrix[i] as Float64Array)[i] as number;
      if (!(c > 0)) directions.push(axis(i, sigmaGuess(s.g2, i)));
    }
    if (directions.length === 0) {
      const scale = Float64Array.from(matrix, (row, i) => 1 / Math.sqrt(row[i] as number));
      const unit = matrix.map((row, i) => Float64Array.from(row, (c, j) => c * (scale[i] as number) * (scale[j] as number)));
      const { values, vectors } = symmetricEigen(unit);
      values.forEach((value, k) => {
        if (value < 0) directions.push(Float64Array.from(vectors[k] as Float64Array, (u, i) => u * (scale[i] as number) * Math.sqrt(2 * up)));
      });
    }
    for (const d of directions) {
      const moved = searchAlong(s, d);
      if (moved) return moved;
    }
    return undefined;
  }

  // At a limit, a parameter whose external curvature is not positive: search along its internal axis.
  function escapeFromLimit(s: State, external: readonly Float64Array[], atLimit: readonly number[]): State | undefined {
    for (const i of atLimit) {
      if (((external[i] as Float64Array)[i] as number) > 0) continue;
      const moved = searchAlong(s, axis(i, Math.min(MAX_LIMITED_STEP, Math.max(sigmaGuess(s.g2, i), 0.05))));
      if (moved) return moved;
    }
    return undefined;
  }

  // HESSE in internal coordinates at s; a matrix that is not positive definite is forced (MNPSDF).
  function hesse(s: State): Hesse {
    const start = Float64Array.from(s.g2, (_, i) => HESSE_STEP_IN_SIGMA * sigmaGuess(s.g2, i));
    const { matrix, step } = finiteDifferenceHessian(evaluate, s.x, s.f, up, { start, min: hMin, max: hMax });
    return fromHessian(matrix, step, s.g);
  }

  // The Hessian in external coordinates, the stencil kept inside the limits (for atLimit).
  function externalHessian(x: Float64Array, f: number): Hesse {
    const xe = Float64Array.from(x, (xi, i) => toExternal((free[i] as NormalizedSpec<P>).limits, xi));
    const lower = Float64Array.from(free, (s) => s.limits.lo);
    const upper = Float64Array.from(free, (s) => s.limits.hi);
    const start = Float64Array.from(free, (s, i) => {
      // Away from a limit the internal error maps through the Jacobian; at one, the user's step.
      const jac = Math.abs(externalDerivative(s.limits, x[i] as number));
      const sigma = jac > 0.1 * Math.abs(externalDerivative(s.limits, 0)) ? jac * sigmaGuess(state.g2, i) : s.step;
      return HESSE_STEP_IN_SIGMA * sigma;
    });
    const min = Float64Array.from(xe, (v, i) => 1e-9 * Math.max(Math.abs(v), (free[i] as NormalizedSpec<P>).step));
    const max = Float64Array.from(free, (s) => (s.limits.kind === 'both' ? (s.limits.hi - s.limits.lo) / 4 : Infinity));
    const { matrix, step } = finiteDifferenceHessian(evaluateExternal, xe, f, up, { start, min, max, lower, upper });
    return fromHessian(matrix, step, undefined);
  }

  function fromHessian(matrix: Float64Array[], step: Float64Array, g: Float64Array | undefined): Hesse {
    let l = cholesky(matrix);
    let note = '';
    if (!l) {
      // Non-positive curvature: assume an error of 10 steps (the steps aim at 0.1σ).
      const fallback = Float64Array.from(step, (d) => (2 * up) / (d / HESSE_STEP_IN_SIGMA) ** 2);
      const forced = forcePositiveDefinite(matrix, fallback);
      const parts = forced.replacedDiagonal.length > 0 ? [`${forced.replacedDiagonal.length} non-positive diagonal elements replaced`] : [];
      if (forced.diagonalAdded > 0) parts.push(`diagonal scaled by 1 + ${forced.diagonalAdded.toExponential(2)}`);
      note = parts.length > 0 ? ` (MNPSDF: ${parts.join(', ')})` : ' (nearly singular)';
      l = cholesky(forced.matrix);
    }
    if (!l) {
      // Only rounding can get here: keep the diagonal.
      const d = Float64Array.from(matrix, (row, i) => 1 / Math.max(Math.abs(row[i] as number), 1e-300));
      return { matrix, cov: diagonal(d), edm: g ? 0.5 * dot(g, matVec(diagonal(d), g)) : 0, positiveDefinite: false, note: `${note} (diagonal only)` };
    }
    const cov = inverseFromCholesky(l);
    // The MIGRAD gradient (steps of 1e-3 sigma) is far more accurate than one from the 0.1-sigma
    // HESSE steps, whose truncation error would dominate edm in curved valleys.
    return { matrix, cov, edm: g ? 0.5 * dot(g, matVec(cov, g)) : 0, positiveDefinite: note === '', note };
  }
}
