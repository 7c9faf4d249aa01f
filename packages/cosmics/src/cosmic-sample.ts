import { z } from 'zod';
import { LArTpcModuleConfigSchema } from '@nucal/geometry';
import { ResponseModelSchema } from '@nucal/tpc-drift';

/** Segment end types: where a track piece in one TPC starts or ends. */
export const SegmentEnd = Object.freeze({
  /** A face of the active volume that is not an anode (top, bottom, z ends). */
  BOUNDARY: 0,
  /** An anode plane (inner APA face or outer anode): drift distance 0. */
  ANODE: 1,
  /** A cathode plane: full drift distance. */
  CATHODE: 2,
  /** The muon stops here. */
  STOP: 3,
});

const f64 = z.instanceof(Float64Array);
const f32 = z.instanceof(Float32Array);
const i32 = z.instanceof(Int32Array);
const u8 = z.instanceof(Uint8Array);

/**
 * Tracks of a cosmic sample, one entry per muon that entered the active volume, as parallel
 * typed arrays. `flags` holds {@link TrackClass} bits; path lengths are along the track from
 * where it entered the active volume (a perfectly reconstructed 3D trajectory is assumed; only
 * the drift coordinate is uncertain, which is what t0 and vd calibrate).
 */
export const TrackTableSchema = z.object({
  count: z.number().int().nonnegative(),
  flags: u8,
  /** Trigger (event) time since the start of the sample, s. */
  timeS: f64,
  /** Path length inside the active volume (to the stopping point for stopping muons), cm. */
  lengthCm: f32,
  /** cos(zenith) of the track. */
  cosZenith: f32,
});
export type TrackTable = z.infer<typeof TrackTableSchema>;

/** Per-TPC pieces of tracks with their end types ({@link SegmentEnd}) and hit ranges. */
export const SegmentTableSchema = z.object({
  count: z.number().int().nonnegative(),
  track: i32,
  tpc: u8,
  startPathCm: f32,
  endPathCm: f32,
  startKind: u8,
  endKind: u8,
  /** Index of the first collection-plane hit of the segment and the number of hits. */
  firstHit: i32,
  hitCount: i32,
});
export type SegmentTable = z.infer<typeof SegmentTableSchema>;

/**
 * Collection-plane hits, one per wire crossed: measured time relative to the trigger
 * (us, includes the TPC's t0 offset), integrated charge (ADC counts), the track pitch seen by
 * the wire (cm), and the hit's height y (cm, from the wire position) for height slices.
 */
export const HitTableSchema = z.object({
  count: z.number().int().nonnegative(),
  track: i32,
  tpc: u8,
  channel: i32,
  pathCm: f32,
  yCm: f32,
  pitchCm: f32,
  timeUs: f64,
  chargeAdc: f32,
});
export type HitTable = z.infer<typeof HitTableSchema>;

/** Michel electron clusters at the end of stopping muons: time (us after trigger), height, summed charge (ADC). */
export const MichelTableSchema = z.object({
  count: z.number().int().nonnegative(),
  track: i32,
  tpc: u8,
  timeUs: f64,
  yCm: f32,
  chargeAdc: f32,
});
export type MichelTable = z.infer<typeof MichelTableSchema>;

/**
 * A cosmic-muon calibration sample: what the detector would record over `days`, plus the
 * nominal response model the reconstruction assumes (not the injected truth).
 */
export const CosmicSampleSchema = z.object({
  days: z.number().positive(),
  depthKmwe: z.number().positive(),
  module: LArTpcModuleConfigSchema,
  /** Nominal response model assumed by the reconstruction (field, temperature, recombination, nominal gain). */
  response: ResponseModelSchema,
  /** Collection-plane wire pitch, cm, and the cut on the track pitch applied when making hits. */
  wirePitchCm: z.number().positive(),
  maxTrackPitchCm: z.number().positive(),
  tracks: TrackTableSchema,
  segments: SegmentTableSchema,
  hits: HitTableSchema,
  michel: MichelTableSchema,
});
export type CosmicSample = z.infer<typeof CosmicSampleSchema>;

/** What the pattern recognition did: counts, and the event of each reconstructed track. */
export const ReconstructionInfoSchema = z.object({
  events: z.number().int().nonnegative(),
  /** Hits in the collection, and charge-view hits attached to reconstructed segments. */
  hits: z.number().int().nonnegative(),
  chargeHitsOnTracks: z.number().int().nonnegative(),
  /** 2D lines per view found, 3D segments built, stitches across an APA or CPA. */
  lines: z.number().int().nonnegative(),
  segments: z.number().int().nonnegative(),
  stitches: z.number().int().nonnegative(),
  /**
   * Reconstructed 3D end points of each segment (segment order), cm, module frame; x from the
   * apparent drift distance (nominal vd, t0 = trigger). Start is the upper end of the track.
   */
  segmentEnds: z.object({
    startXCm: f32,
    startYCm: f32,
    startZCm: f32,
    endXCm: f32,
    endYCm: f32,
    endZCm: f32,
  }),
  /** Event (trigger) index of each reconstructed track. */
  trackEvent: i32,
});
export type ReconstructionInfo = z.infer<typeof ReconstructionInfoSchema>;

/**
 * A cosmic sample as the pattern recognition reconstructs it from a hit collection
 * (`reconstructCosmics`): tracks with their classes, per-TPC segments with reconstructed end
 * types, the charge-view hits attached to them (path, height and pitch from the reconstructed
 * 3D line) and the Michel candidates. The calibration steps take this type; the simulation's
 * truth tables have the layout of {@link CosmicSample} but no `reconstruction` block, so they
 * cannot be passed by mistake.
 */
export const ReconstructedSampleSchema = CosmicSampleSchema.extend({ reconstruction: ReconstructionInfoSchema });
export type ReconstructedSample = z.infer<typeof ReconstructedSampleSchema>;
