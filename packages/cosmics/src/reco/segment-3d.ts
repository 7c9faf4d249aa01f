import type { ReadoutView } from '../hit-collection.js';
import { pitchDirection } from '../readout-views.js';
import type { Line2D } from './line-fit-2d.js';

/** A point in the module frame, cm (x from the apparent drift distance: nominal vd, t0 = trigger). */
export interface Point3 {
  x: number;
  y: number;
  z: number;
}

/** A straight track piece in one TPC, built from a charge-view line and an induction-view line. */
export interface Segment3D {
  readonly tpc: number;
  /** Charge-view hits (indices into the hit collection), ordered from end `a` to end `b`. */
  hits: Int32Array;
  /** Fraction of the way from the first to the last hit, per hit. */
  frac: Float64Array;
  /** Ends, each half a track pitch beyond the extreme hit (the expected position of a segment end between wire centres). */
  a: Point3;
  b: Point3;
  /** Apparent drift distance at each end, cm. */
  da: number;
  db: number;
  /** Unit direction from a to b. */
  dir: Point3;
  /** Charge-view track pitch, cm. */
  readonly pitchCm: number;
  /** |b - a|, cm. */
  lengthCm: number;
  /** Distance from the first to the last hit of the fitted line, cm (hit k sits at a + (pitch / 2 + frac[k] innerCm) dir). */
  readonly innerCm: number;
}

/** The fitted line's point at projection s, in (pitch coordinate, drift) cm. */
function at(l: Line2D, s: number): { c: number; d: number } {
  return { c: l.cx + s * l.ux, d: l.cy + s * l.uy };
}

/**
 * Builds the 3D segment of a charge-view line (collection, pitch coordinate c = z for vertical
 * wires) and an induction-view line of the same TPC. The charge view gives the drift
 * coordinate and its own coordinate at both ends; the induction line gives its coordinate at
 * the same drift distances when the track moves in drift (more than `isochronousCm` between
 * the ends); for a track (nearly) parallel to the anode both views' extents are paired so that
 * both ends lie within the active height and, of two such pairings, the steeper track (cosmic
 * muons come from above) is taken. The two coordinates give y and z at each end; x comes from
 * the drift distance. Null when the pieces cannot be combined (parallel pitch directions).
 */
export function buildSegment(
  tpc: { id: number; anodeXCm: number; driftSign: number },
  charge: { line: Line2D; view: ReadoutView },
  induction: { line: Line2D | null; view: ReadoutView; constantCm?: number },
  active: { yMin: number; yMax: number },
  isochronousCm = 3,
): Segment3D | null {
  const lq = charge.line;
  const li = induction.line;
  if (!li && induction.constantCm === undefined) return null;
  const n = lq.inliers.length;
  const s0 = lq.s[0]!;
  const s1 = lq.s[n - 1]!;
  const p0 = at(lq, s0);
  const p1 = at(lq, s1);
  const pq = pitchDirection(charge.view);
  const pi = pitchDirection(induction.view);
  // Solve c_q = y pq.y + z pq.z, c_i = y pi.y + z pi.z for (y, z).
  const det = pq.y * pi.z - pq.z * pi.y;
  if (Math.abs(det) < 1e-6) return null;
  const yz = (cq: number, ci: number): { y: number; z: number } => ({ y: (cq * pi.z - ci * pq.z) / det, z: (pq.y * ci - pi.y * cq) / det });
  let e0: { y: number; z: number };
  let e1: { y: number; z: number };
  if (!li) {
    // A track along the induction wires: one pitch coordinate for the whole piece.
    const c = induction.constantCm ?? 0;
    e0 = yz(p0.c, c);
    e1 = yz(p1.c, c);
  } else if (Math.abs(p1.d - p0.d) > isochronousCm && Math.abs(li.uy) > 1e-3) {
    const ci = (d: number): number => li.cx + ((d - li.cy) * li.ux) / li.uy;
    e0 = yz(p0.c, ci(p0.d));
    e1 = yz(p1.c, ci(p1.d));
  } else {
    const m = li.inliers.length;
    const i0 = at(li, li.s[0]!).c;
    const i1 = at(li, li.s[m - 1]!).c;
    const options = [
      [yz(p0.c, i0), yz(p1.c, i1)],
      [yz(p0.c, i1), yz(p1.c, i0)],
    ] as const;
    const inside = (p: { y: number }): boolean => p.y >= active.yMin - 10 && p.y <= active.yMax + 10;
    const steep = (o: (typeof options)[number]): number => Math.abs(o[1].y - o[0].y) / Math.max(1e-9, Math.hypot(o[1].y - o[0].y, o[1].z - o[0].z));
    const ok = options.filter((o) => inside(o[0]) && inside(o[1]));
    const pick = ok.length === 1 ? ok[0]! : (ok.length ? ok : options).reduce((best, o) => (steep(o) > steep(best) ? o : best));
    e0 = pick[0];
    e1 = pick[1];
  }
  const x = (d: number): number => tpc.anodeXCm - tpc.driftSign * d;
  const h0 = { x: x(p0.d), y: e0.y, z: e0.z };
  const h1 = { x: x(p1.d), y: e1.y, z: e1.z };
  const dx = h1.x - h0.x;
  const dy = h1.y - h0.y;
  const dz = h1.z - h0.z;
  const len = Math.hypot(dx, dy, dz);
  if (!(len > 0)) return null;
  const dir = { x: dx / len, y: dy / len, z: dz / len };
  const cosPitch = Math.abs(dir.y * pq.y + dir.z * pq.z);
  const pitchCm = charge.view.pitchCm / Math.max(cosPitch, 1e-3);
  const half = 0.5 * pitchCm;
  const frac = new Float64Array(n);
  for (let k = 0; k < n; k++) frac[k] = s1 > s0 ? (lq.s[k]! - s0) / (s1 - s0) : 0;
  const ddPerCm = -tpc.driftSign; // d = -driftSign (x - anodeX)
  return {
    tpc: tpc.id,
    hits: lq.inliers,
    frac,
    a: { x: h0.x - half * dir.x, y: h0.y - half * dir.y, z: h0.z - half * dir.z },
    b: { x: h1.x + half * dir.x, y: h1.y + half * dir.y, z: h1.z + half * dir.z },
    da: p0.d + ddPerCm * -half * dir.x,
    db: p1.d + ddPerCm * half * dir.x,
    dir,
    pitchCm,
    lengthCm: len + pitchCm,
    innerCm: len,
  };
}

/**
 * Drops the last `k` hits of a segment (the end `b` moves to half a pitch beyond the new last
 * hit); returns the dropped hit indices.
 */
export function trimEnd(s: Segment3D, k: number): Int32Array {
  const n = s.hits.length - k;
  const dropped = s.hits.slice(n);
  const along = s.pitchCm + s.frac[n - 1]! * s.innerCm;
  const move = s.lengthCm - along;
  s.hits = s.hits.slice(0, n);
  s.frac = s.frac.slice(0, n);
  s.b = { x: s.b.x - move * s.dir.x, y: s.b.y - move * s.dir.y, z: s.b.z - move * s.dir.z };
  s.lengthCm = along;
  return dropped;
}

/** Reverses a segment's orientation in place (ends, hits, fractions, direction). */
export function reverseSegment(s: Segment3D): void {
  [s.a, s.b] = [s.b, s.a];
  [s.da, s.db] = [s.db, s.da];
  s.hits = Int32Array.from(s.hits).reverse();
  s.frac = Float64Array.from(s.frac, (f) => 1 - f).reverse();
  s.dir = { x: -s.dir.x, y: -s.dir.y, z: -s.dir.z };
}
