import { z } from 'zod';
import { OutOfRangeError, ValidationError, formatZodIssues, type RandomSource } from '@nucal/core';
import { chi2Fit, normal, poisson } from '@nucal/numeric';

/**
 * Functional form of an LPMT channel's charge non-linearity, q_meas = f(q) with q the true
 * charge in PE and c the channel coefficient (1/PE):
 * - `quadratic`: f(q) = q (1 + c q)   (gain rising with charge; NL = c q)
 * - `saturating`: f(q) = q / (1 + c q) (saturation; NL = -c q / (1 + c q))
 */
export const ChargeNonlinearityFormSchema = z.enum(['quadratic', 'saturating']);
/** Form of the channel charge non-linearity. */
export type ChargeNonlinearityForm = z.infer<typeof ChargeNonlinearityFormSchema>;

/**
 * Measured charge of a channel for a true charge (PE).
 * @example measuredCharge('quadratic', 0.005, 100) // 150: +50% at 100 PE
 */
export function measuredCharge(form: ChargeNonlinearityForm, coefficientPerPe: number, truePe: number): number {
  return form === 'quadratic' ? truePe * (1 + coefficientPerPe * truePe) : truePe / (1 + coefficientPerPe * truePe);
}

/**
 * Inverse of {@link measuredCharge}: the correction applied to data.
 * @throws OutOfRangeError when the measured charge is beyond the model's range (saturating: c q_meas >= 1)
 * @example trueChargeFromMeasured('quadratic', 0.005, 150) // 100
 */
export function trueChargeFromMeasured(form: ChargeNonlinearityForm, coefficientPerPe: number, measuredPe: number): number {
  const c = coefficientPerPe;
  if (form === 'quadratic') {
    const disc = 1 + 4 * c * measuredPe;
    if (disc < 0) throw new OutOfRangeError(`charge correction: measured ${measuredPe} PE outside the quadratic model range (c = ${c})`);
    return (2 * measuredPe) / (1 + Math.sqrt(disc)); // cancellation-free root
  }
  const d = 1 - c * measuredPe;
  if (!(d > 0)) throw new OutOfRangeError(`charge correction: measured ${measuredPe} PE at or above the saturation 1/c = ${1 / c} PE`);
  return measuredPe / d;
}

/**
 * Expected measured charge E[f(q)] when the true charge is a compound Poisson sum of single-PE
 * charges (mean PE mu, single-PE resolution s): cumulants k2 = mu (1 + s^2), k3 = mu (1 + 3 s^2),
 * k4 = mu (1 + 6 s^2 + 3 s^4). Exact for the quadratic form; for the saturating form the Taylor
 * series to 4th order (remainder < 1e-6 relative for c mu <= 1).
 * @example expectedMeasuredCharge('quadratic', 0.005, 100, 0.3) // 150.545
 */
export function expectedMeasuredCharge(form: ChargeNonlinearityForm, coefficientPerPe: number, meanPe: number, speResolution: number): number {
  const c = coefficientPerPe;
  const s2 = speResolution * speResolution;
  const k2 = meanPe * (1 + s2);
  if (form === 'quadratic') return meanPe + c * (meanPe * meanPe + k2);
  const k3 = meanPe * (1 + 3 * s2);
  const m4 = meanPe * (1 + 6 * s2 + 3 * s2 * s2) + 3 * k2 * k2;
  const d = 1 + c * meanPe;
  return meanPe / d - (c * k2) / (d * d * d) + (c * c * k3) / (d * d * d * d) - (c * c * c * m4) / (d * d * d * d * d);
}

/** Variance of one measured charge, f'(mu)^2 mu (1 + s^2) (delta method). */
function measuredChargeVariance(form: ChargeNonlinearityForm, c: number, meanPe: number, speResolution: number): number {
  const slope = form === 'quadratic' ? 1 + 2 * c * meanPe : 1 / (1 + c * meanPe) ** 2;
  return slope * slope * meanPe * (1 + speResolution * speResolution);
}

/**
 * Channel population of the toy.
 * @example LpmtChannelsConfigSchema.parse({ channels: 1000 })
 */
export const LpmtChannelsConfigSchema = z.object({
  channels: z.number().int().min(1).default(17_612),
  form: ChargeNonlinearityFormSchema.default('quadratic'),
  nonlinearityAtReferencePe: z.number().min(0).max(0.9).default(0.5).describe('|q_meas / q - 1| at the reference charge'),
  referencePe: z.number().positive().default(100),
  coefficientSpread: z.number().min(0).max(1).default(0.1).describe('relative Gaussian spread of the channel coefficients'),
  relativeEfficiencySpread: z.number().min(0).max(0.5).default(0.07).describe('sigma/mean of QE x collection (PHYSICS.md: 7%)'),
});
/** Input of {@link createLpmtChannels}. */
export type LpmtChannelsConfig = z.input<typeof LpmtChannelsConfigSchema>;

/** A set of LPMT channels with their true non-linearity coefficients and relative efficiencies. */
export interface LpmtChannels {
  readonly form: ChargeNonlinearityForm;
  /** True coefficient c of each channel, 1/PE. */
  readonly coefficientPerPe: Float64Array;
  /** Relative detection efficiency of each channel (mean 1): its PE per unit laser intensity. */
  readonly relativeEfficiency: Float64Array;
  /** The nominal coefficient (before the spread), 1/PE. */
  readonly nominalCoefficientPerPe: number;
}

/**
 * Draws the channel population: c_i = c_nom (1 + spread N(0,1)) (kept >= 0) with c_nom set so
 * that the non-linearity at `referencePe` is `nonlinearityAtReferencePe` (default the extreme
 * case of PHYSICS.md 1.3: 50% at 100 PE), and efficiencies 1 + 0.07 N(0,1) (kept >= 0.3).
 * @example const ch = createLpmtChannels({ channels: 500 }, createRng('lpmt'));
 */
export function createLpmtChannels(config: LpmtChannelsConfig, rng: RandomSource): LpmtChannels {
  const parsed = LpmtChannelsConfigSchema.safeParse(config);
  if (!parsed.success) throw new ValidationError('createLpmtChannels: invalid configuration', formatZodIssues(parsed.error.issues));
  const c = parsed.data;
  const nl = c.nonlinearityAtReferencePe;
  const nominal = c.form === 'quadratic' ? nl / c.referencePe : nl / ((1 - nl) * c.referencePe);
  const coefficient = new Float64Array(c.channels);
  const efficiency = new Float64Array(c.channels);
  for (let i = 0; i < c.channels; i++) {
    coefficient[i] = Math.max(0, nominal * (1 + c.coefficientSpread * normal(rng)));
    efficiency[i] = Math.max(0.3, 1 + c.relativeEfficiencySpread * normal(rng));
  }
  return { form: c.form, coefficientPerPe: coefficient, relativeEfficiency: efficiency, nominalCoefficientPerPe: nominal };
}

/**
 * The central-laser intensity scan (dual calorimetry, PHYSICS.md 1.2-1.3).
 * @example LaserScanConfigSchema.parse({ shotsPerIntensity: 5000 })
 */
export const LaserScanConfigSchema = z.object({
  intensitiesPe: z.array(z.number().positive()).min(3).default([1, 2, 5, 10, 20, 40, 70, 100]).describe('mean PE per LPMT of unit efficiency'),
  shotsPerIntensity: z.number().int().min(10).default(10_000),
  spmtCount: z.number().int().positive().default(25_600),
  spmtPePerLpmtPe: z
    .number()
    .positive()
    .default(0.0225)
    .describe('mean SPMT PE per LPMT PE: photocathode area ratio (3/20)^2 at equal QE'),
  speChargeResolution: z.number().nonnegative().default(0.3),
});
/** Input of {@link simulateLaserScan}. */
export type LaserScanConfig = z.input<typeof LaserScanConfigSchema>;

/** Scan data: per intensity the SPMT total, per channel and intensity the mean LPMT charge. */
export interface LaserScan {
  readonly intensitiesPe: Float64Array;
  /** Mean total SPMT PE per shot at each intensity (SPMTs count photons: linear). */
  readonly spmtMeanPe: Float64Array;
  /** Mean measured charge of channel i at intensity k, at [i * K + k], PE. */
  readonly channelMeanChargePe: Float64Array;
  /** Statistical error of that mean, PE. */
  readonly channelMeanChargeErrorPe: Float64Array;
  readonly channels: number;
  readonly shotsPerIntensity: number;
  readonly speChargeResolution: number;
}

/**
 * Simulates the laser scan at the detector centre. The SPMT total is Poisson over
 * `spmtCount x spmtPePerLpmtPe x intensity` PE per shot (its mean over the shots is recorded).
 * Each channel's mean charge over the shots is drawn from its exact sampling distribution in
 * the large-shot limit: Normal(E[f(q)], sqrt(Var f(q) / shots)), with E[f(q)] from
 * {@link expectedMeasuredCharge} (compound Poisson true charge with single-PE resolution) and
 * Var from the delta method. This avoids simulating 17,612 x 8 x 10^4 shots; the event-level
 * check ({@link eventLevelResidual}) simulates shot by shot.
 * @example const scan = simulateLaserScan(channels, {}, createRng('scan'));
 */
export function simulateLaserScan(channels: LpmtChannels, config: LaserScanConfig, rng: RandomSource): LaserScan {
  const parsed = LaserScanConfigSchema.safeParse(config);
  if (!parsed.success) throw new ValidationError('simulateLaserScan: invalid configuration', formatZodIssues(parsed.error.issues));
  const c = parsed.data;
  const k = c.intensitiesPe.length;
  const n = channels.coefficientPerPe.length;
  const spmt = new Float64Array(k);
  const q = new Float64Array(n * k);
  const dq = new Float64Array(n * k);
  for (let j = 0; j < k; j++) {
    const mu = c.intensitiesPe[j] as number;
    const sTrue = mu * c.spmtCount * c.spmtPePerLpmtPe;
    spmt[j] = normal(rng, sTrue, Math.sqrt(sTrue / c.shotsPerIntensity));
    for (let i = 0; i < n; i++) {
      const m = mu * (channels.relativeEfficiency[i] as number);
      const ci = channels.coefficientPerPe[i] as number;
      const err = Math.sqrt(measuredChargeVariance(channels.form, ci, m, c.speChargeResolution) / c.shotsPerIntensity);
      q[i * k + j] = normal(rng, expectedMeasuredCharge(channels.form, ci, m, c.speChargeResolution), err);
      dq[i * k + j] = err;
    }
  }
  return {
    intensitiesPe: Float64Array.from(c.intensitiesPe),
    spmtMeanPe: spmt,
    channelMeanChargePe: q,
    channelMeanChargeErrorPe: dq,
    channels: n,
    shotsPerIntensity: c.shotsPerIntensity,
    speChargeResolution: c.speChargeResolution,
  };
}

/** Per-channel fit results of the scan. */
export interface ChannelNonlinearityFit {
  readonly form: ChargeNonlinearityForm;
  /** Indices of the fitted channels. */
  readonly channelIndex: Uint32Array;
  /** Fitted coefficient c of each fitted channel, 1/PE. */
  readonly coefficientPerPe: Float64Array;
  readonly coefficientErrorPerPe: Float64Array;
  /** Fitted LPMT PE per SPMT PE of each channel (its linear response to the laser). */
  readonly gainPePerSpmtPe: Float64Array;
  readonly gainErrorPePerSpmtPe: Float64Array;
  readonly chi2: Float64Array;
  /** Degrees of freedom of each channel fit (intensities - 2). */
  readonly ndof: number;
  /** 1 where the minimiser reported a valid fit. */
  readonly valid: Uint8Array;
  /** Number of invalid fits. */
  readonly invalidCount: number;
}

/**
 * Fits each channel's non-linearity from the scan with `@nucal/numeric`'s minimiser:
 * chi2 = sum_k (Q_ik - E[f(g_i S_k; c_i)])^2 / sigma_ik^2 over the intensities, with S_k the
 * SPMT total (linear in light; its relative error, < 1e-3, is neglected), g_i the channel's PE
 * per SPMT PE and c_i its coefficient; E[f] as in {@link expectedMeasuredCharge}.
 *
 * @param channels - indices to fit (default all)
 * @example const fit = fitChannelNonlinearity(scan, { form: 'quadratic' });
 */
export function fitChannelNonlinearity(
  scan: LaserScan,
  options: { form: ChargeNonlinearityForm; channels?: ArrayLike<number> },
): ChannelNonlinearityFit {
  const k = scan.intensitiesPe.length;
  const idx = options.channels ? Uint32Array.from(options.channels) : Uint32Array.from({ length: scan.channels }, (_, i) => i);
  const m = idx.length;
  const coef = new Float64Array(m);
  const coefErr = new Float64Array(m);
  const gain = new Float64Array(m);
  const gainErr = new Float64Array(m);
  const chi2 = new Float64Array(m);
  const valid = new Uint8Array(m);
  const form = options.form;
  const s = scan.speChargeResolution;
  const x = scan.spmtMeanPe;
  let sMax = 0;
  for (let j = 0; j < k; j++) sMax = Math.max(sMax, x[j] as number);
  let invalid = 0;
  for (let a = 0; a < m; a++) {
    const i = idx[a] as number;
    if (i >= scan.channels) throw new ValidationError(`fitChannelNonlinearity: channel ${i}; the scan has ${scan.channels}`);
    const y = scan.channelMeanChargePe.subarray(i * k, (i + 1) * k);
    const sigma = scan.channelMeanChargeErrorPe.subarray(i * k, (i + 1) * k);
    // start: gain from the lowest intensity, coefficient from the highest
    const g0 = (y[0] as number) / (x[0] as number);
    const top = g0 * (x[k - 1] as number);
    const yTop = y[k - 1] as number;
    const c0 = form === 'quadratic' ? (yTop / top - 1) / top : (top / yTop - 1) / top;
    const cLimit = 0.5 / (g0 * sMax);
    const fit = chi2Fit({
      x,
      y,
      sigma,
      model: (sk, p) => expectedMeasuredCharge(form, p.c, p.g * sk, s),
      parameters: [
        { name: 'g', start: g0, step: 0.01 * g0, limits: [0, 10 * g0] },
        { name: 'c', start: c0, step: 0.01 * Math.abs(c0) + 1e-6, limits: [-cLimit, 100 * cLimit] },
      ],
    });
    coef[a] = fit.values.c;
    coefErr[a] = fit.errors.c;
    gain[a] = fit.values.g;
    gainErr[a] = fit.errors.g;
    chi2[a] = fit.chi2;
    valid[a] = fit.valid ? 1 : 0;
    if (!fit.valid) invalid++;
  }
  return {
    form,
    channelIndex: idx,
    coefficientPerPe: coef,
    coefficientErrorPerPe: coefErr,
    gainPePerSpmtPe: gain,
    gainErrorPePerSpmtPe: gainErr,
    chi2,
    ndof: k - 2,
    valid,
    invalidCount: invalid,
  };
}

/** Event-level check of the correction at each scan intensity. */
export interface EventLevelResidual {
  readonly intensitiesPe: Float64Array;
  /** sum of corrected charges / sum of true charges over the events and fitted channels. */
  readonly correctedOverTrue: Float64Array;
  /** The same without correction (measured / true). */
  readonly uncorrectedOverTrue: Float64Array;
  /** Largest |corrected / true - 1| over the intensities. */
  readonly maxAbsResidual: number;
  /** Largest |measured / true - 1| over the intensities. */
  readonly maxAbsUncorrected: number;
}

/**
 * Simulates laser events shot by shot at each intensity (true PE Poisson per channel, charge
 * Normal(n, s sqrt(n)), the channel's true non-linearity) and applies the fitted correction
 * channel by channel; reports the total corrected charge over the total true charge.
 * @example const r = eventLevelResidual(channels, fit, { intensitiesPe: [1, 10, 100], eventsPerIntensity: 20 }, rng);
 */
export function eventLevelResidual(
  channels: LpmtChannels,
  fit: ChannelNonlinearityFit,
  options: { intensitiesPe: ArrayLike<number>; eventsPerIntensity?: number; speChargeResolution?: number },
  rng: RandomSource,
): EventLevelResidual {
  const events = options.eventsPerIntensity ?? 20;
  const s = options.speChargeResolution ?? 0.3;
  const k = options.intensitiesPe.length;
  const corr = new Float64Array(k);
  const unc = new Float64Array(k);
  let maxRes = 0;
  let maxUnc = 0;
  for (let j = 0; j < k; j++) {
    const mu = options.intensitiesPe[j] as number;
    let sumTrue = 0;
    let sumCorr = 0;
    let sumMeas = 0;
    for (let e = 0; e < events; e++) {
      for (let a = 0; a < fit.channelIndex.length; a++) {
        const i = fit.channelIndex[a] as number;
        const n = poisson(rng, mu * (channels.relativeEfficiency[i] as number));
        if (n === 0) continue;
        const q = normal(rng, n, s * Math.sqrt(n));
        const qm = measuredCharge(channels.form, channels.coefficientPerPe[i] as number, q);
        sumTrue += q;
        sumMeas += qm;
        sumCorr += trueChargeFromMeasured(fit.form, fit.coefficientPerPe[a] as number, qm);
      }
    }
    corr[j] = sumCorr / sumTrue;
    unc[j] = sumMeas / sumTrue;
    maxRes = Math.max(maxRes, Math.abs((corr[j] as number) - 1));
    maxUnc = Math.max(maxUnc, Math.abs((unc[j] as number) - 1));
  }
  return {
    intensitiesPe: Float64Array.from(options.intensitiesPe),
    correctedOverTrue: corr,
    uncorrectedOverTrue: unc,
    maxAbsResidual: maxRes,
    maxAbsUncorrected: maxUnc,
  };
}
