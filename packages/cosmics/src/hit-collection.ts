import { z } from 'zod';
import { LArTpcModuleConfigSchema } from '@nucal/geometry';
import { ResponseModelSchema } from '@nucal/tpc-drift';

const f64 = z.instanceof(Float64Array);
const f32 = z.instanceof(Float32Array);
const i32 = z.instanceof(Int32Array);
const u8 = z.instanceof(Uint8Array);

/**
 * One wire plane that was read out: its name in the module's wire-plane list, its role, pitch
 * and wire angle. Wire w of a plane has its centre at pitch coordinate
 * c = cMinCm + (w + 0.5) pitchCm, where c = -y sin(angle) + z cos(angle) (the pitch direction in
 * the y-z plane) and cMinCm is the smallest c over the active volume's y-z face.
 */
export const ReadoutViewSchema = z.object({
  name: z.enum(['U', 'V', 'X']),
  role: z.enum(['induction', 'collection']),
  pitchCm: z.number().positive(),
  angleFromVerticalDeg: z.number().gte(-90).lte(90),
  /** Pitch coordinate of the edge of wire 0, cm. */
  cMinCm: z.number(),
  /** Wires per TPC in this view. */
  wires: z.number().int().positive(),
});
export type ReadoutView = z.infer<typeof ReadoutViewSchema>;

/**
 * Triggers (events): one per photon-detector trigger. Hit ticks count from the trigger time.
 * The hits of event e are `hits[firstHit[e] .. firstHit[e] + hitCount[e])`.
 */
export const HitEventTableSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Trigger (photon-detector) time since the start of the run, s. */
  triggerTimeS: f64,
  firstHit: i32,
  hitCount: i32,
});
export type HitEventTable = z.infer<typeof HitEventTableSchema>;

/**
 * Reconstructed wire hits (pulse fits on the deconvolved waveforms): per hit the event, the TPC
 * (drift volume whose anode face the wire belongs to), the view (index into
 * {@link HitCollection.views}), the wire number in that view and TPC, the peak time in ticks
 * after the trigger (fractional: fitted), the pulse width (ticks, rms) and the integrated
 * charge (ADC counts). Nothing about the particle that made it.
 */
export const HitRowsSchema = z.object({
  count: z.number().int().nonnegative(),
  event: i32,
  tpc: u8,
  view: u8,
  wire: i32,
  tick: f32,
  widthTicks: f32,
  chargeAdc: f32,
});
export type HitRows = z.infer<typeof HitRowsSchema>;

/**
 * What a DUNE-like LArTPC records for a cosmic-muon calibration: hits per channel, grouped by
 * trigger, plus what the experiment knows without Monte Carlo truth (the module geometry, the
 * wire planes read out, the digitisation tick and the nominal response model that the
 * reconstruction assumes). This is the only input of the calibration (`dune.cosmics`); it has
 * no truth field by construction (a test pins the field list).
 *
 * @example
 * const { hits } = simulateCosmics({ days: 0.1 }, createRng(1));
 * HitCollectionSchema.parse(hits).hits.count
 */
export const HitCollectionSchema = z
  .object({
    format: z.literal('nucal.dune.hits'),
    formatVersion: z.literal(1),
    /** Live time of the run, days. */
    liveDays: z.number().positive(),
    /** Site depth, km water equivalent (for the planner's expected rates). */
    depthKmwe: z.number().positive(),
    module: LArTpcModuleConfigSchema,
    /** Nominal response model assumed by the reconstruction (not the truth of a simulation). */
    response: ResponseModelSchema,
    /** Digitisation period, us. */
    tickUs: z.number().positive(),
    views: z.array(ReadoutViewSchema).min(1),
    events: HitEventTableSchema,
    hits: HitRowsSchema,
  })
  .strict();
export type HitCollection = z.infer<typeof HitCollectionSchema>;

/** The fields of a hit collection (pinned by a test: adding a truth field must be a visible change). */
export const HIT_COLLECTION_FIELDS = Object.freeze({
  top: ['format', 'formatVersion', 'liveDays', 'depthKmwe', 'module', 'response', 'tickUs', 'views', 'events', 'hits'],
  events: ['count', 'triggerTimeS', 'firstHit', 'hitCount'],
  hits: ['count', 'event', 'tpc', 'view', 'wire', 'tick', 'widthTicks', 'chargeAdc'],
});
