import { z } from 'zod';
import { ResolutionModel } from './resolution.js';

/** Shape fitted to a full-absorption peak (PHYSICS.md 1.4). */
export const PeakModel = z.enum(['gaussian', 'gaussian-tail']);
export type PeakModel = z.infer<typeof PeakModel>;

/** A histogram of total PE per event, uniform bins on [loPe, hiPe). */
export const PeSpectrum = z.strictObject({
  loPe: z.number(),
  hiPe: z.number(),
  counts: z.array(z.number().nonnegative()).min(3),
});
export type PeSpectrum = z.infer<typeof PeSpectrum>;

/**
 * One calibration source at the detector centre. Give exactly one of: the raw PE of every
 * event (`eventsPe`), a PE histogram (`spectrum`), a fitted peak in PE (`peakPe`), or a
 * peak already in visible energy (`peakVisible`, needs no Y0). PE values include the dark
 * noise; it is subtracted with the random-trigger offset.
 */
export const SourceMeasurement = z
  .strictObject({
    source: z.string().min(1).describe('catalogue id of @nucal/sources, e.g. Cs-137, nH, AmC'),
    peakModel: PeakModel.optional().describe('default: gaussian-tail for enclosed sources, gaussian otherwise'),
    eventsPe: z.array(z.number()).min(20).optional(),
    spectrum: PeSpectrum.optional(),
    peakPe: z.object({ meanPe: z.number().positive(), meanErrPe: z.number().positive() }).optional(),
    peakVisible: z.object({ meanMeV: z.number().positive(), meanErrMeV: z.number().positive() }).optional(),
  })
  .refine((s) => [s.eventsPe, s.spectrum, s.peakPe, s.peakVisible].filter((x) => x !== undefined).length === 1, {
    message: 'expected exactly one of eventsPe, spectrum, peakPe, peakVisible',
  });
export type SourceMeasurement = z.infer<typeof SourceMeasurement>;

/** The selected cosmogenic B-12 candidates: raw PE per event, or a visible-energy histogram. */
export const B12Measurement = z
  .strictObject({
    eventsPe: z.array(z.number()).optional(),
    histogram: z.object({ loMeV: z.number(), hiMeV: z.number(), counts: z.array(z.number().nonnegative()).min(1) }).optional(),
    liveDays: z.number().positive().optional(),
    n12Fraction: z.number().min(0).max(1).default(0.03).describe('N-12 share of the decays (beta+ with annihilation gammas)'),
  })
  .refine((b) => (b.eventsPe === undefined) !== (b.histogram === undefined), { message: 'expected exactly one of eventsPe, histogram' });
export type B12Measurement = z.infer<typeof B12Measurement>;

/** Dark-noise PE in the event window: random-trigger PE values, or their mean with error. */
export const DarkNoiseMeasurement = z
  .strictObject({
    randomTriggerPe: z.array(z.number().nonnegative()).min(2).optional(),
    offsetPe: z.number().nonnegative().optional(),
    offsetErrPe: z.number().nonnegative().optional(),
  })
  .refine((d) => (d.randomTriggerPe === undefined) !== (d.offsetPe === undefined), { message: 'expected randomTriggerPe or offsetPe' });
export type DarkNoiseMeasurement = z.infer<typeof DarkNoiseMeasurement>;

/**
 * The central-laser intensity scan of the dual calorimetry, as recorded: per intensity the
 * mean total SPMT PE per shot (SPMTs count photons: linear), per LPMT channel and intensity the
 * mean measured charge and its statistical error (channel-major: channel i, intensity k at
 * i x K + k). The calibration fits each channel's charge non-linearity from it and corrects
 * the total charges (`instrumental` option).
 */
export const LaserScanMeasurement = z
  .strictObject({
    intensitiesPe: z.array(z.number().positive()).min(3).describe('nominal mean PE per LPMT of unit efficiency at each setting'),
    spmtMeanPe: z.array(z.number().positive()).min(3),
    channelMeanChargePe: z.array(z.number()),
    channelMeanChargeErrorPe: z.array(z.number().positive()),
    shotsPerIntensity: z.number().int().positive(),
    speChargeResolution: z.number().nonnegative().describe('single-PE charge resolution sigma/mean of the LPMTs'),
  })
  .refine((l) => l.spmtMeanPe.length === l.intensitiesPe.length, { message: 'expected one spmtMeanPe per intensity' })
  .refine((l) => l.channelMeanChargePe.length > 0 && l.channelMeanChargePe.length % l.intensitiesPe.length === 0, {
    message: 'expected channelMeanChargePe to hold channels x intensities values',
  })
  .refine((l) => l.channelMeanChargeErrorPe.length === l.channelMeanChargePe.length, { message: 'expected one error per channel mean charge' });
export type LaserScanMeasurement = z.infer<typeof LaserScanMeasurement>;

/**
 * Calibration sample of `juno.nonlinearity`: what the detector records and nothing else.
 * Sources at the centre (one of them `nH`, which fixes Y0 = (PE_nH - offset) / E_nH, unless
 * `y0PePerMeV` is given), the B-12 spectrum, the dark-noise measurement, optionally the
 * resolution model of the B-12 fold and the laser scan that measures the channel
 * non-linearity (without one, PE values are taken as linear). A JSON file of this shape is a valid CLI `--input`.
 *
 * Monte Carlo truth has no place here: the schema is strict, so a sample that carries a
 * `truth` field (or any key the schema does not know) is refused, not silently stripped; a
 * simulation's truth is `simulate`'s separate `truth`, for closure code only.
 */
export const NonlinearitySample = z.strictObject({
  description: z.string().default('juno.nonlinearity calibration sample'),
  sources: z.array(SourceMeasurement).min(4),
  b12: B12Measurement.optional(),
  darkNoise: DarkNoiseMeasurement.default({ offsetPe: 0, offsetErrPe: 0 }),
  y0: z.object({ y0PePerMeV: z.number().positive(), y0ErrPePerMeV: z.number().nonnegative() }).optional(),
  resolution: ResolutionModel.optional(),
  laserScan: LaserScanMeasurement.optional().describe('dual-calorimetry laser scan: PE values are measured charges, corrected with the channel non-linearity fitted from it'),
});
export type NonlinearitySample = z.infer<typeof NonlinearitySample>;
export type NonlinearitySampleInput = z.input<typeof NonlinearitySample>;
