import { z } from 'zod';
import type { RandomSource } from '@nucal/core';
import { normal, poisson } from '@nucal/numeric';
import { createLpmtChannels, LaserScanConfigSchema, LpmtChannelsConfigSchema, measuredCharge, simulateLaserScan, type ChargeNonlinearityForm } from '@nucal/optics';
import type { LaserScanMeasurement } from './sample.js';
import { totalChargeResponse, type TotalChargeResponse } from './total-charge-response.js';

/**
 * The channel (instrumental) charge non-linearity of the simulation and the laser scan the
 * detector records (dual calorimetry). Default on, with optics' default channel population:
 * quadratic q_meas = q (1 + c q), 50% at 100 PE (the extreme case the dual-calorimetry design
 * is tested against), 10% coefficient spread, 7% efficiency spread; the central-laser scan at
 * 1-100 PE per channel, 10,000 shots per intensity, 25,600 SPMTs. The channel count is the
 * detector's `lpmtCount`, the single-PE resolution its `speChargeResolution`.
 */
export const InstrumentalSimConfig = z.object({
  enabled: z.boolean().default(true).describe('measure every charge with the channel non-linearity and record a laser scan'),
  channels: LpmtChannelsConfigSchema.omit({ channels: true }).prefault({}),
  laserScan: LaserScanConfigSchema.omit({ speChargeResolution: true }).prefault({}),
});
export type InstrumentalSimConfig = z.infer<typeof InstrumentalSimConfig>;

/** The channel non-linearity a simulation applied (part of its truth). */
export interface InstrumentalTruth {
  readonly form: ChargeNonlinearityForm;
  /** Nominal channel coefficient c, 1/PE (each channel's is spread around it). */
  readonly nominalCoefficientPerPe: number;
  /** Mean over the channels of q_meas / q - 1 at 100 PE. */
  readonly meanNonlinearityAt100Pe: number;
  /** Measured / true - 1 of the total charge of an event of `atPe` true PE, at the n-H peak and at 8 MeV of visible energy. */
  readonly totalChargeBias: readonly { readonly atPe: number; readonly bias: number }[];
}

/** What the simulation needs of the instrumental part: the response, the scan and the truth. */
export interface SimulatedInstrumental {
  /** The true total-charge response: `measuredPe` turns a true total charge into the measured one. */
  readonly response: TotalChargeResponse;
  readonly laserScan: LaserScanMeasurement;
  readonly truth: InstrumentalTruth;
}

/**
 * Draws the channel population (`rng.fork('channels')`), its total-charge response for central
 * light, and the laser scan (`rng.fork('laser-scan')`) as the detector records it.
 *
 * @example
 * const inst = simulateInstrumental(InstrumentalSimConfig.parse({}), { lpmtCount: 17_612, speChargeResolution: 0.3, y0PePerMeV: 1345, darkMeanPe: 184.9 }, rng.fork('instrumental'));
 * inst.response.measuredPe(3000); // about 3026
 */
export function simulateInstrumental(
  config: InstrumentalSimConfig,
  detector: { readonly lpmtCount: number; readonly speChargeResolution: number; readonly y0PePerMeV: number; readonly darkMeanPe: number },
  rng: RandomSource,
): SimulatedInstrumental {
  const channels = createLpmtChannels({ ...config.channels, channels: detector.lpmtCount }, rng.fork('channels'));
  const s = detector.speChargeResolution;
  const response = totalChargeResponse({ form: channels.form, coefficientPerPe: channels.coefficientPerPe, shares: channels.relativeEfficiency, speChargeResolution: s });
  const scan = simulateLaserScan(channels, { ...config.laserScan, speChargeResolution: s }, rng.fork('laser-scan'));
  let nl100 = 0;
  for (const c of channels.coefficientPerPe) nl100 += measuredCharge(channels.form, c, 100) / 100 - 1;
  const atPe = [2.2232 * detector.y0PePerMeV + detector.darkMeanPe, 8 * detector.y0PePerMeV + detector.darkMeanPe];
  return {
    response,
    laserScan: {
      intensitiesPe: Array.from(scan.intensitiesPe),
      spmtMeanPe: Array.from(scan.spmtMeanPe),
      channelMeanChargePe: Array.from(scan.channelMeanChargePe),
      channelMeanChargeErrorPe: Array.from(scan.channelMeanChargeErrorPe),
      shotsPerIntensity: scan.shotsPerIntensity,
      speChargeResolution: scan.speChargeResolution,
    },
    truth: {
      form: channels.form,
      nominalCoefficientPerPe: channels.nominalCoefficientPerPe,
      meanNonlinearityAt100Pe: nl100 / channels.coefficientPerPe.length,
      totalChargeBias: atPe.map((pe) => ({ atPe: pe, bias: response.measuredPe(pe) / pe - 1 })),
    },
  };
}

/**
 * Random-trigger windows as the detector records them: Poisson(dark mean) PE, the charge of
 * n PE Normal(n, s sqrt n) (the draws of optics' `simulateEvents`, in its order), then the
 * measured total charge through `measured`.
 *
 * @example
 * const triggers = measuredRandomTriggers(10_000, 184.9, 0.3, (q) => response.measuredPe(q), rng.fork('random-triggers'));
 */
export function measuredRandomTriggers(count: number, darkMeanPe: number, speChargeResolution: number, measured: (q: number) => number, rng: RandomSource): number[] {
  const out = new Array<number>(count);
  for (let k = 0; k < count; k++) {
    const pe = poisson(rng, darkMeanPe);
    const q = speChargeResolution > 0 && pe > 0 ? normal(rng, pe, speChargeResolution * Math.sqrt(pe)) : pe;
    out[k] = Math.max(0, measured(q));
  }
  return out;
}
