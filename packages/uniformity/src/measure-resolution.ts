import type { RandomSource } from '@nucal/core';
import type { EnergyCalibration } from './energy-calibration.js';
import { allocateSample } from './event-sample.js';
import { fitGaussianPeak } from './gaussian-peak-fit.js';
import { simulatePointEvents, type VertexDistribution } from './point-event-toy.js';
import { positronVisibleMeV } from './positron-visible-energy.js';
import type { ResponseMapLike } from './response-map.js';
import type { ToyConfig } from './toy-config.js';

/** The reconstructed-energy peak of one positron energy. */
export interface EnergyPoint {
  readonly kineticMeV: number;
  /** Visible energy of the positron (electron response + annihilation gammas), MeV. */
  readonly visibleMeV: number;
  /** Fitted peak of E_rec, MeV. */
  readonly meanMeV: number;
  readonly meanErrorMeV: number;
  readonly sigmaMeV: number;
  readonly sigmaErrorMeV: number;
  /** sigma / mean, percent, and its error. */
  readonly sigmaOverEPercent: number;
  readonly errorPercent: number;
}

/** Positron kinetic energies of the resolution scan, MeV: 0 to 8 in 0.5 MeV steps. */
export const DEFAULT_KINETIC_ENERGIES_MEV: readonly number[] = Array.from({ length: 17 }, (_, i) => 0.5 * i);

/**
 * Simulates positrons of each kinetic energy (vertices uniform in the LS, or at the centre)
 * on the true map, reconstructs E_rec = (Q - dQ_DR) / Y0 / g(reconstructed vertex) with the
 * calibration, and fits a Gaussian to each energy's E_rec.
 *
 * @example const pts = measureResolution(map, cfg, cal, dq, 'uniform', 100_000, rng);
 */
export function measureResolution(
  map: ResponseMapLike,
  c: ToyConfig,
  cal: EnergyCalibration,
  darkOffsetPe: number,
  vertices: VertexDistribution,
  eventsPerEnergy: number,
  rng: RandomSource,
  kineticMeV: readonly number[] = DEFAULT_KINETIC_ENERGIES_MEV,
): EnergyPoint[] {
  const buf = allocateSample(eventsPerEnergy);
  const eRec = new Float64Array(eventsPerEnergy);
  return kineticMeV.map((t) => {
    const eVis = positronVisibleMeV(t);
    simulatePointEvents(map, c, eVis, eventsPerEnergy, vertices, rng.fork(`positrons-${t}`), buf);
    reconstructEnergies(buf.chargePe, buf.xCm, buf.yCm, buf.zCm, cal, darkOffsetPe, eRec);
    const pk = fitGaussianPeak(eRec);
    const r = pk.sigma / pk.mean;
    return {
      kineticMeV: t,
      visibleMeV: eVis,
      meanMeV: pk.mean,
      meanErrorMeV: pk.meanError,
      sigmaMeV: pk.sigma,
      sigmaErrorMeV: pk.sigmaError,
      sigmaOverEPercent: 100 * r,
      errorPercent: 100 * r * Math.hypot(pk.sigmaError / pk.sigma, pk.meanError / pk.mean),
    };
  });
}

/**
 * E_rec = (Q - dQ_DR) / Y0 / g(x, y, z) for every event, MeV, into `out`.
 *
 * @example reconstructEnergies(q, x, y, z, cal, 184.9, out)
 */
export function reconstructEnergies(
  chargePe: ArrayLike<number>,
  xCm: ArrayLike<number>,
  yCm: ArrayLike<number>,
  zCm: ArrayLike<number>,
  cal: EnergyCalibration,
  darkOffsetPe: number,
  out: Float64Array = new Float64Array(chargePe.length),
): Float64Array {
  const inv = 1 / cal.y0PePerMeV;
  for (let i = 0; i < chargePe.length; i++) out[i] = ((chargePe[i]! - darkOffsetPe) * inv) / cal.g(xCm[i]!, yCm[i]!, zCm[i]!);
  return out;
}
