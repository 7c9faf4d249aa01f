import { z } from 'zod';
import {
  NotFoundError,
  OutOfRangeError,
  ValidationError,
  defineReconstructionPlugin,
  formatZodIssues,
  type ConditionsProvider,
  type ReconstructionPlugin,
  type Time,
} from '@nucal/core';
import { duneFdSpModule, xAtDriftDistanceCm, type LArTpcModule } from '@nucal/geometry';
import { dEdxFromdQdx } from './recombination.js';
import { spaceChargeEvaluator, spaceChargeRecord, type SpaceChargeEvaluator, type SpaceChargePayload } from './space-charge-map.js';
import {
  driftVelocityRecord,
  duneEnergyScaleRecord,
  lifetimeRecord,
  t0Record,
  type EnergyScalePayload,
  type LifetimeEntry,
} from './records.js';
import { TPC_DRIFT_VERSION } from './version.js';

/** A raw hit on a collection wire. */
export const RawHitSchema = z.object({
  tpc: z.number().int().nonnegative(),
  channel: z.number().int().nonnegative(),
  tick: z.number().describe('hit peak time in digitisation ticks from the start of the readout window'),
  chargeAdc: z.number().describe('hit charge, ADC (the unit the energy-scale constant converts to electrons)'),
  pitchCm: z.number().positive().optional().describe('3D track length per wire from tracking, cm (default: the collection wire pitch)'),
  yCm: z.number().optional().describe('hit height from tracking, cm (selects a lifetime height slice; corrected for space charge when a map is valid)'),
  zCm: z.number().optional().describe('hit position along the beam from tracking, cm (corrected for space charge when a map is valid)'),
});
export type RawHit = z.infer<typeof RawHitSchema>;

/** An event for {@link hitsPlugin}: its time (selects the conditions) and raw hits. */
export interface HitsEvent {
  readonly time: Time;
  readonly hits: readonly RawHit[];
}

/** A calibrated hit. */
export interface CorrectedHit {
  readonly tpc: number;
  readonly channel: number;
  /** Drift time t - t0, us. */
  readonly driftTimeUs: number;
  /** Position along the drift, cm (module coordinates). */
  readonly xCm: number;
  /** Charge per cm after the lifetime correction, electrons/cm. */
  readonly dQdxElectronsPerCm: number;
  /** Energy loss, MeV/cm; null beyond the recombination model's range (Birks saturation). */
  readonly dEdxMeVPerCm: number | null;
  /**
   * Height and position along the beam corrected for space charge (the apparent yCm / zCm minus
   * the `dune.space-charge` displacement at the hit), cm; the input values unchanged when no map
   * is valid at the event time; absent when the raw hit had none.
   */
  readonly yCm?: number;
  readonly zCm?: number;
}

/** Options of {@link hitsPlugin}. */
export interface HitsPluginOptions {
  /** Geometry (default {@link duneFdSpModule}()). */
  readonly module?: LArTpcModule;
  /** Digitisation period, us (default 0.5: 2 MHz). */
  readonly tickUs?: number;
  /** Tick of the trigger in the readout window (default 0). */
  readonly triggerTick?: number;
  /**
   * The `dune.space-charge` map: 'optional' (default) resolves it for every event and corrects
   * positions when an IOV covers the event, passing them through otherwise (through an
   * `IovCache` a miss costs one lookup: the cache remembers the `NoIovError` up to the first
   * IOV, or for good when the global tag maps no tag for it); 'required' fails without one;
   * 'off' never looks it up (the far detector at depth, where the map is zero).
   */
  readonly spaceCharge?: 'optional' | 'required' | 'off';
}

const HitsSchema = z.array(RawHitSchema);

/**
 * The `dune.hits` reconstruction plugin: raw hits to calibrated (x, dQ/dx, dE/dx) with the
 * constants valid at the event time, resolved from the conditions provider (wrap it in core's
 * `IovCache` so that lookups only happen when an event leaves the current interval):
 * 1. drift time t = (tick - triggerTick) tickUs - t0Offset[tpc]          (`dune.t0`)
 * 2. x = x_anode - driftSign vd[tpc] t                                      (`dune.drift-velocity`)
 * 3. electrons = chargeAdc x electronsPerAdc[tpc] x exp(t / tau[tpc, y])   (`dune.energy-scale`, `dune.lifetime`)
 * 4. dQ/dx = electrons / pitch; dE/dx by the inverse of the payload's recombination model
 *    at its field and density.
 * A lifetime height slice is used when the hit has yCm inside one, else the whole-TPC entry.
 * 5. Space charge (`options.spaceCharge`, `dune.space-charge`, not in `requires`): when a map is valid at the
 *    event time, hits with yCm / zCm get them corrected by the map's transverse displacement at
 *    (x, y, z) (z taken as the module's mid-length when absent); with no IOV (the far detector at
 *    depth, where the distortion is negligible) the positions pass through unchanged. The lifetime
 *    slice is chosen with the corrected height.
 *
 * @example
 * const plugin = hitsPlugin();
 * const conditions = new IovCache(provider);
 * const out = await plugin.process({ time: timestampTime(ns), hits }, conditions);
 */
export function hitsPlugin(options: HitsPluginOptions = {}): ReconstructionPlugin<HitsEvent, { time: Time; hits: CorrectedHit[] }> {
  const module = options.module ?? duneFdSpModule();
  const tickUs = options.tickUs ?? 0.5;
  const triggerTick = options.triggerTick ?? 0;
  const sceMode = options.spaceCharge ?? 'optional';
  const wirePitchCm = (module.wirePlanes.find((w) => w.role === 'collection')?.pitchMm ?? 4.79) / 10;
  // One evaluator per payload object (an IovCache hands out the same object while the IOV lasts).
  const evaluators = new WeakMap<SpaceChargePayload, SpaceChargeEvaluator>();
  const evaluatorOf = (p: SpaceChargePayload): SpaceChargeEvaluator => {
    let e = evaluators.get(p);
    if (e === undefined) evaluators.set(p, (e = spaceChargeEvaluator(p, module.active)));
    return e;
  };
  // scratch of the displacement: the per-hit loop below has no await, so calls cannot interleave
  const d = { dyCm: 0, dzCm: 0 };
  return defineReconstructionPlugin({
    id: 'dune.hits',
    version: TPC_DRIFT_VERSION,
    requires: [t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord],
    async process(event: HitsEvent, conditions: ConditionsProvider) {
      const parsed = HitsSchema.safeParse(event.hits);
      if (!parsed.success) throw new ValidationError('invalid raw hits', formatZodIssues(parsed.error.issues));
      const [t0, vd, lifetime, scale] = await Promise.all([
        conditions.resolve(t0Record, event.time),
        conditions.resolve(driftVelocityRecord, event.time),
        conditions.resolve(lifetimeRecord, event.time),
        conditions.resolve(duneEnergyScaleRecord, event.time),
      ]);
      const scePayload =
        sceMode === 'off' ? null : sceMode === 'required' ? (await conditions.resolve(spaceChargeRecord, event.time)).payload : await optionalSpaceCharge(conditions, event.time);
      const sce = scePayload === null ? null : evaluatorOf(scePayload);
      const nt = module.tpcs.length;
      const perTpc = <T>(entries: readonly T[], tpcOf: (e: T) => number): (T | undefined)[] => {
        const out = new Array<T | undefined>(nt);
        for (const e of entries) if (tpcOf(e) < nt) out[tpcOf(e)] = e;
        return out;
      };
      const t0s = perTpc(t0.payload.tpcs, (e) => e.tpc);
      const vds = perTpc(vd.payload.tpcs, (e) => e.tpc);
      const gains = scaleByTpc(scale.payload, nt);
      const medium = {
        fieldKvPerCm: scale.payload.fieldKvPerCm,
        densityGPerCm3: scale.payload.densityGPerCm3,
        wMeV: scale.payload.wMeV,
      };
      const hits = parsed.data.map((h): CorrectedHit => {
        const tpc = module.tpcs[h.tpc];
        if (tpc === undefined) throw new ValidationError(`hit on channel ${h.channel} has TPC ${h.tpc}: the module has TPCs 0..${nt - 1}`);
        const t0e = t0s[h.tpc];
        const vde = vds[h.tpc];
        if (t0e === undefined) throw new ValidationError(`dune.t0 at this time has no entry for TPC ${h.tpc}`);
        if (vde === undefined) throw new ValidationError(`dune.drift-velocity at this time has no entry for TPC ${h.tpc}`);
        const driftTimeUs = (h.tick - triggerTick) * tickUs - t0e.t0OffsetUs;
        const xCm = xAtDriftDistanceCm(tpc, (vde.vdMmPerUs * driftTimeUs) / 10);
        let yCm = h.yCm;
        let zCm = h.zCm;
        if (sce && (yCm !== undefined || zCm !== undefined)) {
          const a = module.active;
          sce.displacement(tpc, xCm, yCm ?? 0.5 * (a.yMin + a.yMax), zCm ?? 0.5 * (a.zMin + a.zMax), d);
          if (yCm !== undefined) yCm -= d.dyCm;
          if (zCm !== undefined) zCm -= d.dzCm;
        }
        const tau = lifetimeFor(lifetime.payload.entries, h.tpc, yCm);
        const electrons = h.chargeAdc * gains[h.tpc]! * Math.exp(driftTimeUs / (1000 * tau));
        const dQdx = electrons / (h.pitchCm ?? wirePitchCm);
        let dEdx: number | null;
        try {
          dEdx = dEdxFromdQdx(scale.payload.recombination, dQdx, medium);
        } catch (e) {
          if (!(e instanceof OutOfRangeError)) throw e;
          dEdx = null;
        }
        return {
          tpc: h.tpc,
          channel: h.channel,
          driftTimeUs,
          xCm,
          dQdxElectronsPerCm: dQdx,
          dEdxMeVPerCm: dEdx,
          ...(yCm === undefined ? {} : { yCm }),
          ...(zCm === undefined ? {} : { zCm }),
        };
      });
      return { time: event.time, hits };
    },
  });
}

/** The space-charge map valid at `at`, or null when no IOV covers it (no correction). */
async function optionalSpaceCharge(conditions: ConditionsProvider, at: Time): Promise<SpaceChargePayload | null> {
  try {
    return (await conditions.resolve(spaceChargeRecord, at)).payload;
  } catch (e) {
    if (e instanceof NotFoundError) return null;
    throw e;
  }
}

function scaleByTpc(p: EnergyScalePayload, nt: number): number[] {
  const out = new Array<number>(nt).fill(p.electronsPerAdc);
  for (const e of p.tpcs ?? []) if (e.tpc < nt) out[e.tpc] = e.electronsPerAdc;
  return out;
}

/** The lifetime of a TPC at a height: the slice containing y if any, else the whole-TPC entry. */
function lifetimeFor(entries: readonly LifetimeEntry[], tpc: number, yCm: number | undefined): number {
  let whole: number | undefined;
  for (const e of entries) {
    if (e.tpc !== tpc) continue;
    if (e.yMinCm === undefined || e.yMaxCm === undefined) whole = e.lifetimeMs;
    else if (yCm !== undefined && yCm >= e.yMinCm && yCm < e.yMaxCm) return e.lifetimeMs;
  }
  if (whole === undefined) throw new ValidationError(`dune.lifetime at this time has no whole-TPC entry for TPC ${tpc}`);
  return whole;
}
