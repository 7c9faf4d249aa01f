import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { duneFdSpModule, type LArTpcModule } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import { driftVelocityMmPerUs } from '@nucal/tpc-drift';
import { SegmentEnd, type ReconstructedSample } from '../cosmic-sample.js';
import type { HitCollection } from '../hit-collection.js';
import { pitchDirection } from '../readout-views.js';
import { TrackClass } from '../track-classes.js';
import { clusterHits } from './cluster-2d.js';
import { fitLine2D, type Line2D } from './line-fit-2d.js';
import { buildSegment, reverseSegment, trimEnd, type Point3, type Segment3D } from './segment-3d.js';

/** Settings of the pattern recognition (all lengths in cm). */
export const ReconstructionOptionsSchema = z
  .object({
    minHits: z.number().int().min(3).default(8).describe('fewest hits of a 2D line in one view'),
    maxWireGap: z.number().int().min(1).default(3).describe('largest wire step between neighbouring hits of a cluster'),
    maxDriftGapCm: z.number().positive().default(12).describe('largest drift-coordinate step between neighbouring hits of a charge-view cluster, cm (the charge view keeps tracks with a track pitch below 5 cm)'),
    inductionDriftGapCm: z.number().positive().default(60).describe('the same for induction views, cm (a track nearly along the induction wires moves far in drift per wire)'),
    lineToleranceCm: z.number().positive().default(0.2).describe('largest distance of a hit from its 2D line, cm'),
    stitchToleranceCm: z.number().positive().default(12).describe('largest y-z miss distance of two segments stitched across a plane, cm'),
    stitchMinCos: z.number().min(0).max(1).default(0.97).describe('smallest |cos| between the directions of two stitched segments'),
    faceMarginCm: z.number().nonnegative().default(4).describe('an end within this distance of a top, bottom or end face exits there, cm'),
    anodeWindowCm: z.number().positive().default(6).describe('an unstitched end with an apparent drift distance below this is at an anode, cm'),
    cathodeMarginFraction: z.number().min(0).max(0.5).default(0.08).describe('an unstitched end beyond (1 - this) x the drift length is not called stopping (it may cross the cathode unseen)'),
    michelRadiusCm: z.number().positive().default(30).describe('unattached charge-view hits within this distance of a stopping point form its Michel candidate, cm'),
    braggWindow: z.number().int().min(0).default(6).describe('last hits of a stopping track searched for the Bragg peak (0: no end trimming)'),
    braggFraction: z.number().min(0).max(1).default(0.6).describe('trailing hits after the Bragg peak with less than this fraction of its charge are dropped (Michel electron hits)'),
    braggHits: z.number().int().min(1).default(5).describe('last hits of a stopping candidate whose median charge must show the Bragg rise'),
    braggRise: z.number().min(0).default(1.4).describe('required ratio of that median to the median charge of the whole segment'),
    michelMinHits: z.number().int().min(1).default(2).describe('fewest unattached hits of a Michel candidate'),
  })
  .strict();
export type ReconstructionOptions = z.input<typeof ReconstructionOptionsSchema>;
type Settings = z.infer<typeof ReconstructionOptionsSchema>;

/** One TPC's hits of one view in one event: hit indices and their (pitch coordinate, drift) in cm. */
interface ViewHits {
  idx: Int32Array;
  wire: Int32Array;
  c: Float64Array;
  d: Float64Array;
}

/** Growable typed columns of the reconstructed charge-view hits. */
class HitColumns {
  n = 0;
  track: Int32Array;
  tpc: Uint8Array;
  channel: Int32Array;
  path: Float32Array;
  y: Float32Array;
  pitch: Float32Array;
  time: Float64Array;
  charge: Float32Array;

  constructor(capacity: number) {
    this.track = new Int32Array(capacity);
    this.tpc = new Uint8Array(capacity);
    this.channel = new Int32Array(capacity);
    this.path = new Float32Array(capacity);
    this.y = new Float32Array(capacity);
    this.pitch = new Float32Array(capacity);
    this.time = new Float64Array(capacity);
    this.charge = new Float32Array(capacity);
  }

  ensure(extra: number): void {
    if (this.n + extra <= this.track.length) return;
    const cap = Math.max(2 * this.track.length, this.n + extra);
    const grow = <T extends Int32Array | Uint8Array | Float32Array | Float64Array>(a: T, b: T): T => (b.set(a as never), b);
    this.track = grow(this.track, new Int32Array(cap));
    this.tpc = grow(this.tpc, new Uint8Array(cap));
    this.channel = grow(this.channel, new Int32Array(cap));
    this.path = grow(this.path, new Float32Array(cap));
    this.y = grow(this.y, new Float32Array(cap));
    this.pitch = grow(this.pitch, new Float32Array(cap));
    this.time = grow(this.time, new Float64Array(cap));
    this.charge = grow(this.charge, new Float32Array(cap));
  }
}

/** Output tables, growable. */
class Tables {
  readonly tFlags: number[] = [];
  readonly tTime: number[] = [];
  readonly tLength: number[] = [];
  readonly tCos: number[] = [];
  readonly tEvent: number[] = [];
  readonly s = { track: [] as number[], tpc: [] as number[], start: [] as number[], end: [] as number[], sk: [] as number[], ek: [] as number[], first: [] as number[], count: [] as number[] };
  readonly ends = { ax: [] as number[], ay: [] as number[], az: [] as number[], bx: [] as number[], by: [] as number[], bz: [] as number[] };
  readonly h = new HitColumns(1 << 16);
  readonly m = { track: [] as number[], tpc: [] as number[], time: [] as number[], y: [] as number[], charge: [] as number[] };
  lines = 0;
  segments = 0;
  stitches = 0;
}

/**
 * Pattern recognition of cosmic muons from a hit collection, with no Monte Carlo truth: per
 * event, TPC and view, hits are clustered ({@link clusterHits}) and each cluster gets a robust
 * straight line ({@link fitLine2D}: total least squares, RANSAC when hits lie off it, the
 * longest gap-free run of inliers); per TPC the charge-view line is matched with the
 * induction-view line of the most overlapping drift range and the two give a 3D segment
 * ({@link buildSegment}); segments in neighbouring TPCs whose ends meet across the plane
 * between them (straight-line extrapolation through the dead plane, collinear directions) are
 * stitched into one track. The track is oriented downwards; each segment end is classified:
 * stitched across an APA (anode) or CPA (cathode); near a top, bottom or end face (boundary);
 * at an apparent drift distance below `anodeWindowCm` (an outer anode); the lower free end of a
 * track, unless it is near the cathode (stop); anything else is a boundary. From the ends the
 * classes follow (APA crosser inner/outer, CPA crosser, full-TPC crosser, stopping,
 * through-going); a stopping track's unattached charge-view hits within `michelRadiusCm` of its
 * end form a Michel candidate. Paths, heights and pitches of the hits come from the 3D line,
 * the residual range from the reconstructed stopping point.
 *
 * Deterministic: the RANSAC draws come from a fixed stream (`createRng('cosmics.reconstruction')`).
 *
 * @example
 * const reco = reconstructCosmics(simulateCosmics({ days: 0.1 }, createRng(1)).hits);
 * reco.tracks.count
 */
export function reconstructCosmics(collection: HitCollection, options: ReconstructionOptions = {}): ReconstructedSample {
  const parsed = ReconstructionOptionsSchema.safeParse(options);
  if (!parsed.success) throw new ValidationError('invalid reconstruction options', formatZodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const module = duneFdSpModule(collection.module);
  const chargeView = collection.views.findIndex((v) => v.role === 'collection');
  const inductionView = collection.views.findIndex((v) => v.role === 'induction');
  if (chargeView < 0 || inductionView < 0) {
    throw new ValidationError(`hit collection views [${collection.views.map((v) => v.name).join(', ')}]: expected a collection view and at least one induction view`);
  }
  const vdNominal = driftVelocityMmPerUs(collection.response.fieldKvPerCm, collection.response.temperatureK);
  const cmPerTick = (collection.tickUs * vdNominal) / 10;
  const rng = createRng('cosmics.reconstruction');
  const out = new Tables();
  const { events, hits } = collection;
  const nTpc = module.tpcs.length;
  for (let e = 0; e < events.count; e++) {
    const first = events.firstHit[e]!;
    const count = events.hitCount[e]!;
    if (count === 0) continue;
    // Bucket the event's hits by TPC and view.
    const nb = nTpc * collection.views.length;
    const sizes = new Int32Array(nb);
    for (let j = first; j < first + count; j++) if (hits.tpc[j]! < nTpc) sizes[hits.tpc[j]! * collection.views.length + hits.view[j]!]!++;
    const buckets: Int32Array[] = Array.from(sizes, (n) => new Int32Array(n));
    sizes.fill(0);
    for (let j = first; j < first + count; j++) {
      if (hits.tpc[j]! >= nTpc) continue;
      const b = hits.tpc[j]! * collection.views.length + hits.view[j]!;
      buckets[b]![sizes[b]!++] = j;
    }
    const segments: Segment3D[] = [];
    const used = new Set<number>();
    for (let t = 0; t < nTpc; t++) {
      const q = viewLines(collection, buckets[t * collection.views.length + chargeView]!, chargeView, cmPerTick, cfg, rng);
      const i = viewLines(collection, buckets[t * collection.views.length + inductionView]!, inductionView, cmPerTick, cfg, rng);
      out.lines += q.lines.length + i.lines.length;
      for (const { line, v, constantCm } of matchLines(q.lines, i.lines, i.stubs, 5)) {
        const ind = constantCm === undefined ? { line: v, view: collection.views[inductionView]! } : { line: v, view: collection.views[inductionView]!, constantCm };
        const seg = buildSegment(module.tpcs[t]!, { line, view: collection.views[chargeView]! }, ind, module.active);
        if (!seg) continue;
        // Line inliers index the bucket's arrays: map them to hit-collection rows.
        seg.hits = Int32Array.from(seg.hits, (k) => q.hits.idx[k]!);
        for (const j of seg.hits) used.add(j);
        segments.push(seg);
      }
    }
    out.segments += segments.length;
    if (segments.length === 0) continue;
    for (const track of stitch(module, segments, cfg)) {
      out.stitches += track.links.length;
      emitTrack(collection, module, e, track, buckets, chargeView, cmPerTick, used, cfg, out);
    }
  }
  return {
    days: collection.liveDays,
    depthKmwe: collection.depthKmwe,
    module: collection.module,
    response: collection.response,
    wirePitchCm: collection.views[chargeView]!.pitchCm,
    maxTrackPitchCm: 5,
    tracks: {
      count: out.tFlags.length,
      flags: Uint8Array.from(out.tFlags),
      timeS: Float64Array.from(out.tTime),
      lengthCm: Float32Array.from(out.tLength),
      cosZenith: Float32Array.from(out.tCos),
    },
    segments: {
      count: out.s.track.length,
      track: Int32Array.from(out.s.track),
      tpc: Uint8Array.from(out.s.tpc),
      startPathCm: Float32Array.from(out.s.start),
      endPathCm: Float32Array.from(out.s.end),
      startKind: Uint8Array.from(out.s.sk),
      endKind: Uint8Array.from(out.s.ek),
      firstHit: Int32Array.from(out.s.first),
      hitCount: Int32Array.from(out.s.count),
    },
    hits: {
      count: out.h.n,
      track: out.h.track.slice(0, out.h.n),
      tpc: out.h.tpc.slice(0, out.h.n),
      channel: out.h.channel.slice(0, out.h.n),
      pathCm: out.h.path.slice(0, out.h.n),
      yCm: out.h.y.slice(0, out.h.n),
      pitchCm: out.h.pitch.slice(0, out.h.n),
      timeUs: out.h.time.slice(0, out.h.n),
      chargeAdc: out.h.charge.slice(0, out.h.n),
    },
    michel: {
      count: out.m.track.length,
      track: Int32Array.from(out.m.track),
      tpc: Uint8Array.from(out.m.tpc),
      timeUs: Float64Array.from(out.m.time),
      yCm: Float32Array.from(out.m.y),
      chargeAdc: Float32Array.from(out.m.charge),
    },
    reconstruction: {
      events: events.count,
      hits: hits.count,
      chargeHitsOnTracks: out.h.n,
      lines: out.lines,
      segments: out.segments,
      stitches: out.stitches,
      segmentEnds: {
        startXCm: Float32Array.from(out.ends.ax),
        startYCm: Float32Array.from(out.ends.ay),
        startZCm: Float32Array.from(out.ends.az),
        endXCm: Float32Array.from(out.ends.bx),
        endYCm: Float32Array.from(out.ends.by),
        endZCm: Float32Array.from(out.ends.bz),
      },
      trackEvent: Int32Array.from(out.tEvent),
    },
  };
}

/** Step 1: the 2D lines of one view in one TPC and event: clusters, then a robust line per cluster with enough hits. */
function viewLines(collection: HitCollection, rows: Int32Array, view: number, cmPerTick: number, cfg: Settings, rng: ReturnType<typeof createRng>): { hits: ViewHits; lines: Line2D[]; stubs: Stub[] } {
  const v = collection.views[view]!;
  const n = rows.length;
  const h: ViewHits = { idx: rows, wire: new Int32Array(n), c: new Float64Array(n), d: new Float64Array(n) };
  for (let k = 0; k < n; k++) {
    const j = rows[k]!;
    h.wire[k] = collection.hits.wire[j]!;
    h.c[k] = v.cMinCm + (h.wire[k]! + 0.5) * v.pitchCm;
    h.d[k] = collection.hits.tick[j]! * cmPerTick;
  }
  const gap = collection.views[view]!.role === 'collection' ? cfg.maxDriftGapCm : cfg.inductionDriftGapCm;
  const { label, clusters } = clusterHits(h.wire, h.d, cfg.maxWireGap, gap);
  const members: number[][] = Array.from({ length: clusters }, () => []);
  for (let k = 0; k < n; k++) members[label[k]!]!.push(k);
  const lines: Line2D[] = [];
  const stubs: Stub[] = [];
  for (const m of members) {
    const line = m.length >= cfg.minHits ? fitLine2D(h.c, h.d, Int32Array.from(m), rng, { toleranceCm: cfg.lineToleranceCm, maxGapCm: gap, minInliers: cfg.minHits }) : null;
    if (line) {
      lines.push(line);
      continue;
    }
    // A few wires with long pulses: a track along this view's wires (or noise).
    let c = 0;
    let d0 = Infinity;
    let d1 = -Infinity;
    for (const k of m) {
      c += h.c[k]!;
      d0 = Math.min(d0, h.d[k]!);
      d1 = Math.max(d1, h.d[k]!);
    }
    stubs.push({ c: c / m.length, d0, d1, n: m.length });
  }
  return { hits: h, lines, stubs };
}

/** A small cluster without a line: mean pitch coordinate and drift range, cm. */
interface Stub {
  readonly c: number;
  readonly d0: number;
  readonly d1: number;
  readonly n: number;
}

/** Drift-coordinate range of a line's inliers. */
function driftRange(l: Line2D): [number, number] {
  const a = l.cy + l.s[0]! * l.uy;
  const b = l.cy + l.s[l.s.length - 1]! * l.uy;
  return a < b ? [a, b] : [b, a];
}

/**
 * Step 2: pairs each charge-view line (longest first) with the unused induction-view line whose
 * drift range overlaps it most (overlap over the shorter range; isochronous lines, both within
 * a few cm, match when their ranges are within 3 cm).
 */
function matchLines(charge: Line2D[], induction: Line2D[], stubs: Stub[], widthCm: number): { line: Line2D; v: Line2D | null; constantCm?: number }[] {
  const out: { line: Line2D; v: Line2D | null; constantCm?: number }[] = [];
  const free = new Set(induction.map((_, k) => k));
  for (const line of [...charge].sort((a, b) => b.inliers.length - a.inliers.length)) {
    const [a0, a1] = driftRange(line);
    let best = -1;
    let bestScore = 0;
    for (const k of free) {
      const [b0, b1] = driftRange(induction[k]!);
      const overlap = Math.min(a1, b1) - Math.max(a0, b0);
      const shorter = Math.min(a1 - a0, b1 - b0);
      const score = shorter > 3 ? overlap / shorter : overlap > -3 ? 0.5 + 0.01 * Math.min(induction[k]!.inliers.length, 40) : 0;
      if (score > 0.5 && score > bestScore) {
        bestScore = score;
        best = k;
      }
    }
    if (best >= 0) {
      free.delete(best);
      out.push({ line, v: induction[best]! });
      continue;
    }
    // No induction line: the track may run along the induction wires, leaving a stub (a few
    // long pulses) whose drift range lies within the charge line's; the pulse spans the track's
    // drift range over one wire, so its hit time sits inside [a0, a1] (+- the pulse width).
    let stub: Stub | undefined;
    for (const st of stubs) if (st.d0 > a0 - widthCm && st.d1 < a1 + widthCm && (!stub || st.n > stub.n)) stub = st;
    if (stub) out.push({ line, v: null, constantCm: stub.c });
  }
  return out;
}

/** A track: segments in path order (each oriented along the track) and the plane kind of each stitch between consecutive segments. */
interface StitchedTrack {
  readonly segments: Segment3D[];
  readonly links: ('APA' | 'CPA')[];
}

/**
 * Step 3: stitches segments of neighbouring TPCs whose facing ends meet across the plane
 * between them: the first segment's line, extrapolated from its end through the plane's dead
 * thickness, misses the other's end by less than `stitchToleranceCm` in y-z, and the
 * directions agree to `stitchMinCos`. The extrapolation does not use the reconstructed x of
 * the other end: x comes from the drift time with the nominal vd and t0 = trigger, which are
 * what the calibration measures (a 3.6% vd change moves a cathode end by 13 cm). Then orients each track downwards and orders its segments along it.
 */
function stitch(module: LArTpcModule, segments: Segment3D[], cfg: Settings): StitchedTrack[] {
  const n = segments.length;
  const next = new Int32Array(n).fill(-1);
  const prev = new Int32Array(n).fill(-1);
  const kinds: ('APA' | 'CPA')[] = new Array(n);
  // Orient every segment along +x first, so that "b" faces the TPC at higher x.
  for (const s of segments) if (s.b.x < s.a.x) reverseSegment(s);
  const candidates: { i: number; j: number; miss: number }[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const si = segments[i]!;
      const sj = segments[j]!;
      if (sj.tpc !== si.tpc + 1) continue;
      const cos = si.dir.x * sj.dir.x + si.dir.y * sj.dir.y + si.dir.z * sj.dir.z;
      if (Math.abs(cos) < cfg.stitchMinCos || Math.abs(si.dir.x) < 0.02) continue;
      // Through the dead thickness of the plane between them; not to sj's reconstructed x,
      // which carries the TPCs' unknown t0 and vd (an end's y and z come from wires only).
      const plane = module.planes[si.tpc + 1]!;
      const t = (plane.xMaxCm - plane.xMinCm) / si.dir.x;
      const py = si.b.y + t * si.dir.y;
      const pz = si.b.z + t * si.dir.z;
      const miss = Math.hypot(py - sj.a.y, pz - sj.a.z);
      if (miss < cfg.stitchToleranceCm) candidates.push({ i, j, miss });
    }
  }
  candidates.sort((p, q) => p.miss - q.miss);
  for (const c of candidates) {
    if (next[c.i] !== -1 || prev[c.j] !== -1) continue;
    next[c.i] = c.j;
    prev[c.j] = c.i;
    kinds[c.i] = module.planes[segments[c.i]!.tpc + 1]!.kind;
  }
  const tracks: StitchedTrack[] = [];
  for (let i = 0; i < n; i++) {
    if (prev[i] !== -1) continue;
    const segs: Segment3D[] = [];
    const links: ('APA' | 'CPA')[] = [];
    for (let k = i; k !== -1; k = next[k]!) {
      segs.push(segments[k]!);
      if (next[k] !== -1) links.push(kinds[k]!);
    }
    // Downwards (cosmic muons come from above); a horizontal track keeps +x.
    const first = segs[0]!;
    const last = segs[segs.length - 1]!;
    if (last.b.y - first.a.y > 1e-6) {
      segs.reverse();
      links.reverse();
      for (const s of segs) reverseSegment(s);
    }
    tracks.push({ segments: segs, links });
  }
  return tracks;
}

/** Median of the charges of hits `rows[from..to)`. */
function medianCharge(charge: Float32Array, rows: Int32Array, from: number, to: number): number {
  const v = Float64Array.from(rows.subarray(from, to), (j) => charge[j]!).sort();
  const n = v.length;
  return n === 0 ? 0 : n % 2 ? v[(n - 1) / 2]! : 0.5 * (v[n / 2 - 1]! + v[n / 2]!);
}

/** True when the median charge of the last `k` hits exceeds `rise` x the median of all (a Bragg peak). */
function hasBraggRise(charge: Float32Array, rows: Int32Array, k: number, rise: number): boolean {
  const n = rows.length;
  if (n < 2 * k) return false;
  return medianCharge(charge, rows, n - k, n) > rise * medianCharge(charge, rows, 0, n);
}

/** Kind of a free (unstitched) segment end at point p with apparent drift distance d. */
function freeEndKind(module: LArTpcModule, p: Point3, d: number, lowerEnd: boolean, cfg: Settings): number {
  const a = module.active;
  const m = cfg.faceMarginCm;
  if (p.y < a.yMin + m || p.y > a.yMax - m || p.z < a.zMin + m || p.z > a.zMax - m) return SegmentEnd.BOUNDARY;
  if (d < cfg.anodeWindowCm) return SegmentEnd.ANODE;
  if (lowerEnd && d < (1 - cfg.cathodeMarginFraction) * module.driftLengthCm) return SegmentEnd.STOP;
  return SegmentEnd.BOUNDARY;
}

/** Step 4: classifies one stitched track, finds its Michel candidate and writes its rows to the output tables. */
function emitTrack(
  collection: HitCollection,
  module: LArTpcModule,
  event: number,
  track: StitchedTrack,
  buckets: Int32Array[],
  chargeView: number,
  cmPerTick: number,
  used: Set<number>,
  cfg: Settings,
  out: Tables,
): void {
  const segs = track.segments;
  let flags = 0;
  const kindsStart: number[] = [];
  const kindsEnd: number[] = [];
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    const sk = k > 0 ? (track.links[k - 1] === 'APA' ? SegmentEnd.ANODE : SegmentEnd.CATHODE) : freeEndKind(module, s.a, s.da, false, cfg);
    const ek = k < segs.length - 1 ? (track.links[k] === 'APA' ? SegmentEnd.ANODE : SegmentEnd.CATHODE) : freeEndKind(module, s.b, s.db, true, cfg);
    kindsStart.push(sk);
    kindsEnd.push(ek);
    if ((sk === SegmentEnd.ANODE && ek === SegmentEnd.CATHODE) || (sk === SegmentEnd.CATHODE && ek === SegmentEnd.ANODE)) flags |= TrackClass.FULL_TPC;
  }
  for (const l of track.links) flags |= l === 'APA' ? TrackClass.APA_INNER : TrackClass.CPA;
  if (kindsEnd[segs.length - 1] === SegmentEnd.STOP) {
    // A Michel electron starting at the stopping point adds hits beyond the Bragg peak that
    // can lie on the muon's line: drop trailing hits after the largest charge of the last
    // `braggWindow` hits when they carry less than `braggFraction` of it (a muon's last hits
    // rise towards the stop; an electron's are minimum-ionising).
    const last = segs[segs.length - 1]!;
    const n = last.hits.length;
    const w = Math.min(cfg.braggWindow, n - 2);
    let peak = n - 1;
    for (let k = n - w; k < n; k++) if (collection.hits.chargeAdc[last.hits[k]!]! > collection.hits.chargeAdc[last.hits[peak]!]!) peak = k;
    const qPeak = collection.hits.chargeAdc[last.hits[peak]!]!;
    let drop = 0;
    for (let k = n - 1; k > peak; k--) {
      if (collection.hits.chargeAdc[last.hits[k]!]! >= cfg.braggFraction * qPeak) break;
      drop++;
    }
    if (drop > 0) for (const j of trimEnd(last, drop)) used.delete(j);
    // A stopping muon rises towards its end (the Bragg peak): the median charge of its last
    // `braggHits` hits must exceed `braggRise` x the median of its segment. A track that only
    // seems to end (its continuation lost in a gap, a dead region or a piece too short to
    // reconstruct) does not, and its "residual range" would be meaningless.
    if (!hasBraggRise(collection.hits.chargeAdc, last.hits, cfg.braggHits, cfg.braggRise)) kindsEnd[segs.length - 1] = SegmentEnd.BOUNDARY;
  }
  if (kindsStart[0] === SegmentEnd.ANODE || kindsEnd[segs.length - 1] === SegmentEnd.ANODE) flags |= TrackClass.APA_OUTER;
  if (kindsEnd[segs.length - 1] === SegmentEnd.STOP) flags |= TrackClass.STOPPING;
  // Through-going: enters and leaves through a top, bottom or end face (both free ends there). A
  // track with an unexplained interior end (its continuation lost, no Bragg rise) has no class.
  const atFace = (p: Point3): boolean => {
    const a = module.active;
    const m = cfg.faceMarginCm;
    return p.y < a.yMin + m || p.y > a.yMax - m || p.z < a.zMin + m || p.z > a.zMax - m;
  };
  if ((flags & (TrackClass.APA_INNER | TrackClass.APA_OUTER | TrackClass.CPA | TrackClass.STOPPING)) === 0 && atFace(segs[0]!.a) && atFace(segs[segs.length - 1]!.b)) {
    flags |= TrackClass.THROUGHGOING;
  }
  const start = segs[0]!.a;
  const stop = segs[segs.length - 1]!.b;
  let ux = stop.x - start.x;
  let uy = stop.y - start.y;
  let uz = stop.z - start.z;
  const len = Math.hypot(ux, uy, uz);
  if (!(len > 0)) return;
  ux /= len;
  uy /= len;
  uz /= len;
  const pathOf = (p: Point3): number => (p.x - start.x) * ux + (p.y - start.y) * uy + (p.z - start.z) * uz;
  const ti = out.tFlags.length;
  const { hits } = collection;
  for (let k = 0; k < segs.length; k++) {
    const s = segs[k]!;
    const p0 = pathOf(s.a);
    const p1 = pathOf(s.b);
    out.s.track.push(ti);
    out.s.tpc.push(s.tpc);
    out.s.start.push(p0);
    out.s.end.push(p1);
    out.s.sk.push(kindsStart[k]!);
    out.s.ek.push(kindsEnd[k]!);
    out.ends.ax.push(s.a.x);
    out.ends.ay.push(s.a.y);
    out.ends.az.push(s.a.z);
    out.ends.bx.push(s.b.x);
    out.ends.by.push(s.b.y);
    out.ends.bz.push(s.b.z);
    const h = out.h;
    out.s.first.push(h.n);
    out.s.count.push(s.hits.length);
    const inner = s.innerCm;
    const yA = s.a.y + 0.5 * s.pitchCm * s.dir.y;
    h.ensure(s.hits.length);
    for (let m = 0; m < s.hits.length; m++) {
      const j = s.hits[m]!;
      const f = s.frac[m]!;
      const r = h.n++;
      h.track[r] = ti;
      h.tpc[r] = s.tpc;
      h.channel[r] = hits.wire[j]!;
      h.path[r] = p0 + 0.5 * s.pitchCm + f * inner;
      h.y[r] = yA + f * inner * s.dir.y;
      h.pitch[r] = s.pitchCm;
      h.time[r] = hits.tick[j]! * collection.tickUs;
      h.charge[r] = hits.chargeAdc[j]!;
    }
  }
  if (flags & TrackClass.STOPPING) {
    const last = segs[segs.length - 1]!;
    const view = collection.views[chargeView]!;
    const pd = pitchDirection(view);
    const cEnd = last.b.y * pd.y + last.b.z * pd.z;
    const dEnd = last.db;
    let q = 0;
    let tq = 0;
    let nm = 0;
    for (const j of buckets[last.tpc * collection.views.length + chargeView]!) {
      if (used.has(j)) continue;
      const c = view.cMinCm + (hits.wire[j]! + 0.5) * view.pitchCm;
      const d = hits.tick[j]! * cmPerTick;
      if (Math.hypot(c - cEnd, d - dEnd) > cfg.michelRadiusCm) continue;
      q += hits.chargeAdc[j]!;
      tq += hits.chargeAdc[j]! * hits.tick[j]! * collection.tickUs;
      nm++;
    }
    if (q > 0 && nm >= cfg.michelMinHits) {
      flags |= TrackClass.MICHEL;
      out.m.track.push(ti);
      out.m.tpc.push(last.tpc);
      out.m.time.push(tq / q);
      out.m.y.push(last.b.y);
      out.m.charge.push(q);
    }
  }
  out.tFlags.push(flags);
  out.tTime.push(collection.events.triggerTimeS[event]!);
  out.tLength.push(pathOf(stop));
  out.tCos.push(-uy);
  out.tEvent.push(event);
}
