import { ValidationError } from '@nucal/core';
import { integrateWithError } from '../integrate/gauss-kronrod.js';
import { LANDAU_MPV_STANDARD } from '../random/landau.js';
import { landauPdf } from './landau.js';
import { normalPdf } from './normal.js';

/** Half-width of the Gaussian window of the convolution, in sigma (the rest is < 2e-15). */
const WINDOW_SIGMA = 8;

/**
 * Landau convolved with a Gaussian ("langau"), normalised to 1 over x: the usual model of a
 * deposited charge (Landau straggling) measured with Gaussian noise.
 *   langau(x) = ∫ landauPdf(x', mpv - LANDAU_MPV_STANDARD·width, width) · N(x - x'; 0, sigma) dx'
 * The Landau part is placed so that its own most probable value is `mpv` (the convolution's
 * maximum moves slightly with sigma). Computed by adaptive G7–K15 over ±8σ, split at the Landau
 * peak (relative accuracy ~1e-7); sigma = 0 gives the Landau density.
 *
 * @param x - the variable (e.g. dQ/dx in ADC/cm)
 * @param mpv - most probable value of the Landau component (same unit)
 * @param width - Landau scale parameter (> 0, same unit)
 * @param sigma - Gaussian standard deviation (>= 0, same unit)
 * @example
 * const p = langauPdf(1.8, 1.7, 0.05, 0.08);
 */
export function langauPdf(x: number, mpv: number, width: number, sigma: number): number {
  if (!(width > 0)) throw new ValidationError(`langauPdf: width ${width}; expected > 0`);
  if (!(sigma >= 0) || !Number.isFinite(sigma)) throw new ValidationError(`langauPdf: sigma ${sigma}; expected a finite number >= 0`);
  const location = mpv - LANDAU_MPV_STANDARD * width;
  if (sigma === 0) return landauPdf(x, location, width);
  const f = (xp: number): number => landauPdf(xp, location, width) * normalPdf(x - xp, 0, sigma);
  const lo = x - WINDOW_SIGMA * sigma;
  const hi = x + WINDOW_SIGMA * sigma;
  const opts = { relTol: 1e-7, absTol: 1e-14 / width };
  if (mpv > lo && mpv < hi) {
    return integrateWithError(f, lo, mpv, opts).value + integrateWithError(f, mpv, hi, opts).value;
  }
  return integrateWithError(f, lo, hi, opts).value;
}
