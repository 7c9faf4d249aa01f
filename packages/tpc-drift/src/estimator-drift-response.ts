import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { lifetimeProfile, type LifetimeFitOptions } from './lifetime-fit.js';
import { simulateLifetimeHits, type LifetimeToyConfig } from './lifetime-toy.js';

/** A smooth relative response of the per-bin estimator versus drift time. */
export interface EstimatorDriftResponse {
  /** Coefficients of 1 + a t + b t^2, t in ms. */
  readonly aPerMs: number;
  readonly bPerMs2: number;
  /** The response at a drift time, us (1 at t = 0). */
  at(driftTimeUs: number): number;
}

/**
 * How the per-bin dQ/dx estimator changes along the drift without attenuation: the lifetime
 * toy ({@link simulateLifetimeHits}) is run with an infinite lifetime, the estimator profiled
 * as in the lifetime fit, and a quadratic 1 + a t + b t^2 fitted (weighted least squares) to
 * the profile normalised at t = 0. Pass `r.at` as `driftCorrection` to the lifetime fit.
 * With diffusion on, the estimator rises along the drift because neighbouring wires share
 * charge (Landau deposits averaged: arXiv:2205.06745); noise alone changes it little.
 *
 * @example
 * const resp = estimatorDriftResponse({ hitsPerTpc: 100_000 }, createRng('resp'), { estimator: 'truncated-mean' });
 * fitLifetimes(hits, { driftCorrection: resp.at });
 */
export function estimatorDriftResponse(
  toy: Omit<LifetimeToyConfig, 'lifetimesMs'>,
  rng: RandomSource,
  fit: Omit<LifetimeFitOptions, 'driftCorrection'> = {},
): EstimatorDriftResponse {
  const { hits, truth } = simulateLifetimeHits({ ...toy, lifetimesMs: () => Infinity }, rng);
  // Every TPC has the same drift length and field, so they are profiled together.
  const p = lifetimeProfile(hits.driftTimeUs, hits.dQdx, { ...fit, driftTimeRangeUs: [0, truth.fullDriftTimeUs] });
  if (p.driftTimeUs.length < 3) throw new ValidationError(`estimator response: ${p.driftTimeUs.length} usable bins, expected at least 3`);
  // Weighted least squares of y = c0 + c1 t + c2 t^2 (t in ms), then normalised by c0.
  const m = new Float64Array(9);
  const v = new Float64Array(3);
  for (let i = 0; i < p.driftTimeUs.length; i++) {
    const tm = p.driftTimeUs[i]! / 1000;
    const w = 1 / p.error[i]! ** 2;
    const basis = [1, tm, tm * tm];
    for (let r = 0; r < 3; r++) {
      v[r]! += w * basis[r]! * p.value[i]!;
      for (let c = 0; c < 3; c++) m[3 * r + c]! += w * basis[r]! * basis[c]!;
    }
  }
  const [c0, c1, c2] = solve3(m, v);
  const a = c1 / c0;
  const b = c2 / c0;
  return { aPerMs: a, bPerMs2: b, at: (driftTimeUs: number) => 1 + a * (driftTimeUs / 1000) + b * (driftTimeUs / 1000) ** 2 };
}

/** Solves a 3x3 system (row-major) by Cramer's rule. */
function solve3(m: Float64Array, v: Float64Array): [number, number, number] {
  const det = (a: ArrayLike<number>): number =>
    a[0]! * (a[4]! * a[8]! - a[5]! * a[7]!) - a[1]! * (a[3]! * a[8]! - a[5]! * a[6]!) + a[2]! * (a[3]! * a[7]! - a[4]! * a[6]!);
  const d = det(m);
  const col = (k: number): number => {
    const a = Float64Array.from(m);
    for (let r = 0; r < 3; r++) a[3 * r + k] = v[r]!;
    return det(a) / d;
  };
  return [col(0), col(1), col(2)];
}
