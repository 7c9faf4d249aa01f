import { z } from 'zod';
import type { RandomSource } from '@nucal/core';
import { OutOfRangeError } from '@nucal/core';
import { normal, physicalConstants } from '@nucal/numeric';

const MICHEL_ENDPOINT_MEV: number = physicalConstants.michelEndpointMeV;

/**
 * Michel spectrum of the electron from muon decay at rest, neglecting the electron mass and
 * radiative corrections (L. Michel, Proc. Phys. Soc. A 63 (1950) 514; PDG review "Muon decay
 * parameters"): dGamma/dx proportional to x^2 [3(1 - x) + (2 rho / 3)(4x - 3)], x = E / E_max,
 * E_max = (m_mu^2 + m_e^2) / (2 m_mu) = 52.83 MeV. Normalised on [0, 1]; for rho = 3/4 it is
 * 6x^2 - 4x^3.
 *
 * @example michelPdf(1) // 2 (rho = 3/4)
 */
export function michelPdf(x: number, rho = 0.75): number {
  if (x < 0 || x > 1) return 0;
  return 4 * x * x * (3 * (1 - x) + ((2 * rho) / 3) * (4 * x - 3));
}

/** CDF of {@link michelPdf}: 4x^3 - 3x^4 + (8 rho / 3)(x^4 - x^3). */
export function michelCdf(x: number, rho = 0.75): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const x3 = x * x * x;
  return 4 * x3 - 3 * x3 * x + ((8 * rho) / 3) * (x3 * x - x3);
}

/**
 * Michel electron total energy, MeV, drawn by inverting the CDF with Newton steps
 * (monotone on [0, 1] for 0 <= rho <= 1; converges to 1e-12 in a few steps).
 *
 * @example sampleMichelEnergyMeV(rng) // in [0, 52.83]
 */
export function sampleMichelEnergyMeV(rng: RandomSource, rho = 0.75): number {
  const u = rng.uniform();
  let x = Math.cbrt(u);
  for (let i = 0; i < 30; i++) {
    const f = michelCdf(x, rho) - u;
    const d = michelPdf(x, rho);
    if (d <= 0) break;
    const step = f / d;
    x = Math.min(1, Math.max(1e-9, x - step));
    if (Math.abs(step) < 1e-12) break;
  }
  return x * MICHEL_ENDPOINT_MEV;
}

/**
 * A simple detector model of the visible Michel energy, chosen for speed and stated openly:
 * (1) a fraction f of the electron energy is lost to bremsstrahlung photons that convert far
 * from the track or escape, f exponential with mean `meanLostFraction` (capped at
 * `maxLostFraction`); (2) the remaining energy is smeared by a Gaussian of relative width
 * sqrt(stochastic^2 / E + constant^2). This reproduces the shape seen in LArTPCs (a softened
 * edge below 50 MeV and a long low tail; MicroBooNE, JINST 12 (2017) P09014) without a shower
 * simulation.
 */
export const MichelResponseSchema = z.object({
  rho: z.number().min(0).max(1).default(0.75).describe('Michel parameter rho'),
  meanLostFraction: z.number().min(0).max(0.9).default(0.15).describe('mean fraction of the electron energy lost to photons'),
  maxLostFraction: z.number().min(0).max(1).default(0.9),
  stochasticSqrtMeV: z.number().min(0).default(0.4).describe('stochastic resolution term, sqrt(MeV)'),
  constant: z.number().min(0).default(0.05).describe('constant relative resolution term'),
});
export type MichelResponse = z.infer<typeof MichelResponseSchema>;
export type MichelResponseInput = z.input<typeof MichelResponseSchema>;

/**
 * Visible energy, MeV, of a Michel electron of true energy `energyMeV` under {@link MichelResponseSchema}.
 *
 * @example visibleMichelEnergyMeV(rng, 40, MichelResponseSchema.parse({}))
 */
export function visibleMichelEnergyMeV(rng: RandomSource, energyMeV: number, response: MichelResponse): number {
  if (!(energyMeV >= 0)) throw new OutOfRangeError(`Michel energy ${energyMeV} MeV: expected >= 0`);
  const lost = response.meanLostFraction > 0 ? Math.min(response.maxLostFraction, -response.meanLostFraction * Math.log(1 - rng.uniform())) : 0;
  const e = energyMeV * (1 - lost);
  if (e <= 0) return 0;
  const rel = Math.sqrt((response.stochasticSqrtMeV * response.stochasticSqrtMeV) / e + response.constant * response.constant);
  return Math.max(0, normal(rng, e, rel * e));
}

/**
 * Expected visible-energy spectrum of {@link visibleMichelEnergyMeV} on a grid (density per MeV,
 * normalised), computed by numerical convolution: the template for the Michel energy-scale fit.
 *
 * @example const t = michelVisibleSpectrum(MichelResponseSchema.parse({}), 0, 70, 141);
 */
export function michelVisibleSpectrum(response: MichelResponse, loMeV: number, hiMeV: number, points: number): { energyMeV: Float64Array; density: Float64Array } {
  if (!(hiMeV > loMeV) || points < 3) throw new OutOfRangeError(`spectrum grid [${loMeV}, ${hiMeV}] with ${points} points: expected hi > lo and >= 3 points`);
  const energyMeV = new Float64Array(points);
  const density = new Float64Array(points);
  const step = (hiMeV - loMeV) / (points - 1);
  for (let i = 0; i < points; i++) energyMeV[i] = loMeV + i * step;
  // Integrate over true energy x and lost fraction f with midpoint grids; the Gaussian is exact.
  const nx = 200;
  const nf = response.meanLostFraction > 0 ? 60 : 1;
  const fMax = response.maxLostFraction;
  const mu = response.meanLostFraction;
  const norm = mu > 0 ? 1 - Math.exp(-fMax / mu) : 1;
  for (let ix = 0; ix < nx; ix++) {
    const x = (ix + 0.5) / nx;
    const wx = michelPdf(x, response.rho) / nx;
    const eTrue = x * MICHEL_ENDPOINT_MEV;
    for (let jf = 0; jf < nf; jf++) {
      let f = 0;
      let wf = 1;
      if (mu > 0) {
        // Equal-probability cells of the truncated exponential; the cap's probability mass sits at fMax.
        const p = (jf + 0.5) / nf;
        f = -mu * Math.log(1 - p * norm);
        wf = norm / nf;
      }
      const e = eTrue * (1 - f);
      const sigma = Math.max(1e-6, e * Math.sqrt((response.stochasticSqrtMeV ** 2) / Math.max(e, 1e-6) + response.constant ** 2));
      for (let i = 0; i < points; i++) {
        const d = (energyMeV[i]! - e) / sigma;
        density[i]! += (wx * wf * Math.exp(-0.5 * d * d)) / (sigma * Math.sqrt(2 * Math.PI));
      }
    }
    if (mu > 0 && 1 - norm > 0) {
      const e = eTrue * (1 - fMax);
      const sigma = Math.max(1e-6, e * Math.sqrt((response.stochasticSqrtMeV ** 2) / Math.max(e, 1e-6) + response.constant ** 2));
      for (let i = 0; i < points; i++) {
        const d = (energyMeV[i]! - e) / sigma;
        density[i]! += (wx * (1 - norm) * Math.exp(-0.5 * d * d)) / (sigma * Math.sqrt(2 * Math.PI));
      }
    }
  }
  return { energyMeV, density };
}
