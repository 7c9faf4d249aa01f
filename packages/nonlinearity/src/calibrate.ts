import { type CalibrationContext, type CalibrationResult, ValidationError, contentHash, formatZodIssues } from '@nucal/core';
import { toFitSummary } from '@nucal/numeric';
import type { ElectronGrid } from './electron-grid.js';
import type { NonlinParams } from './model.js';
import type { EnergyScaleV1, NonlinearityV1 } from './records.js';
import { junoEnergyScaleRecord, nonlinearityRecord } from './records.js';
import { ResolutionModel } from './resolution.js';
import { NonlinearitySample } from './sample.js';
import { b12Histogram } from './steps/b12-histogram.js';
import { chargeCorrection, correctedB12, correctedDarkNoise, correctedPeaks, type ChargeCorrection } from './steps/charge-correction.js';
import { nonlinearityBand } from './steps/band.js';
import { nonlinearityCurves, type NonlinearityCurves } from './steps/curves.js';
import { darkNoiseOffset } from './steps/dark-noise.js';
import { fitCurve } from './steps/fit-curve.js';
import { gammaFitInputs, type MeasuredPeak } from './steps/fit-inputs.js';
import { lightYield } from './steps/light-yield.js';
import type { NonlinearityOptions } from './steps/options.js';
import { energyScalePayload, nonlinearityPayload } from './steps/payloads.js';
import { nonlinearityPlots } from './steps/plots.js';
import { sourcePeaks } from './steps/source-peaks.js';
import { nonlinearitySummary } from './steps/summary.js';
import { annihilationPeak, visiblePeaks } from './steps/visible-peaks.js';
import { PACKAGE_VERSION } from './version.js';

export { DEFAULT_BAND_ENERGIES_MEV, NonlinearityOptions, type NonlinearityOptionsInput } from './steps/options.js';
export type { MeasuredPeak } from './steps/fit-inputs.js';

/** Plugin id of the non-linearity calibration. */
export const NONLINEARITY_PLUGIN_ID = 'juno.nonlinearity';

/** Everything the calibration derived, beyond the CalibrationResult (for tests and apps). */
export interface NonlinearityDetails {
  readonly peaks: readonly MeasuredPeak[];
  readonly params: NonlinParams;
  /** Absent when the sample gives neither PE data with an nH peak nor Y0. */
  readonly energyScale?: EnergyScaleV1;
  readonly nonlinearity: NonlinearityV1;
  /** The numbers the plots draw (fitted predictions, pulls, f and its band, positron bias). */
  readonly curves: NonlinearityCurves;
  /** The channel non-linearity fitted from the laser scan and the charge correction (absent without a scan or with `instrumental.correct` false). */
  readonly chargeCorrection?: ChargeCorrection;
}

/**
 * The calibration of PHYSICS.md 1.4 on a sample, as a sequence of steps (`src/steps/`, one
 * file each): the channel non-linearity from the laser scan and the charge correction,
 * dark-noise offset, source peaks, Y0, peaks in visible energy, the fit inputs
 * with sigma_i, the B-12 spectrum, the fit, the systematic band, the two payloads, the curves
 * the plots draw, the summary and the plots. The sample holds only what the detector records
 * (its schema refuses Monte Carlo truth); closure code compares the result with a simulation's
 * truth afterwards (`nonlinearityClosure`).
 *
 * @example
 * const { result, details } = await calibrateNonlinearity(sample, ctx, NonlinearityOptions.parse({}), grid);
 */
export async function calibrateNonlinearity(
  sampleIn: NonlinearitySample,
  ctx: CalibrationContext,
  options: NonlinearityOptions,
  grid: ElectronGrid,
): Promise<{ result: CalibrationResult; details: NonlinearityDetails }> {
  const parsed = NonlinearitySample.safeParse(sampleIn);
  if (!parsed.success) throw new ValidationError('juno.nonlinearity input is invalid', formatZodIssues(parsed.error.issues));
  const sample = parsed.data;
  const log = ctx.logger;

  const correction = chargeCorrection(sample.laserScan, options, log);
  const darkNoise = darkNoiseOffset(correctedDarkNoise(sample.darkNoise, correction));
  const measured = correctedPeaks(sourcePeaks(sample.sources, log), correction);
  const y0 = lightYield(sample, measured, darkNoise);
  const visible = visiblePeaks(measured, darkNoise, y0);
  const annihilation = annihilationPeak(visible);
  const { gammas, peaks } = gammaFitInputs(visible, grid, options);
  const b12 = sample.b12 ? b12Histogram(correctedB12(sample.b12, correction), sample.resolution, options, grid, darkNoise, y0) : undefined;
  const nominal = fitCurve(grid, gammas, b12, options, log);
  const band = nonlinearityBand(grid, gammas, b12, nominal, options, ctx.rng, ctx.progress);
  const fitSummary = toFitSummary(nominal.fit.result);
  const nonlinearity = nonlinearityPayload(nominal, fitSummary, band, options);
  const energyScale = y0 ? energyScalePayload(y0, darkNoise, annihilation) : undefined;
  if (!energyScale) log.info('no Y0 in the sample (visible-energy peaks only): juno.energy-scale is not produced');
  const curves = nonlinearityCurves(peaks, gammas, b12, nominal, band, options);
  const summary = nonlinearitySummary(nominal, y0, darkNoise, annihilation, b12, band, options, correction && { correction, peaks: measured });

  const { result: fit } = nominal.fit;
  const result: CalibrationResult = {
    payloads: [
      { record: nonlinearityRecord, payload: nonlinearity },
      ...(energyScale ? [{ record: junoEnergyScaleRecord, payload: energyScale }] : []),
    ],
    fits: { nonlinearity: fitSummary, ...Object.fromEntries(peaks.filter((p) => p.peak).map((p) => [`peak:${p.source}`, toFitSummary(p.peak!.result)])) },
    plots: nonlinearityPlots(curves),
    provenance: {
      plugin: { id: NONLINEARITY_PLUGIN_ID, version: PACKAGE_VERSION },
      input: { description: sample.description, hash: contentHash(sample) },
      seed: ctx.rng.seed,
      createdAt: new Date().toISOString(),
      fitQuality: { chi2: fit.chi2, ndof: fit.ndof, valid: fit.valid },
      metadata: {
        sources: peaks.map((p) => p.source),
        statistic: options.statistic,
        mocks: band.mocks,
        secondaries: options.secondaries,
        resolution: sample.resolution ?? ResolutionModel.parse({}),
        instrumental: correction
          ? { corrected: true, form: correction.fit.form, channels: correction.fit.channelIndex.length, invalidChannelFits: correction.fit.invalidCount }
          : { corrected: false, laserScan: sample.laserScan !== undefined },
      },
    },
    summary,
  };
  return {
    result,
    details: {
      peaks,
      params: nominal.params,
      ...(energyScale ? { energyScale } : {}),
      nonlinearity,
      curves,
      ...(correction ? { chargeCorrection: correction } : {}),
    },
  };
}
