import { z } from 'zod';
import { OutOfRangeError, ValidationError, formatZodIssues } from '@nucal/core';
import { driftVelocityMmPerUs, type ResponseModel } from '@nucal/tpc-drift';

/**
 * Injected truth of one TPC (the CLI's `--inject <json>`): a t0 offset between the trigger and
 * the TPC clock, the drift velocity (directly, or from a field and temperature through the
 * Walkowiak/ICARUS parametrisation of `@nucal/tpc-drift`), the electron lifetime with an
 * optional linear height dependence, and a relative channel gain. Omitted values take the
 * nominal response model.
 */
export const TpcTruthInputSchema = z
  .object({
    t0OffsetUs: z.number().min(-1000).max(1000).optional().describe('TPC clock minus trigger time, us (early t0 > 0 shows as x > 0 at the anode)'),
    vdMmPerUs: z.number().min(0.5).max(3).optional().describe('drift velocity, mm/us (overrides field/temperature)'),
    fieldKvPerCm: z.number().positive().optional().describe('drift field, kV/cm, for the drift velocity'),
    temperatureK: z.number().positive().optional().describe('LAr temperature, K, for the drift velocity'),
    lifetimeMs: z.number().positive().optional().describe('electron lifetime at mid-height (y = 0), ms'),
    lifetimeSlopePerM: z
      .number()
      .min(-0.16)
      .max(0.16)
      .optional()
      .describe('relative lifetime change per metre of height: tau(y) = lifetimeMs (1 + slope y/m), y from mid-height'),
    gainScale: z.number().min(0.5).max(2).optional().describe('true channel gain relative to the nominal response model'),
  })
  .strict();
export type TpcTruthInput = z.infer<typeof TpcTruthInputSchema>;

/** The whole injection: values for every TPC, then per-TPC overrides keyed by TPC index ("0".."3"). */
export const InjectSchema = z
  .object({
    all: TpcTruthInputSchema.prefault({}),
    tpcs: z.record(z.string().regex(/^\d+$/, 'expected a TPC index such as "0"'), TpcTruthInputSchema).prefault({}),
  })
  .strict();
export type Inject = z.infer<typeof InjectSchema>;
export type InjectInput = z.input<typeof InjectSchema>;

/** Fully resolved truth of one TPC. */
export interface TpcTruth {
  readonly tpc: number;
  readonly t0OffsetUs: number;
  readonly vdMmPerUs: number;
  /** Drift field, kV/cm (recombination depends on it). */
  readonly fieldKvPerCm: number;
  readonly lifetimeMs: number;
  readonly lifetimeSlopePerM: number;
  readonly gainAdcPerElectron: number;
}

/**
 * Resolves an injection against the nominal response model for `nTpc` TPCs of half-height
 * `halfHeightCm`; checks that the lifetime stays positive over the whole height.
 *
 * @example
 * resolveInject({ tpcs: { '1': { t0OffsetUs: 3 } } }, responseModel().model, 4, 600)[1].t0OffsetUs // 3
 */
export function resolveInject(inject: InjectInput, nominal: ResponseModel, nTpc: number, halfHeightCm: number): TpcTruth[] {
  const parsed = InjectSchema.safeParse(inject);
  if (!parsed.success) throw new ValidationError('invalid --inject truth', formatZodIssues(parsed.error.issues));
  const { all, tpcs } = parsed.data;
  for (const key of Object.keys(tpcs)) {
    if (Number(key) >= nTpc) throw new ValidationError(`inject names TPC ${key}: expected an index below ${nTpc}`);
  }
  const out: TpcTruth[] = [];
  for (let k = 0; k < nTpc; k++) {
    const t = { ...all, ...(tpcs[String(k)] ?? {}) };
    const vd =
      t.vdMmPerUs ?? driftVelocityMmPerUs(t.fieldKvPerCm ?? nominal.fieldKvPerCm, t.temperatureK ?? nominal.temperatureK);
    const lifetimeMs = t.lifetimeMs ?? nominal.lifetimeMs;
    const slope = t.lifetimeSlopePerM ?? 0;
    const worst = 1 - Math.abs(slope) * (halfHeightCm / 100);
    if (!(worst > 0.05)) {
      throw new OutOfRangeError(`TPC ${k}: lifetime slope ${slope}/m makes the lifetime vanish within +-${halfHeightCm / 100} m: expected |slope| < ${(0.95 / (halfHeightCm / 100)).toFixed(3)}/m`);
    }
    out.push({
      tpc: k,
      t0OffsetUs: t.t0OffsetUs ?? 0,
      vdMmPerUs: vd,
      fieldKvPerCm: t.fieldKvPerCm ?? nominal.fieldKvPerCm,
      lifetimeMs,
      lifetimeSlopePerM: slope,
      gainAdcPerElectron: nominal.gainAdcPerElectron * (t.gainScale ?? 1),
    });
  }
  return out;
}

/**
 * Electron lifetime at height `yCm` (from mid-height) under a truth: tau (1 + slope y/m), ms.
 *
 * @example lifetimeAtHeightMs({ lifetimeMs: 10, lifetimeSlopePerM: 0.05 } as TpcTruth, 200) // 11
 */
export function lifetimeAtHeightMs(truth: Pick<TpcTruth, 'lifetimeMs' | 'lifetimeSlopePerM'>, yCm: number): number {
  return truth.lifetimeMs * (1 + truth.lifetimeSlopePerM * (yCm / 100));
}
