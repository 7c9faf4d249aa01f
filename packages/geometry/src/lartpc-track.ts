import { ValidationError } from '@nucal/core';
import { lineBoxIntersection, type BoxFace } from './box.js';
import type { DriftPlaneKind, LArTpcModule } from './lartpc-module.js';
import { pointAlong, unitVector, type PointCm, type Vec3 } from './point.js';

/**
 * A straight track: the line `origin + t * direction` (t in cm along the unit direction),
 * optionally limited to [tMinCm, tMaxCm] (a track that starts or stops inside the module).
 */
export interface StraightTrack {
  readonly origin: PointCm;
  /** Any non-zero length; normalised internally. */
  readonly direction: Vec3;
  readonly tMinCm?: number;
  readonly tMaxCm?: number;
}

/** The part of a track inside one drift volume. */
export interface TpcSegment {
  readonly tpc: number;
  readonly start: PointCm;
  readonly end: PointCm;
  /** Path parameters of start and end along the unit direction, cm. */
  readonly tStartCm: number;
  readonly tEndCm: number;
  readonly lengthCm: number;
}

/** A crossing of an inner anode or cathode plane (charge on both sides). */
export interface PlaneCrossing {
  readonly plane: number;
  readonly kind: DriftPlaneKind;
  /** Path parameter where the track crosses the plane centre, cm. */
  readonly tCm: number;
  readonly point: PointCm;
  /** TPCs before and after the crossing, in track order. */
  readonly fromTpc: number;
  readonly toTpc: number;
}

/** A straight track's geometry in a module. */
export interface TrackGeometry {
  /** Unit direction used for every path parameter. */
  readonly direction: Vec3;
  readonly entry: PointCm;
  readonly exit: PointCm;
  readonly tEntryCm: number;
  readonly tExitCm: number;
  /** Chord length inside the active volume, cm (dead plane thicknesses included). */
  readonly lengthCm: number;
  /** Face of the active volume the track enters through, or 'inside' when it starts inside. */
  readonly entryFace: BoxFace | 'inside';
  /** Face it leaves through, or 'inside' when it stops inside. */
  readonly exitFace: BoxFace | 'inside';
  /** Per-TPC pieces in track order (dead plane regions excluded). */
  readonly segments: readonly TpcSegment[];
  /** Crossings of inner planes in track order. */
  readonly crossings: readonly PlaneCrossing[];
}

/**
 * Intersects a straight track with the module: entry and exit of the active volume, the
 * piece in each drift volume and the crossings of inner APAs and CPAs. Returns null when the
 * track misses the active volume. An outer anode is a face of the active volume, so a track
 * through it shows up as `entryFace`/`exitFace` 'x-' or 'x+', not as a crossing.
 *
 * @example
 * const m = duneFdSpModule();
 * const g = trackThroughModule(m, { origin: { x: -800, y: 0, z: 1000 }, direction: { x: 1, y: 0, z: 0 } });
 * g?.segments.map((s) => s.tpc)       // [0, 1, 2, 3]
 * g?.crossings.map((c) => c.kind)     // ['CPA', 'APA', 'CPA']
 */
export function trackThroughModule(module: LArTpcModule, track: StraightTrack): TrackGeometry | null {
  const u = unitVector(track.direction);
  const o = track.origin;
  if (![o.x, o.y, o.z].every(Number.isFinite)) {
    throw new ValidationError(`track origin (${o.x}, ${o.y}, ${o.z}) is not finite: expected coordinates in cm`);
  }
  const tMin = track.tMinCm ?? -Infinity;
  const tMax = track.tMaxCm ?? Infinity;
  if (!(tMax > tMin)) throw new ValidationError(`track limits [${tMin}, ${tMax}] cm are empty: expected tMinCm < tMaxCm`);
  const hit = lineBoxIntersection(o, u, module.active);
  if (hit === null) return null;
  const tIn = Math.max(hit.tEnter, tMin);
  const tOut = Math.min(hit.tExit, tMax);
  if (!(tOut > tIn)) return null;

  const segments: TpcSegment[] = [];
  const nt = module.tpcs.length;
  for (let i = 0; i < nt; i++) {
    const tpc = module.tpcs[i]!;
    // A line lying in a thin cathode plane belongs to the TPC at higher x only.
    if (u.x === 0 && i < nt - 1 && o.x === tpc.box.xMax) continue;
    const h = lineBoxIntersection(o, u, tpc.box);
    if (h === null) continue;
    const a = Math.max(h.tEnter, tIn);
    const b = Math.min(h.tExit, tOut);
    if (!(b > a)) continue;
    segments.push({ tpc: i, start: pointAlong(o, u, a), end: pointAlong(o, u, b), tStartCm: a, tEndCm: b, lengthCm: b - a });
  }
  segments.sort((p, q) => p.tStartCm - q.tStartCm);

  const crossings: PlaneCrossing[] = [];
  if (u.x !== 0) {
    for (let k = 1; k < module.planes.length - 1; k++) {
      const plane = module.planes[k]!;
      const t = (plane.xCm - o.x) / u.x;
      if (!(t > tIn && t < tOut)) continue;
      const [lo, hi] = [plane.tpcs[0]!, plane.tpcs[1]!];
      crossings.push({
        plane: k,
        kind: plane.kind,
        tCm: t,
        point: pointAlong(o, u, t),
        fromTpc: u.x > 0 ? lo : hi,
        toTpc: u.x > 0 ? hi : lo,
      });
    }
    crossings.sort((p, q) => p.tCm - q.tCm);
  }

  return {
    direction: u,
    entry: pointAlong(o, u, tIn),
    exit: pointAlong(o, u, tOut),
    tEntryCm: tIn,
    tExitCm: tOut,
    lengthCm: tOut - tIn,
    entryFace: tIn === hit.tEnter ? hit.enterFace : 'inside',
    exitFace: tOut === hit.tExit ? hit.exitFace : 'inside',
    segments,
    crossings,
  };
}
