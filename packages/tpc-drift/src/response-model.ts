import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { driftVelocityMmPerUs } from './drift-velocity.js';
import { larDensityGPerCm3 } from './lar-density.js';
import { MODIFIED_BOX_ARGONEUT, RecombinationModelSchema } from './recombination.js';

/**
 * Parameters of the LArTPC charge response model (PHYSICS.md 2.2), with defaults for the
 * DUNE far detector. Every default is an input the user can override; see the README for
 * where each comes from.
 *
 * Correlations matter: a wrong `shapingTimeUs` biases a diffusion measurement from pulse
 * widths; a wrong wire position (geometry) biases vd from the cathode-crosser drift time.
 *
 * @example
 * const rm = ResponseModelSchema.parse({ lifetimeMs: 5 });
 */
export const ResponseModelSchema = z.object({
  fieldKvPerCm: z.number().positive().default(0.5).describe('nominal drift field, kV/cm'),
  temperatureK: z.number().positive().default(87).describe('LAr temperature, K'),
  lifetimeMs: z.number().positive().default(10).describe('electron lifetime, ms'),
  recombination: RecombinationModelSchema.default({ ...MODIFIED_BOX_ARGONEUT }),
  longitudinalDiffusionCm2PerS: z
    .number()
    .nonnegative()
    .default(6.2)
    .describe('D_L, cm2/s: LArSoft default; BNL (Li et al., NIM A 816 (2016) 160) measured 350-2000 V/cm'),
  transverseDiffusionCm2PerS: z
    .number()
    .nonnegative()
    .default(13)
    .describe('D_T, cm2/s: about 13 cm2/s (Derenzo et al., as reviewed in LArTPC DocDB 532)'),
  gainAdcPerElectron: z
    .number()
    .positive()
    .default(4.59e-3)
    .describe('channel gain, ADC counts per electron: 14 mV/fC front end, 12-bit ADC over 2 V'),
  shapingTimeUs: z.number().positive().default(2).describe('electronics peaking (shaping) time, us'),
  tickUs: z.number().positive().default(0.5).describe('digitisation period, us (2 MHz)'),
  noiseElectrons: z.number().nonnegative().default(600).describe('equivalent noise charge per hit, electrons'),
});
export type ResponseModel = z.infer<typeof ResponseModelSchema>;
export type ResponseModelInput = z.input<typeof ResponseModelSchema>;

/** Derived drift conditions of a response model. */
export interface DriftConditions {
  readonly fieldKvPerCm: number;
  readonly temperatureK: number;
  readonly densityGPerCm3: number;
  readonly vdMmPerUs: number;
}

/**
 * Parses a response model (defaults filled) and derives its drift velocity and density.
 *
 * @example
 * const { model, conditions } = responseModel({ temperatureK: 88 });
 * conditions.vdMmPerUs // 1.58
 */
export function responseModel(input: ResponseModelInput = {}): { model: ResponseModel; conditions: DriftConditions } {
  const parsed = ResponseModelSchema.safeParse(input);
  if (!parsed.success) throw new ValidationError('invalid response model', formatZodIssues(parsed.error.issues));
  const model = parsed.data;
  return {
    model,
    conditions: {
      fieldKvPerCm: model.fieldKvPerCm,
      temperatureK: model.temperatureK,
      densityGPerCm3: larDensityGPerCm3(model.temperatureK),
      vdMmPerUs: driftVelocityMmPerUs(model.fieldKvPerCm, model.temperatureK),
    },
  };
}

/**
 * Diffusion spread (cm) after a drift time: sigma = sqrt(2 D t).
 *
 * @param diffusionCm2PerS - D_L or D_T, cm2/s
 * @param driftTimeUs - drift time, us
 * @example
 * diffusionSigmaCm(6.2, 2250) // 0.167 cm
 */
export function diffusionSigmaCm(diffusionCm2PerS: number, driftTimeUs: number): number {
  if (!(diffusionCm2PerS >= 0) || !(driftTimeUs >= 0)) {
    throw new ValidationError(`diffusion ${diffusionCm2PerS} cm2/s over ${driftTimeUs} us: expected both >= 0`);
  }
  return Math.sqrt(2 * diffusionCm2PerS * driftTimeUs * 1e-6);
}

/**
 * Longitudinal diffusion expressed as a time spread (us) at the anode: sigma_t = sigma_L / vd,
 * the quantity that adds in quadrature to the electronics shaping in a pulse width.
 *
 * @example
 * longitudinalDiffusionSigmaUs(6.2, 2250, 1.6) // 1.04 us
 */
export function longitudinalDiffusionSigmaUs(diffusionCm2PerS: number, driftTimeUs: number, vdMmPerUs: number): number {
  if (!(vdMmPerUs > 0)) throw new ValidationError(`drift velocity ${vdMmPerUs} mm/us is invalid: expected > 0`);
  return (10 * diffusionSigmaCm(diffusionCm2PerS, driftTimeUs)) / vdMmPerUs;
}
