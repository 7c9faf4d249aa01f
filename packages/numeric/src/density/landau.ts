import { ValidationError } from '@nucal/core';
import { integrate } from '../integrate/gauss-kronrod.js';
import { brent } from '../roots/brent.js';
import { naturalCubicSpline } from '../interpolate/cubic-spline.js';

/*
 * The standard Landau density φ(λ) = (1/π) ∫₀^∞ exp(-t ln t - λt) sin(πt) dt is the stable law
 * α = 1, β = 1 with scale π/2 and shift ln(π/2). Nolan's integral (J.P. Nolan, Commun. Statist.-
 * Stochastic Models 13 (1997) 759, Theorem 1) then becomes, with φ ∈ (0, π) and
 *   ln U(φ) = ln φ - ln sin φ - φ cot φ   (increasing from -1 to +∞),   w = exp(ln U(φ) - λ):
 *   density  φ(λ) = (1/π) ∫₀^π w e^{-w} dφ,      CDF  Φ(λ) = (1/π) ∫₀^π e^{-w} dφ.
 * Both integrands are smooth, positive bumps (no oscillation), peaked where ln U = λ, so an
 * adaptive Gauss–Kronrod split at the peak gives ~1e-12 accuracy. This replaces CERNLIB DENLAN's
 * rational approximations (7 significant digits) by a directly derived, more accurate form.
 */

const HALF_PI = Math.PI / 2;

/** ln U at φ = v, for v in (0, π/2] (increasing from -1 to ln(π/2)). */
function logULower(v: number): number {
  if (v < 1e-4) return -1 + (v * v) / 6; // φ/sin φ → 1, φ cot φ → 1 - φ²/3
  return Math.log(v / Math.sin(v)) - (v * Math.cos(v)) / Math.sin(v);
}

/**
 * ln U at φ = π - v, for v in (0, π/2] (decreasing from +∞ to ln(π/2)). Written in v = π - φ
 * so that the far tail (peak at v ≈ π/λ) keeps full relative precision.
 */
function logUUpper(v: number): number {
  return Math.log((Math.PI - v) / Math.sin(v)) + ((Math.PI - v) * Math.cos(v)) / Math.sin(v);
}

/**
 * ∫₀^{π/2} h(lnU(v) - λ) dv for one half, broken around the peak where lnU = λ: the bump is
 * ~1/|d lnU/dv| wide, far narrower than π/2 in the tails, so every piece must see its part.
 */
function half(logUHalf: (v: number) => number, h: (t: number) => number, lambda: number): number {
  const f = (v: number): number => h(logUHalf(v) - lambda);
  const opts = { relTol: 1e-11, absTol: 1e-300, maxSubdivisions: 2000 };
  const g0 = logUHalf(1e-300 + 0) - lambda;
  const g1 = logUHalf(HALF_PI) - lambda;
  if (Math.sign(g0) === Math.sign(g1)) return integrate(f, 0, HALF_PI, opts);
  // the peak in u = ln v: relative precision even when it sits at v ~ 1e-12
  const u = brent((t) => logUHalf(Math.exp(t)) - lambda, Math.log(1e-300), Math.log(HALF_PI), { tol: 1e-13 });
  const p = Math.exp(u);
  const eps = 1e-6 * p;
  const width = Math.abs((2 * eps) / (logUHalf(p + eps) - logUHalf(p - eps)));
  const cuts = [p - 30 * width, p - 3 * width, p, p + 3 * width, p + 30 * width, HALF_PI];
  let total = 0;
  let lo = 0;
  for (const c of cuts) {
    if (c > lo && c <= HALF_PI) {
      total += integrate(f, lo, c, opts);
      lo = c;
    }
  }
  return total;
}

const densityKernel = (t: number): number => {
  const w = Math.exp(t);
  return w > 800 ? 0 : w * Math.exp(-w);
};
const cdfKernel = (t: number): number => Math.exp(-Math.exp(t));

function nolanIntegral(lambda: number, densityNotCdf: boolean): number {
  const h = densityNotCdf ? densityKernel : cdfKernel;
  return (half(logULower, h, lambda) + half(logUUpper, h, lambda)) / Math.PI;
}

/** Standard Landau density φ(λ) by direct integration (~1e-12 relative, ~20 µs). */
export function landauDensityExact(lambda: number): number {
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda < -12) return 0; // w >= e^11: below 1e-300
  return nolanIntegral(lambda, true);
}

/*
 * Fast path: φ from tables of the exact integral, built once on first use (~0.2 s):
 * - core, λ in [-4.5, 30]: natural cubic spline on a uniform 0.01 grid (evaluated by direct
 *   indexing, no search); largest error 2e-11 absolute (1.1e-10 of the peak 0.1807);
 * - right tail, λ in (30, 1e4]: λ² φ(λ) as a natural cubic spline in ln λ (0.01 grid), relative
 *   error < 1e-10; both tables extend beyond the range they serve so that the natural end
 *   conditions' error stays outside;
 * - beyond: the asymptotic forms of CERNLIB DENLAN (G110; K.S. Kölbig and B. Schorr, CPC 31 (1984)
 *   97), u = e^{λ+1}, φ ≈ e^{-1/u}/√(2πu) (1 + u/24 - ...) below λ = -4.5 (relative error < 5e-8,
 *   φ < 1e-14 there) and u = 1/(λ - λ ln λ/(λ+1)), φ ≈ u² (1 - 1.8456 u - 4.2846 u²) above 1e4
 *   (relative error < 5e-11). The direct integral loses accuracy beyond λ ≈ 1e5 (λ and ln U
 *   cancel), so the tail is not left to it.
 */
const CORE_LO = -5.5;
const CORE_HI = 30;
const CORE_STEP = 0.01;
const LEFT_ASYMPTOTIC = -4.5;
const TAIL_HI = 1e4;
const TAIL_STEP = 0.01;
/** Tables reach a little past where they are used: the natural end conditions' error stays outside. */
const CORE_TABLE_HI = 32;
const TAIL_TABLE_LN_LO = Math.log(20);
const TAIL_TABLE_LN_HI = Math.log(2e4);

interface UniformSpline {
  readonly lo: number;
  readonly invStep: number;
  /** h²/6. */
  readonly h2over6: number;
  readonly y: Float64Array;
  readonly m: Float64Array;
}

function uniformSpline(lo: number, hi: number, step: number, f: (x: number) => number): UniformSpline {
  const n = Math.ceil((hi - lo) / step - 1e-9) + 1;
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    x[i] = lo + i * step;
    y[i] = f(x[i] as number);
  }
  const s = naturalCubicSpline(x, y);
  return { lo, invStep: 1 / step, h2over6: (step * step) / 6, y, m: s.secondDerivatives };
}

/** Cubic spline value on a uniform grid (the caller keeps x inside the table). */
function splineAt(t: UniformSpline, x: number): number {
  const u = (x - t.lo) * t.invStep;
  let i = Math.floor(u);
  if (i >= t.y.length - 1) i = t.y.length - 2;
  const b = u - i;
  const a = 1 - b;
  return a * (t.y[i] as number) + b * (t.y[i + 1] as number) + ((a * a * a - a) * (t.m[i] as number) + (b * b * b - b) * (t.m[i + 1] as number)) * t.h2over6;
}

let core: UniformSpline | undefined;
let tail: UniformSpline | undefined;

/**
 * Standard Landau density φ(λ) from the tables (see above): the fast path behind
 * {@link landauPdf} and the Landau⊗Gauss quadrature.
 */
export function standardLandauPdf(lambda: number): number {
  if (lambda >= LEFT_ASYMPTOTIC && lambda <= CORE_HI) {
    core ??= uniformSpline(CORE_LO, CORE_TABLE_HI, CORE_STEP, landauDensityExact);
    return splineAt(core, lambda);
  }
  if (lambda > CORE_HI) {
    if (lambda <= TAIL_HI) {
      tail ??= uniformSpline(TAIL_TABLE_LN_LO, TAIL_TABLE_LN_HI, TAIL_STEP, (s) => Math.exp(2 * s) * landauDensityExact(Math.exp(s)));
      return splineAt(tail, Math.log(lambda)) / (lambda * lambda);
    }
    if (lambda === Infinity) return 0;
    const u = 1 / (lambda - (lambda * Math.log(lambda)) / (lambda + 1));
    return u * u * (1 + (-1.84556867 - 4.284640743 * u) * u);
  }
  if (Number.isNaN(lambda)) return Number.NaN;
  const u = Math.exp(lambda + 1);
  if (u < 1e-10) return 0; // φ < e^{-1e10}
  return 0.3989422803 * (Math.exp(-1 / u) / Math.sqrt(u)) * (1 + (0.04166666667 + (-0.01996527778 + 0.02709538966 * u) * u) * u);
}

/**
 * Landau density with location and scale: φ((x - location)/scale) / scale, in the CERNLIB/ROOT
 * convention (ROOT's TMath::Landau(x, location, scale, true)). The most probable value is at
 * location - 0.22278 · scale. Tabulated from the exact integral (error below 2e-10 of the peak for
 * λ <= 30, below 1e-10 relative in the right tail; ~60 M evaluations/s after a one-time ~0.2 s
 * table build).
 *
 * @example
 * landauPdf(-0.22278298); // 0.1806556 (the peak)
 * landauPdf(xMeV, 1.7, 0.05);
 */
export function landauPdf(x: number, location = 0, scale = 1): number {
  if (!(scale > 0)) throw new ValidationError(`landauPdf: scale ${scale}; expected > 0`);
  return standardLandauPdf((x - location) / scale) / scale;
}

/**
 * Landau cumulative distribution Φ((x - location)/scale) by direct integration (~1e-12).
 * @example landauCdf(1.3557804); // 0.5 (the median)
 */
export function landauCdf(x: number, location = 0, scale = 1): number {
  if (!(scale > 0)) throw new ValidationError(`landauCdf: scale ${scale}; expected > 0`);
  const lambda = (x - location) / scale;
  if (Number.isNaN(lambda)) return Number.NaN;
  if (lambda < -12) return 0;
  return nolanIntegral(lambda, false);
}
