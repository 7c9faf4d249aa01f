import type { LArTpcModule, TrackGeometry } from '@nucal/geometry';

/**
 * Track classes as bit flags (a track can be several: a full-TPC crosser is also an APA and a
 * CPA crosser). Classification uses the true track geometry, i.e. it assumes perfect pattern
 * recognition of the track topology; what the calibrations measure (times, charges) is not truth.
 */
export const TrackClass = Object.freeze({
  /** Crosses an inner anode plane: charge on both sides of an APA. */
  APA_INNER: 1,
  /** Enters or leaves through an outer anode plane (a face of the active volume): x = 0 at that end. */
  APA_OUTER: 2,
  /** Crosses a cathode plane: charge on both sides of a CPA. */
  CPA: 4,
  /** Has a segment spanning a whole drift volume, anode to cathode. */
  FULL_TPC: 8,
  /** Stops inside the active volume (CSDA range shorter than the chord). */
  STOPPING: 16,
  /** Stopping muon that decays (Michel electron) rather than being captured. */
  MICHEL: 32,
  /** Downward through-going: no anode or cathode crossing, does not stop. */
  THROUGHGOING: 64,
});
/** Any APA crosser (inner or outer anode), the t0 sample. */
export const APA_ANY = TrackClass.APA_INNER | TrackClass.APA_OUTER;

/** Names of the classes in rate tables, in print order, with their selection mask. */
export const TRACK_CLASS_NAMES = Object.freeze([
  ['apa', APA_ANY],
  ['apaInner', TrackClass.APA_INNER],
  ['cpa', TrackClass.CPA],
  ['fullTpc', TrackClass.FULL_TPC],
  ['throughgoing', TrackClass.THROUGHGOING],
  ['stopping', TrackClass.STOPPING],
  ['michel', TrackClass.MICHEL],
] as const);
export type TrackClassName = (typeof TRACK_CLASS_NAMES)[number][0];

/**
 * Class flags of a track from its geometry in the module (without the Michel flag, which is
 * a decay choice).
 *
 * @example classifyTrack(module, trackThroughModule(module, track)!) & TrackClass.CPA
 */
export function classifyTrack(module: LArTpcModule, g: TrackGeometry): number {
  let flags = 0;
  for (const c of g.crossings) flags |= c.kind === 'APA' ? TrackClass.APA_INNER : TrackClass.CPA;
  // The outer x faces of the active volume are anode planes.
  if (g.entryFace === 'x-' || g.entryFace === 'x+' || g.exitFace === 'x-' || g.exitFace === 'x+') flags |= TrackClass.APA_OUTER;
  if (g.exitFace === 'inside') flags |= TrackClass.STOPPING;
  const tol = 1e-6 * module.driftLengthCm;
  for (const s of g.segments) {
    if (Math.abs(s.end.x - s.start.x) >= module.tpcs[s.tpc]!.driftLengthCm - tol) flags |= TrackClass.FULL_TPC;
  }
  if ((flags & (APA_ANY | TrackClass.CPA | TrackClass.STOPPING)) === 0) flags |= TrackClass.THROUGHGOING;
  return flags;
}
