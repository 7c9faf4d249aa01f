import type { RandomSource } from '@nucal/core';
import { FitError, ValidationError } from '@nucal/core';
import { chi2Fit } from '@nucal/numeric';
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
  // Least squares of y = c0 (1 + a t + b t^2) (t in ms): the normalisation c0 is a parameter,
  // so a and b come with the covariance of a proper fit.
  let y0 = 0;
  for (let i = 0; i < p.value.length; i++) y0 += p.value[i]! / p.value.length;
  const tMaxMs = p.driftTimeUs[p.driftTimeUs.length - 1]! / 1000;
  const quadratic = chi2Fit({
    x: Array.from(p.driftTimeUs, (t) => t / 1000),
    y: p.value,
    sigma: p.error,
    model: (tm, q) => q.c0 * (1 + tm * (q.aPerMs + tm * q.bPerMs2)),
    parameters: [
      { name: 'c0', start: y0, step: 1e-3 * y0 },
      { name: 'aPerMs', start: 0, step: 1e-3 / tMaxMs },
      { name: 'bPerMs2', start: 0, step: 1e-3 / (tMaxMs * tMaxMs) },
    ],
  });
  if (!quadratic.valid) throw new FitError(`estimator response: quadratic fit did not converge: ${quadratic.message}`);
  const a = quadratic.values.aPerMs;
  const b = quadratic.values.bPerMs2;
  return { aPerMs: a, bPerMs2: b, at: (driftTimeUs: number) => 1 + a * (driftTimeUs / 1000) + b * (driftTimeUs / 1000) ** 2 };
}
