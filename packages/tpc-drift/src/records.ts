import { z } from 'zod';
import { FitSummarySchema, defineRecord } from '@nucal/core';
import { RecombinationModelSchema } from './recombination.js';

const TpcId = z.number().int().nonnegative().describe('drift volume id (geometry TpcVolume.id)');

/**
 * The per-TPC list every DUNE payload carries: entries with a `tpc` id, none listed twice
 * (the key, by default the TPC id, says what must be unique; the issue names it).
 */
function perTpcList<E extends z.ZodType<{ tpc: number }>>(entry: E, key: (e: z.output<E>) => string = (e) => String(e.tpc), what = 'tpc') {
  return z.array(entry).superRefine((entries, ctx) => {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const k = key(e);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: `duplicate ${what} ${k}` });
      seen.add(k);
    });
  });
}

/** One TPC's time offset. */
export const T0TpcSchema = z.object({
  tpc: TpcId,
  t0OffsetUs: z.number().describe('TPC time zero minus trigger time, us: drift time = hit time - trigger time - t0OffsetUs'),
  errorUs: z.number().nonnegative(),
  nTracks: z.number().int().nonnegative().describe('anode-crossing segments used'),
  fit: FitSummarySchema,
});
export type T0Tpc = z.infer<typeof T0TpcSchema>;
/** Payload of `dune.t0` v1: a time offset per TPC from anode crossers. */
export const T0PayloadSchema = z.object({
  method: z.enum(['segments', 'gap']).describe('per-side segment displacement, or half the apparent gap of two-sided crossers'),
  tpcs: perTpcList(T0TpcSchema).min(1),
});
export type T0Payload = z.infer<typeof T0PayloadSchema>;
/**
 * `dune.t0` v1: offset between the trigger (photon detector) time and each TPC's time zero.
 *
 * @example
 * t0Record.schema.parse({ method: 'segments', tpcs: [{ tpc: 1, t0OffsetUs: 12.3, errorUs: 0.2, nTracks: 240, fit }] })
 */
export const t0Record = defineRecord({
  name: 'dune.t0',
  version: 1,
  schema: T0PayloadSchema,
  description: 'Per-TPC time offset between trigger and TPC time zero (us), from anode-crossing cosmic muons',
});

/** One TPC's average drift velocity. */
export const DriftVelocityTpcSchema = z.object({
  tpc: TpcId,
  vdMmPerUs: z.number().positive().describe('drift velocity averaged over the full drift, mm/us'),
  errorMmPerUs: z.number().nonnegative(),
  nTracks: z.number().int().nonnegative().describe('cathode-crossing segments used'),
  driftLengthCm: z.number().positive().describe('anode-cathode distance assumed, cm'),
  fit: FitSummarySchema.optional(),
});
export type DriftVelocityTpc = z.infer<typeof DriftVelocityTpcSchema>;
/** Payload of `dune.drift-velocity` v1. */
export const DriftVelocityPayloadSchema = z.object({
  tpcs: perTpcList(DriftVelocityTpcSchema).min(1),
});
export type DriftVelocityPayload = z.infer<typeof DriftVelocityPayloadSchema>;
/**
 * `dune.drift-velocity` v1: <vd> per TPC from cathode crossers with t0 known.
 *
 * @example
 * driftVelocityRecord.schema.parse({ tpcs: [{ tpc: 0, vdMmPerUs: 1.6, errorMmPerUs: 0.002, nTracks: 300, driftLengthCm: 360 }] })
 */
export const driftVelocityRecord = defineRecord({
  name: 'dune.drift-velocity',
  version: 1,
  schema: DriftVelocityPayloadSchema,
  description: 'Per-TPC drift velocity averaged over the drift (mm/us), from cathode-crossing cosmic muons',
});

/** Estimator of the per-bin dQ/dx scale in a lifetime fit. */
export const LifetimeEstimatorSchema = z.enum(['truncated-mean', 'langau-mpv']);
export type LifetimeEstimator = z.infer<typeof LifetimeEstimatorSchema>;

/** One TPC's (or one height slice's) electron lifetime. */
export const LifetimeEntrySchema = z.object({
  tpc: TpcId,
  yMinCm: z.number().optional().describe('lower edge of the height slice, cm; absent for the whole TPC'),
  yMaxCm: z.number().optional().describe('upper edge of the height slice, cm'),
  lifetimeMs: z.number().positive(),
  errorMs: z.number().nonnegative(),
  nHits: z.number().int().nonnegative(),
  fit: FitSummarySchema.describe('exponential fit of the estimator vs drift time: q0 and inverseLifetimePerMs'),
});
export type LifetimeEntry = z.infer<typeof LifetimeEntrySchema>;
/** Payload of `dune.lifetime` v1. */
export const LifetimePayloadSchema = z.object({
  estimator: LifetimeEstimatorSchema,
  entries: perTpcList(LifetimeEntrySchema, (e) => `${e.tpc}[${e.yMinCm ?? ''},${e.yMaxCm ?? ''})`, 'tpc/height slice').min(1),
});
export type LifetimePayload = z.infer<typeof LifetimePayloadSchema>;
/**
 * `dune.lifetime` v1: electron lifetime per TPC and optionally per height slice.
 *
 * @example
 * lifetimeRecord.schema.parse({ estimator: 'truncated-mean', entries: [{ tpc: 0, lifetimeMs: 5.1, errorMs: 0.1, nHits: 1e5, fit }] })
 */
export const lifetimeRecord = defineRecord({
  name: 'dune.lifetime',
  version: 1,
  schema: LifetimePayloadSchema,
  description: 'Electron lifetime (ms) per TPC and height slice, from dQ/dx vs drift time of through-going muons',
});

/** Payload of `dune.energy-scale` v1: the charge calibration constant and the model it goes with. */
export const EnergyScalePayloadSchema = z.object({
  electronsPerAdc: z.number().positive().describe('calibration constant: electrons = electronsPerAdc x hit charge (ADC)'),
  errorElectronsPerAdc: z.number().nonnegative(),
  recombination: RecombinationModelSchema,
  fieldKvPerCm: z.number().positive(),
  densityGPerCm3: z.number().positive(),
  wMeV: z.number().positive().describe('ionisation work function used, MeV per pair'),
  method: z.string().min(1).describe("how it was measured, e.g. 'stopping-muon-mip'"),
  tpcs: perTpcList(z.object({ tpc: TpcId, electronsPerAdc: z.number().positive(), errorElectronsPerAdc: z.number().nonnegative() }))
    .optional()
    .describe('per-TPC constants; when absent the global one applies everywhere'),
  fit: FitSummarySchema.optional(),
});
export type EnergyScalePayload = z.infer<typeof EnergyScalePayloadSchema>;
/**
 * `dune.energy-scale` v1: dQ/dx calibration constant (electrons per ADC), with the
 * recombination model, field and density needed to turn dQ/dx into dE/dx.
 *
 * @example
 * duneEnergyScaleRecord.schema.parse({ electronsPerAdc: 218, errorElectronsPerAdc: 1, recombination: MODIFIED_BOX_ARGONEUT,
 *   fieldKvPerCm: 0.5, densityGPerCm3: 1.393, wMeV: 23.6e-6, method: 'stopping-muon-mip' })
 */
export const duneEnergyScaleRecord = defineRecord({
  name: 'dune.energy-scale',
  version: 1,
  schema: EnergyScalePayloadSchema,
  description: 'Charge calibration constant (electrons per ADC) with recombination model, field and density',
});
