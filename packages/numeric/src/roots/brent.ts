import { FitError, ValidationError } from '@nucal/core';

/** Options of {@link brent}. */
export interface BrentOptions {
  /** Absolute tolerance on the root (default 1e-12 · max(1, |root|) plus 4 ulp). */
  tol?: number;
  /** Maximum iterations (default 200). */
  maxIterations?: number;
}

/**
 * Root of f in [a, b] by Brent's method (R.P. Brent, "Algorithms for Minimization without
 * Derivatives", Prentice-Hall 1973, ch. 4, procedure zero): inverse quadratic interpolation and
 * secant steps, falling back to bisection, so it converges whenever f(a) and f(b) differ in sign.
 *
 * @throws ValidationError when the root is not bracketed (f(a), f(b) of the same sign), naming them
 * @example
 * const t = brent((x) => x * x - 2, 0, 2); // √2
 */
export function brent(f: (x: number) => number, a: number, b: number, options: BrentOptions = {}): number {
  const maxIterations = options.maxIterations ?? 200;
  let fa = f(a);
  let fb = f(b);
  if (Number.isNaN(fa) || Number.isNaN(fb)) throw new ValidationError(`brent: f(${a}) = ${fa}, f(${b}) = ${fb}; expected numbers`);
  if (fa === 0) return a;
  if (fb === 0) return b;
  if (Math.sign(fa) === Math.sign(fb)) {
    throw new ValidationError(`brent: root not bracketed: f(${a}) = ${fa} and f(${b}) = ${fb} have the same sign; expected a sign change on [a, b]`);
  }
  let c = a;
  let fc = fa;
  let d = b - a;
  let e = d;
  for (let iter = 0; iter < maxIterations; iter++) {
    if (Math.sign(fb) === Math.sign(fc)) {
      c = a;
      fc = fa;
      d = b - a;
      e = d;
    }
    if (Math.abs(fc) < Math.abs(fb)) {
      a = b;
      b = c;
      c = a;
      fa = fb;
      fb = fc;
      fc = fa;
    }
    const tol = 2 * Number.EPSILON * Math.abs(b) + 0.5 * (options.tol ?? 1e-12 * Math.max(1, Math.abs(b)));
    const m = 0.5 * (c - b);
    if (Math.abs(m) <= tol || fb === 0) return b;
    if (Math.abs(e) >= tol && Math.abs(fa) > Math.abs(fb)) {
      // interpolation: secant when a == c, inverse quadratic otherwise
      const s = fb / fa;
      let p: number;
      let q: number;
      if (a === c) {
        p = 2 * m * s;
        q = 1 - s;
      } else {
        const qq = fa / fc;
        const r = fb / fc;
        p = s * (2 * m * qq * (qq - r) - (b - a) * (r - 1));
        q = (qq - 1) * (r - 1) * (s - 1);
      }
      if (p > 0) q = -q;
      else p = -p;
      if (2 * p < Math.min(3 * m * q - Math.abs(tol * q), Math.abs(e * q))) {
        e = d;
        d = p / q;
      } else {
        d = m;
        e = m;
      }
    } else {
      d = m;
      e = m;
    }
    a = b;
    fa = fb;
    b += Math.abs(d) > tol ? d : m > 0 ? tol : -tol;
    fb = f(b);
    if (Number.isNaN(fb)) throw new FitError(`brent: f(${b}) is NaN during the search`);
  }
  throw new FitError(`brent: no convergence in ${maxIterations} iterations (last bracket [${b}, ${c}])`);
}
