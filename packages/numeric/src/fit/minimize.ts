import { FitError, ValidationError } from '@nucal/core';
import { cholesky, diagonal, dot, inverseFromCholesky, matVec } from './dense-matrix.js';
import type { FitResult } from './fit-result.js';
import { externalDerivative, limitsOf, toExternal, toInternal, type Limits } from './parameter-transform.js';

/** One fit parameter: its name, start value, optional step, limits and fixed flag. */
export interface ParameterSpec<P extends string> {
  /** Name, used as the key of `values`, `errors` and the function's argument. */
  name: P;
  /** Start value (inside the limits). */
  start: number;
  /** Initial step, about the expected error (default 10% of |start|, or 0.1 when start is 0). */
  step?: number;
  /** Allowed range [lo, hi]; either side may be ±Infinity for a one-sided limit. */
  limits?: readonly [number, number];
  /** Keep this parameter at its start value. */
  fixed?: boolean;
}

/** Options of {@link minimize}. */
export interface MinimizeOptions {
  /** Function change that defines one standard error: 1 for chi2 (default), 0.5 for -ln L. */
  errorDef?: number;
  /** Convergence: stop when edm < 0.002 · tolerance · errorDef (MINUIT's rule). Default 0.1. */
  tolerance?: number;
  /** Maximum function calls (default 500 + 200 n + 10 n², n = free parameters). */
  maxCalls?: number;
  /** Number of data points; when given, ndof = nData - nFree. */
  nData?: number;
}

/** Variable-metric restarts allowed when HESSE finds the minimum not yet reached. */
const MAX_RESTARTS = 3;
/** Fraction of the estimated error used as the step of the numerical gradient. */
const GRADIENT_STEP_IN_SIGMA = 1e-3;
/** Fraction of the estimated error used as the step of the HESSE second derivatives. */
const HESSE_STEP_IN_SIGMA = 0.1;
/** Largest step in the angle-like internal coordinate of a limited parameter. */
const MAX_LIMITED_STEP = 0.5;

interface State {
  x: Float64Array;
  f: number;
  g: Float64Array;
  g2: Float64Array;
}

/**
 * Minimises `fcn` over named parameters, MINUIT-style (F. James and M. Roos, "MINUIT: a system
 * for function minimization and analysis of the parameter errors and correlations",
 * Comput. Phys. Commun. 10 (1975) 343):
 * 1. MIGRAD: variable-metric descent (BFGS update of the inverse Hessian) with central-difference
 *    gradients and a parabolic line search; limited parameters move in MINUIT's sin/sqrt internal
 *    coordinates; stops when edm = ½ gᵀVg < 0.002·tolerance·errorDef.
 * 2. HESSE: the full Hessian by finite differences at the minimum (steps ~0.1σ); covariance =
 *    2·errorDef·H⁻¹, carried to external coordinates with the transform's Jacobian. If HESSE finds
 *    edm above the target, MIGRAD resumes from the HESSE matrix (up to 3 times).
 *
 * `valid` is false when the call limit was hit, the line search failed before convergence, or the
 * Hessian is not positive definite; then `accurateCovariance` is false and the covariance is the
 * variable-metric (BFGS) approximation (see `message`).
 *
 * No maintained JavaScript library provides a minimiser with Hessian-based covariance, hence this one.
 *
 * @example
 * const fit = minimize(
 *   (p) => ((p.a - 1) / 0.1) ** 2 + ((p.b - 2) / 0.2) ** 2,
 *   [{ name: 'a', start: 0 }, { name: 'b', start: 0, limits: [0, 10] }],
 * );
 * fit.values.a; // ≈ 1, fit.errors.a ≈ 0.1
 */
export function minimize<P extends string>(
  fcn: (p: Readonly<Record<P, number>>) => number,
  parameters: readonly ParameterSpec<P>[],
  options: MinimizeOptions = {},
): FitResult<P> {
  const up = options.errorDef ?? 1;
  const tolerance = options.tolerance ?? 0.1;
  if (!(up > 0)) throw new ValidationError(`minimize: errorDef ${up}; expected > 0 (1 for chi2, 0.5 for -ln L)`);
  if (!(tolerance > 0)) throw new ValidationError(`minimize: tolerance ${tolerance}; expected > 0`);
  const names = parameters.map((p) => p.name);
  const specs = parameters.map((p) => validateSpec(p, names));
  const free = specs.filter((s) => !s.fixed);
  const n = free.length;
  const maxCalls = options.maxCalls ?? 500 + 200 * n + 10 * n * n;
  const edmTarget = 0.002 * tolerance * up;

  // Evaluation in internal coordinates; NaN/±Infinity count as +Infinity so that searches back off.
  const external = Object.fromEntries(specs.map((s) => [s.name, s.start])) as Record<P, number>;
  let calls = 0;
  const evaluate = (x: Float64Array): number => {
    const p = { ...external };
    for (let i = 0; i < n; i++) {
      const s = free[i] as NormalizedSpec<P>;
      p[s.name] = toExternal(s.limits, x[i] as number);
    }
    calls++;
    const v = fcn(p);
    return Number.isFinite(v) ? v : Infinity;
  };

  const x0 = new Float64Array(n);
  const h = new Float64Array(n);
  const hMin = new Float64Array(n);
  const hMax = new Float64Array(n);
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
    hMin[i] = 1e-9 * Math.max(Math.abs(xi), stepInt);
    hMax[i] = limited ? MAX_LIMITED_STEP : Infinity;
  }

  const f0 = evaluate(x0);
  if (!Number.isFinite(f0)) {
    throw new FitError(`minimize: the function is not finite at the start values ${JSON.stringify(external)}`);
  }
  if (n === 0) {
    return buildResult(specs, free, new Float64Array(0), [], f0, 0, true, true, calls, 'no free parameters', options.nData);
  }

  // Numerical first and second (diagonal) derivatives; the step follows the estimated error.
  const gradient = (x: Float64Array, f: number): { g: Float64Array; g2: Float64Array } => {
    const g = new Float64Array(n);
    const g2 = new Float64Array(n);
    const xs = Float64Array.from(x);
    for (let i = 0; i < n; i++) {
      let hi = h[i] as number;
      const xi = x[i] as number;
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
      if (c > 0 && Number.isFinite(c)) {
        const sigma = Math.sqrt((2 * up) / c);
        h[i] = Math.min(Math.max(GRADIENT_STEP_IN_SIGMA * sigma, hMin[i] as number), hMax[i] as number);
      }
    }
    return { g, g2 };
  };

  const initialMetric = (g2: Float64Array): Float64Array[] =>
    diagonal(
      Float64Array.from(g2, (c, i) => {
        if (c > 0 && Number.isFinite(c)) return 1 / c;
        // Non-convex along this axis: assume the error is of the order of the initial step.
        const s = Math.max(h[i] as number, (hMin[i] as number) * 1e3) / GRADIENT_STEP_IN_SIGMA;
        return (s * s) / (2 * up);
      }),
    );

  let state: State = { x: x0, f: f0, ...gradient(x0, f0) };
  let v = initialMetric(state.g2);
  let message = '';
  let converged = false;
  let hessian: { cov: Float64Array[]; edm: number } | undefined;
  let edm = Infinity;

  for (let restart = 0; restart <= MAX_RESTARTS; restart++) {
    const run = migrad(state, v);
    state = run.state;
    v = run.v;
    edm = run.edm;
    converged = run.converged;
    message = run.message;
    if (!converged) break;
    hessian = hesse(state);
    if (!hessian) {
      message = 'converged, but the Hessian is not positive definite; covariance is the variable-metric (BFGS) approximation';
      break;
    }
    edm = hessian.edm;
    if (edm < edmTarget) {
      message = 'converged';
      break;
    }
    // HESSE says the minimum is not reached: resume with the better metric.
    v = hessian.cov;
    converged = false;
    message = `edm ${edm.toExponential(2)} after HESSE above target ${edmTarget.toExponential(2)}`;
    hessian = undefined;
    if (calls >= maxCalls) break;
  }

  const accurate = hessian !== undefined;
  const covInt = hessian ? hessian.cov : v;
  return buildResult(specs, free, state.x, covInt, state.f, edm, converged && accurate, accurate, calls, message, options.nData, up);

  function migrad(start: State, v0: Float64Array[]): { state: State; v: Float64Array[]; edm: number; converged: boolean; message: string } {
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
      if (e < edmTarget) return { state: s, v: metric, edm: e, converged: true, message: 'converged' };
      if (calls >= maxCalls) return { state: s, v: metric, edm: e, converged: false, message: `call limit ${maxCalls} reached (edm ${e.toExponential(2)})` };
      const step = lineSearch(s.x, s.f, d, slope);
      if (!step) {
        if (!fresh) {
          metric = initialMetric(s.g2);
          fresh = true;
          continue;
        }
        return { state: s, v: metric, edm: e, converged: false, message: `line search found no lower value (edm ${e.toExponential(2)})` };
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
    let best = { alpha: 0, f: f0 };
    let alpha = 1;
    let fa = evaluate(at(alpha));
    if (fa < f0) {
      best = { alpha, f: fa };
      // Parabola through f(0), f'(0) and f(1): try its minimum if it is clearly elsewhere.
      const c = fa - f0 - slope;
      if (c > 0) {
        const star = Math.min(-slope / (2 * c), 4);
        if (star > 1.5 || star < 0.7) {
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

  function hesse(s: State): { cov: Float64Array[]; edm: number } | undefined {
    const x = s.x;
    const f = s.f;
    const step = new Float64Array(n);
    const hm = Array.from({ length: n }, () => new Float64Array(n));
    const xs = Float64Array.from(x);
    for (let i = 0; i < n; i++) {
      const xi = x[i] as number;
      let c = s.g2[i] as number;
      let di = c > 0 ? HESSE_STEP_IN_SIGMA * Math.sqrt((2 * up) / c) : (h[i] as number) / GRADIENT_STEP_IN_SIGMA * HESSE_STEP_IN_SIGMA;
      // A few cycles: the step follows the second derivative it measures.
      for (let cycle = 0; cycle < 3; cycle++) {
        di = Math.min(Math.max(di, hMin[i] as number), hMax[i] as number);
        xs[i] = xi + di;
        const fp = evaluate(xs);
        xs[i] = xi - di;
        const fm = evaluate(xs);
        xs[i] = xi;
        c = (fp + fm - 2 * f) / (di * di);
        if (!(c > 0) || !Number.isFinite(c)) break;
        const next = HESSE_STEP_IN_SIGMA * Math.sqrt((2 * up) / c);
        const stable = Math.abs(next - di) < 0.1 * di;
        di = next;
        if (stable) break;
      }
      step[i] = Math.min(Math.max(di, hMin[i] as number), hMax[i] as number);
      (hm[i] as Float64Array)[i] = c;
    }
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < i; j++) {
        const di = step[i] as number;
        const dj = step[j] as number;
        const fpp = evalShift(xs, i, di, j, dj);
        const fpm = evalShift(xs, i, di, j, -dj);
        const fmp = evalShift(xs, i, -di, j, dj);
        const fmm = evalShift(xs, i, -di, j, -dj);
        const hij = (fpp - fpm - fmp + fmm) / (4 * di * dj);
        (hm[i] as Float64Array)[j] = hij;
        (hm[j] as Float64Array)[i] = hij;
      }
    }
    // The diagonal was measured with step[i] too, except when the cycle ended on a new step.
    for (let i = 0; i < n; i++) {
      const di = step[i] as number;
      const fp = evalShift(xs, i, di, i, 0);
      const fm = evalShift(xs, i, -di, i, 0);
      (hm[i] as Float64Array)[i] = (fp + fm - 2 * f) / (di * di);
    }
    const l = cholesky(hm);
    if (!l) return undefined;
    const cov = inverseFromCholesky(l);
    // The MIGRAD gradient (steps of 1e-3 sigma) is far more accurate than the one from the
    // 0.1-sigma HESSE steps, whose truncation error would dominate edm in curved valleys.
    const e = 0.5 * dot(s.g, matVec(cov, s.g));
    return { cov, edm: e };
  }

  function evalShift(xs: Float64Array, i: number, di: number, j: number, dj: number): number {
    const xi = xs[i] as number;
    const xj = xs[j] as number;
    xs[i] = xi + di;
    xs[j] = (xs[j] as number) + dj;
    const v = evaluate(xs);
    xs[i] = xi;
    xs[j] = xj;
    return v;
  }
}

/** BFGS update of the inverse-Hessian approximation (Nocedal & Wright, Numerical Optimization, eq. 6.17). */
function bfgsUpdate(v: Float64Array[], s: Float64Array, y: Float64Array, sy: number): Float64Array[] {
  const n = s.length;
  const vy = matVec(v, y);
  const yvy = dot(y, vy);
  const a = (sy + yvy) / (sy * sy);
  return v.map((row, i) => {
    const out = new Float64Array(n);
    const si = s[i] as number;
    const vyi = vy[i] as number;
    for (let j = 0; j < n; j++) {
      out[j] = (row[j] as number) + a * si * (s[j] as number) - (vyi * (s[j] as number) + si * (vy[j] as number)) / sy;
    }
    return out;
  });
}

interface NormalizedSpec<P extends string> {
  name: P;
  start: number;
  step: number;
  limits: Limits;
  fixed: boolean;
}

function validateSpec<P extends string>(p: ParameterSpec<P>, names: readonly P[]): NormalizedSpec<P> {
  if (names.indexOf(p.name) !== names.lastIndexOf(p.name)) throw new ValidationError(`minimize: parameter name '${p.name}' appears twice`);
  if (!Number.isFinite(p.start)) throw new ValidationError(`minimize: parameter '${p.name}' start ${p.start}; expected a finite number`);
  const step = p.step ?? (p.start !== 0 ? 0.1 * Math.abs(p.start) : 0.1);
  if (!(step > 0) || !Number.isFinite(step)) throw new ValidationError(`minimize: parameter '${p.name}' step ${p.step}; expected a finite number > 0`);
  const limits = limitsOf(p.limits);
  if (p.limits) {
    const [lo, hi] = p.limits;
    if (!(lo < hi)) throw new ValidationError(`minimize: parameter '${p.name}' limits [${lo}, ${hi}]; expected lo < hi`);
    if (!p.fixed && (p.start < lo || p.start > hi)) {
      throw new ValidationError(`minimize: parameter '${p.name}' start ${p.start} outside its limits [${lo}, ${hi}]`);
    }
  }
  return { name: p.name, start: p.start, step, limits, fixed: p.fixed ?? false };
}

function buildResult<P extends string>(
  specs: readonly NormalizedSpec<P>[],
  free: readonly NormalizedSpec<P>[],
  x: Float64Array,
  covInt: readonly Float64Array[],
  fmin: number,
  edm: number,
  valid: boolean,
  accurate: boolean,
  calls: number,
  message: string,
  nData: number | undefined,
  up = 1,
): FitResult<P> {
  const m = specs.length;
  const values = {} as Record<P, number>;
  const errors = {} as Record<P, number>;
  const covariance = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  const freeIndex = free.map((s) => specs.indexOf(s));
  const jac = free.map((s, k) => externalDerivative(s.limits, x[k] as number));
  const atLimit: P[] = [];
  for (const s of specs) values[s.name] = s.start;
  free.forEach((s, k) => {
    const ext = toExternal(s.limits, x[k] as number);
    values[s.name] = ext;
    const { lo, hi } = s.limits;
    const scale = s.limits.kind === 'both' ? hi - lo : Math.max(1, Math.abs(s.limits.kind === 'lower' ? lo : hi));
    if (s.limits.kind !== 'none' && Math.min(ext - lo, hi - ext) < 1e-3 * scale) atLimit.push(s.name);
  });
  for (let a = 0; a < free.length; a++) {
    for (let b = 0; b < free.length; b++) {
      const c = 2 * up * (jac[a] as number) * (jac[b] as number) * ((covInt[a] as Float64Array | undefined)?.[b] ?? 0);
      (covariance[freeIndex[a] as number] as number[])[freeIndex[b] as number] = c;
    }
  }
  specs.forEach((s, i) => {
    errors[s.name] = Math.sqrt(Math.max(0, (covariance[i] as number[])[i] as number));
  });
  const correlation = covariance.map((row, i) =>
    row.map((c, j) => {
      const d = Math.sqrt(((covariance[i] as number[])[i] as number) * ((covariance[j] as number[])[j] as number));
      return d > 0 ? c / d : 0;
    }),
  );
  if (atLimit.length > 0) message += `; at limit: ${atLimit.join(', ')} (errors there are unreliable)`;
  return {
    parameters: specs.map((s) => s.name),
    values,
    errors,
    covariance,
    correlation,
    chi2: fmin,
    ndof: nData === undefined ? 0 : nData - free.length,
    edm,
    valid,
    accurateCovariance: accurate,
    atLimit,
    calls,
    message,
  };
}
