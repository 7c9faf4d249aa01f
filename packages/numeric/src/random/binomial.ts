import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { logFactorial } from '../special/log-gamma.js';

/** Below this n*min(p, 1-p), inversion (about n*p + 1 steps) beats BTRS. */
const INVERSION_MAX_NP = 10;

/**
 * Binomial deviate (number of successes in n trials of probability p), exact.
 * - n*min(p,1-p) < 10: inversion by sequential search.
 * - otherwise BTRS, transformed rejection with squeeze (W. Hörmann, "The generation of binomial
 *   random variates", J. Statist. Comput. Simul. 46 (1993) 101).
 *
 * @param n - number of trials (integer >= 0)
 * @param p - success probability in [0, 1]
 * @example
 * const detected = binomial(rng, photons, 0.3); // photons after a 30% efficient PMT
 */
export function binomial(rng: RandomSource, n: number, p: number): number {
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`binomial: n = ${n}; expected an integer >= 0`);
  if (!(p >= 0 && p <= 1)) throw new ValidationError(`binomial: p = ${p}; expected a probability in [0, 1]`);
  if (n === 0 || p === 0) return 0;
  if (p === 1) return n;
  const flip = p > 0.5;
  const q = flip ? 1 - p : p;
  const k = n * q < INVERSION_MAX_NP ? binomialInversion(rng, n, q) : binomialBtrs(rng, n, q);
  return flip ? n - k : k;
}

function binomialInversion(rng: RandomSource, n: number, p: number): number {
  const ratio = p / (1 - p);
  const p0 = Math.exp(n * Math.log1p(-p));
  for (;;) {
    let u = rng.uniform();
    let prob = p0;
    let k = 0;
    while (u > prob && k < n) {
      u -= prob;
      k += 1;
      prob *= (ratio * (n - k + 1)) / k;
    }
    // u left over after k = n is round-off only: draw again rather than bias the top bin.
    if (u <= prob) return k;
  }
}

function binomialBtrs(rng: RandomSource, n: number, p: number): number {
  const q = 1 - p;
  const spq = Math.sqrt(n * p * q);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const m = Math.floor((n + 1) * p);
  const logPq = Math.log(p / q);
  const h = logFactorial(m) + logFactorial(n - m);
  for (;;) {
    const u = rng.uniform() - 0.5;
    const v = rng.uniform();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    if (us >= 0.07 && v <= vr) return k;
    const lhs = Math.log((v * alpha) / (a / (us * us) + b));
    if (lhs <= h - logFactorial(k) - logFactorial(n - k) + (k - m) * logPq) return k;
  }
}
