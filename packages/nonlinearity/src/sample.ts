import { z } from 'zod';
import { NonlinParams } from './model.js';
import { ResolutionModel } from './resolution.js';

/** Shape fitted to a full-absorption peak (PHYSICS.md 1.4). */
export const PeakModel = z.enum(['gaussian', 'gaussian-tail']);
export type PeakModel = z.infer<typeof PeakModel>;

/** A histogram of total PE per event, uniform bins on [loPe, hiPe). */
export const PeSpectrum = z.object({
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
  .object({
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
  .object({
    eventsPe: z.array(z.number()).optional(),
    histogram: z.object({ loMeV: z.number(), hiMeV: z.number(), counts: z.array(z.number().nonnegative()).min(1) }).optional(),
    liveDays: z.number().positive().optional(),
    n12Fraction: z.number().min(0).max(1).default(0.03).describe('N-12 share of the decays (beta+ with annihilation gammas)'),
  })
  .refine((b) => (b.eventsPe === undefined) !== (b.histogram === undefined), { message: 'expected exactly one of eventsPe, histogram' });
export type B12Measurement = z.infer<typeof B12Measurement>;

/** Dark-noise PE in the event window: random-trigger PE values, or their mean with error. */
export const DarkNoiseMeasurement = z
  .object({
    randomTriggerPe: z.array(z.number().nonnegative()).min(2).optional(),
    offsetPe: z.number().nonnegative().optional(),
    offsetErrPe: z.number().nonnegative().optional(),
  })
  .refine((d) => (d.randomTriggerPe === undefined) !== (d.offsetPe === undefined), { message: 'expected randomTriggerPe or offsetPe' });
export type DarkNoiseMeasurement = z.infer<typeof DarkNoiseMeasurement>;

/** Truth attached by a simulation, so calibration can report how far it landed. */
export const SampleTruth = z.object({
  electronEnergyMeV: z.array(z.number().positive()),
  fNonlin: z.array(z.number()).describe('true E_vis/E_e at electronEnergyMeV, in the Y0 (n-H) scale'),
  annihilationVisibleMeV: z.number().positive(),
  params: NonlinParams.optional().describe('set when the truth is in the model family'),
});
export type SampleTruth = z.infer<typeof SampleTruth>;

/**
 * Calibration sample of `juno.nonlinearity`: sources at the centre (one of them `nH`, which
 * fixes Y0 = (PE_nH - offset) / E_nH, unless `y0PePerMeV` is given), the B-12 spectrum,
 * the dark-noise measurement, optionally the resolution model of the B-12 fold and the truth
 * of a simulation. A JSON file of this shape is a valid CLI `--input`.
 */
export const NonlinearitySample = z.object({
  description: z.string().default('juno.nonlinearity calibration sample'),
  sources: z.array(SourceMeasurement).min(4),
  b12: B12Measurement.optional(),
  darkNoise: DarkNoiseMeasurement.default({ offsetPe: 0, offsetErrPe: 0 }),
  y0: z.object({ y0PePerMeV: z.number().positive(), y0ErrPePerMeV: z.number().nonnegative() }).optional(),
  resolution: ResolutionModel.optional(),
  truth: SampleTruth.optional(),
});
export type NonlinearitySample = z.infer<typeof NonlinearitySample>;
export type NonlinearitySampleInput = z.input<typeof NonlinearitySample>;
