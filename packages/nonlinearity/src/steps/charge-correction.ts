import { FitError, type Logger, ValidationError } from '@nucal/core';
import { fitChannelNonlinearity, measuredCharge, type ChannelNonlinearityFit, type LaserScan } from '@nucal/optics';
import type { B12Measurement, DarkNoiseMeasurement, LaserScanMeasurement } from '../sample.js';
import { totalChargeResponse, type TotalChargeResponse } from '../total-charge-response.js';
import type { NonlinearityOptions } from './options.js';
import type { SourcePeak } from './source-peaks.js';

/** The channel non-linearity fitted from the laser scan and the total-charge correction built from it. */
export interface ChargeCorrection {
  /** Per-channel fit of the scan (optics' `fitChannelNonlinearity`). */
  readonly fit: ChannelNonlinearityFit;
  /** The total-charge response of the fitted channels for central light; `truePe` is the correction. */
  readonly response: TotalChargeResponse;
  /** Mean over the channels of the fitted q_meas / q - 1 at 100 PE, with its standard error. */
  readonly meanNonlinearityAt100Pe: { readonly value: number; readonly error: number };
}

/**
 * Step 0, the instrumental non-linearity (dual calorimetry): each LPMT channel's charge
 * non-linearity and its PE per SPMT PE fitted from the sample's laser scan (optics'
 * `fitChannelNonlinearity`, form `options.instrumental.form`), and the total-charge response
 * of the fitted channels for central light, the channels sharing an event's PE in proportion
 * to their fitted gains. Channels whose fit is not valid keep their fitted values and are
 * counted in a warning. No scan, or `instrumental.correct` false: no correction (PE values
 * are taken as linear), said in the log.
 *
 * @example
 * const correction = chargeCorrection(sample.laserScan, options, ctx.logger);
 * correction?.response.truePe(3020); // about 3000
 */
export function chargeCorrection(
  scan: LaserScanMeasurement | undefined,
  options: Pick<NonlinearityOptions, 'instrumental'>,
  log: Logger,
): ChargeCorrection | undefined {
  if (!scan) return undefined;
  if (!options.instrumental.correct) {
    log.warn('the sample has a laser scan but instrumental.correct is false: charges are not corrected for the channel non-linearity');
    return undefined;
  }
  const k = scan.intensitiesPe.length;
  const channels = scan.channelMeanChargePe.length / k;
  const laser: LaserScan = {
    intensitiesPe: Float64Array.from(scan.intensitiesPe),
    spmtMeanPe: Float64Array.from(scan.spmtMeanPe),
    channelMeanChargePe: Float64Array.from(scan.channelMeanChargePe),
    channelMeanChargeErrorPe: Float64Array.from(scan.channelMeanChargeErrorPe),
    channels,
    shotsPerIntensity: scan.shotsPerIntensity,
    speChargeResolution: scan.speChargeResolution,
  };
  const form = options.instrumental.form;
  let fit: ChannelNonlinearityFit;
  try {
    fit = fitChannelNonlinearity(laser, { form });
  } catch (err) {
    // a scan that does not follow the form (e.g. saturating channels fitted as quadratic) can
    // put the fit's start outside its limits
    if (!(err instanceof ValidationError)) throw err;
    throw new FitError(`laser-scan fit of the channel non-linearity (form ${form}) failed: ${err.message}; expected the channels to follow the ${form} form (option instrumental.form)`);
  }
  if (fit.invalidCount > 0) log.warn(`laser scan: ${fit.invalidCount} of ${channels} channel fits are not valid (kept as fitted)`);
  const response = totalChargeResponse({ form, coefficientPerPe: fit.coefficientPerPe, shares: fit.gainPePerSpmtPe, speChargeResolution: scan.speChargeResolution });
  let sum = 0;
  let sum2 = 0;
  for (const c of fit.coefficientPerPe) {
    const nl = measuredCharge(form, c, 100) / 100 - 1;
    sum += nl;
    sum2 += nl * nl;
  }
  const mean = sum / channels;
  const error = channels > 1 ? Math.sqrt(Math.max(sum2 / channels - mean * mean, 0) / (channels - 1)) : 0;
  log.info(`laser scan: ${channels} channels fitted (${form}), mean non-linearity at 100 PE ${(100 * mean).toFixed(2)}%`);
  return { fit, response, meanNonlinearityAt100Pe: { value: mean, error } };
}

/**
 * The random triggers (or the given offset) in true charge: each trigger through the correction
 * (the offset with its error divided by the response's slope).
 *
 * @example
 * const darkNoise = darkNoiseOffset(correctedDarkNoise(sample.darkNoise, correction));
 */
export function correctedDarkNoise(m: DarkNoiseMeasurement, c: ChargeCorrection | undefined): DarkNoiseMeasurement {
  if (!c) return m;
  if (m.randomTriggerPe) return { randomTriggerPe: m.randomTriggerPe.map((q) => c.response.truePe(q)) };
  const offset = c.response.truePe(m.offsetPe ?? 0);
  return { offsetPe: offset, offsetErrPe: (m.offsetErrPe ?? 0) / c.response.slope(offset) };
}

/**
 * The source peaks in true charge: each peak fitted in measured PE (or given in PE) through the
 * correction, its error divided by the response's slope. The response is smooth over a peak's
 * width, so correcting the peak's mean equals correcting its events to better than 1e-6.
 *
 * @example
 * const measured = correctedPeaks(sourcePeaks(sample.sources, log), correction);
 */
export function correctedPeaks(peaks: readonly SourcePeak[], c: ChargeCorrection | undefined): SourcePeak[] {
  if (!c) return [...peaks];
  return peaks.map((p) => {
    if (!p.pe) return p;
    const meanPe = c.response.truePe(p.pe.meanPe);
    return { ...p, pe: { meanPe, errPe: p.pe.errPe / c.response.slope(meanPe) } };
  });
}

/**
 * The B-12 candidates in true charge, event by event (a histogram in visible energy is already
 * calibrated and stays as it is).
 *
 * @example
 * const b12 = sample.b12 && correctedB12(sample.b12, correction);
 */
export function correctedB12(m: B12Measurement, c: ChargeCorrection | undefined): B12Measurement {
  if (!c || !m.eventsPe) return m;
  return { ...m, eventsPe: m.eventsPe.map((q) => c.response.truePe(q)) };
}

/**
 * Measured / true - 1 of the total charge at a true charge (PE): the bias the correction removes
 * there (the summary's `chargeBiasAtNh` at the n-H peak).
 *
 * @example
 * correctionAt(correction, 3175); // 0.0064 with 50% channel non-linearity at 100 PE
 */
export function correctionAt(c: ChargeCorrection, truePe: number): number {
  if (!(truePe > 0)) throw new ValidationError(`charge correction at ${truePe} PE: expected > 0`);
  return c.response.measuredPe(truePe) / truePe - 1;
}
