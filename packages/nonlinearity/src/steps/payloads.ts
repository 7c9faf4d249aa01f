import { type FitSummary } from '@nucal/core';
import { junoEnergyScaleRecord, nonlinearityRecord, type EnergyScaleV1, type NonlinBand, type NonlinearityV1 } from '../records.js';
import type { DarkNoiseOffset } from './dark-noise.js';
import type { CurveFit } from './fit-curve.js';
import type { LightYield } from './light-yield.js';
import type { NonlinearityOptions } from './options.js';
import type { VisiblePeak } from './visible-peaks.js';

/**
 * Step 9a, the `juno.nonlinearity` v1 payload: parameters, errors, covariance, fit summary,
 * band and validity range, checked against the record's schema.
 *
 * @example
 * const nonlinearity = nonlinearityPayload(nominal, toFitSummary(nominal.fit.result), band, options);
 */
export function nonlinearityPayload(
  nominal: CurveFit,
  fitSummary: FitSummary,
  band: NonlinBand,
  options: Pick<NonlinearityOptions, 'validityMinMeV' | 'validityMaxMeV'>,
): NonlinearityV1 {
  const e = nominal.fit.result.errors;
  const payload: NonlinearityV1 = {
    model: '(p0 + p3/E) / (1 + p1 exp(-p2 E))',
    parameters: nominal.params,
    errors: { p0: e.p0, p1: e.p1, p2: e.p2, p3: e.p3 },
    covariance: nominal.covariance,
    fit: fitSummary,
    band,
    validityMinMeV: options.validityMinMeV,
    validityMaxMeV: options.validityMaxMeV,
  };
  nonlinearityRecord.schema.parse(payload);
  return payload;
}

/**
 * Step 9b, the `juno.energy-scale` v1 payload: Y0, dark-noise offset and the annihilation
 * visible energy, checked against the record's schema.
 *
 * @example
 * const energyScale = y0 && energyScalePayload(y0, darkNoise, annihilation);
 */
export function energyScalePayload(y0: LightYield, dn: DarkNoiseOffset, annihilation: VisiblePeak): EnergyScaleV1 {
  const payload: EnergyScaleV1 = {
    y0PePerMeV: y0.pePerMeV,
    y0ErrPePerMeV: y0.errPePerMeV,
    darkNoiseOffsetPe: dn.meanPe,
    darkNoiseOffsetErrPe: dn.errPe,
    annihilationVisibleMeV: annihilation.visibleMeV,
    annihilationVisibleErrMeV: annihilation.visibleErrMeV,
  };
  junoEnergyScaleRecord.schema.parse(payload);
  return payload;
}
