import { ValidationError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { clippedMean, driftVelocityMmPerUs, spaceChargeEvaluator, type SpaceChargePayload } from '@nucal/tpc-drift';
import { SegmentEnd, type ReconstructedSample } from './cosmic-sample.js';

/** One drift-fraction bin of {@link driftMapFromFullCrossers}. */
export interface DriftMapBin {
  /** Drift-fraction range and the mean drift fraction of the bin's hits. */
  readonly lowFraction: number;
  readonly highFraction: number;
  readonly meanFraction: number;
  /** Mean apparent minus straight-line drift distance, cm (negative: the charge looks closer to the anode), and its error. */
  readonly displacementCm: number;
  readonly errorCm: number;
  /** Full-TPC crossers with hits in the bin. */
  readonly nTracks: number;
}

/** The drift-direction map along full-TPC crossers (a diagnostic, no record). */
export interface DriftMap {
  readonly bins: readonly DriftMapBin[];
  /** Full-TPC crossing segments used. */
  readonly nTracks: number;
  /**
   * Local drift velocity relative to the average between neighbouring bin centres: the apparent
   * drift distance grows as vd_avg / vd_local per cm of true drift, so
   * vd_local / vd_avg = 1 / (1 + d(displacement)/d(drift distance)), from the bins' finite
   * differences (one entry per pair of neighbouring bins).
   */
  readonly localVdRatio: readonly { readonly atFraction: number; readonly ratio: number; readonly error: number }[];
}

/** Options of {@link driftMapFromFullCrossers}. */
export interface DriftMapOptions {
  /** Drift-fraction bin edges (default 0, 0.1, ..., 1). */
  readonly driftFractionEdges?: readonly number[];
  /** Fewest pitch-coordinate cm between the segment's extreme hits (default 30: steeper tracks leave the line badly defined). */
  readonly minSpanCm?: number;
  /**
   * A transverse space-charge map (`dune.space-charge`) to take out of the hits' wire coordinate
   * first: a transverse shift that grows along the drift bends the track in the wire coordinate as
   * a drift distortion bends it in drift, and the two mix (measured: a 2 cm transverse map adds
   * ~50% to a 1 cm drift bow). Assumes vertical collection wires (wire coordinate = z).
   */
  readonly spaceCharge?: SpaceChargePayload;
}

/**
 * The drift-velocity map along full-TPC crossers: a segment that runs from an anode to a cathode
 * has its two extreme collection hits at drift distance 0 and at the full drift length, where a
 * drift-direction distortion vanishes (or is the same for every track, absorbed by t0 and <vd>).
 * In the collection view (pitch coordinate c from the wire, drift distance d from the hit time
 * with the nominal vd; t0 cancels in the differences), each hit's d is compared with the straight
 * line through the two extreme hits at the hit's c. Per track the mean residual in each
 * drift-fraction bin, per bin the clipped mean over tracks (hits of one track share its line).
 * A field that speeds the drift up near the anode and slows it down near the cathode shows as a
 * bow; the local vd relative to the average follows from the residuals' slope.
 *
 * @example
 * driftMapFromFullCrossers(reconstructCosmics(hits)).bins[5]!.displacementCm // ~ -1 for a 1 cm compression
 */
export function driftMapFromFullCrossers(sample: ReconstructedSample, options: DriftMapOptions = {}): DriftMap {
  const edges = [...(options.driftFractionEdges ?? Array.from({ length: 11 }, (_, i) => i / 10))];
  for (let i = 1; i < edges.length; i++) if (!(edges[i]! > edges[i - 1]!)) throw new ValidationError(`driftFractionEdges must increase: ${edges.join(', ')}`);
  const minSpan = options.minSpanCm ?? 30;
  const module = duneFdSpModule(sample.module);
  // the map prepared once: it is evaluated at every hit of every full crosser
  const sce = options.spaceCharge ? spaceChargeEvaluator(options.spaceCharge, module.active) : null;
  const shift = { dyCm: 0, dzCm: 0 };
  const vd = driftVelocityMmPerUs(sample.response.fieldKvPerCm, sample.response.temperatureK);
  const nb = edges.length - 1;
  const perBin: number[][] = Array.from({ length: nb }, () => []);
  const perBinU: number[][] = Array.from({ length: nb }, () => []);
  const { segments: seg, hits } = sample;
  const pitch = sample.wirePitchCm;
  const sum = new Float64Array(nb);
  const sumU = new Float64Array(nb);
  const cnt = new Int32Array(nb);
  let nTracks = 0;
  for (let k = 0; k < seg.count; k++) {
    const sk = seg.startKind[k]!;
    const ek = seg.endKind[k]!;
    const full = (sk === SegmentEnd.ANODE && ek === SegmentEnd.CATHODE) || (sk === SegmentEnd.CATHODE && ek === SegmentEnd.ANODE);
    if (!full || seg.hitCount[k]! < 10) continue;
    const f = seg.firstHit[k]!;
    const l = f + seg.hitCount[k]! - 1;
    // Extreme hits in drift: the anode and cathode ends.
    let ia = f;
    let ic = f;
    for (let j = f; j <= l; j++) {
      if (hits.timeUs[j]! < hits.timeUs[ia]!) ia = j;
      if (hits.timeUs[j]! > hits.timeUs[ic]!) ic = j;
    }
    const tpc = module.tpcs[seg.tpc[k]!]!;
    const length = tpc.driftLengthCm;
    const da = (hits.timeUs[ia]! * vd) / 10;
    const dc = (hits.timeUs[ic]! * vd) / 10;
    // Wire coordinate (z for vertical wires; the offset of wire 0 cancels in the line), less the
    // transverse map's dz at the hit when one is given.
    const cOf = (j: number): number => {
      const c = hits.channel[j]! * pitch;
      if (!sce) return c;
      const x = tpc.anodeXCm - tpc.driftSign * ((hits.timeUs[j]! * vd) / 10 - da);
      sce.displacement(tpc, x, hits.yCm[j]!, c + module.active.zMin, shift);
      return c - shift.dzCm;
    };
    const ca = cOf(ia);
    const cc = cOf(ic);
    if (Math.abs(cc - ca) < minSpan) continue;
    if (!(dc - da > 0.5 * length)) continue;
    nTracks++;
    sum.fill(0);
    sumU.fill(0);
    cnt.fill(0);
    for (let j = f; j <= l; j++) {
      if (j === ia || j === ic) continue;
      const c = cOf(j);
      const dLine = da + ((c - ca) / (cc - ca)) * (dc - da);
      const u = (dLine - da) / length;
      if (!(u >= edges[0]! && u < edges[nb]!)) continue;
      let b = 0;
      while (b < nb - 1 && u >= edges[b + 1]!) b++;
      sum[b]! += (hits.timeUs[j]! * vd) / 10 - dLine;
      sumU[b]! += u;
      cnt[b]!++;
    }
    for (let b = 0; b < nb; b++) {
      if (cnt[b]! === 0) continue;
      perBin[b]!.push(sum[b]! / cnt[b]!);
      perBinU[b]!.push(sumU[b]! / cnt[b]!);
    }
  }
  const bins = perBin.map((v, b): DriftMapBin => {
    const lowFraction = edges[b]!;
    const highFraction = edges[b + 1]!;
    if (v.length < 5) return { lowFraction, highFraction, meanFraction: 0.5 * (lowFraction + highFraction), displacementCm: 0, errorCm: 0, nTracks: v.length };
    const r = clippedMean(v);
    const us = perBinU[b]!;
    return { lowFraction, highFraction, meanFraction: us.reduce((x, y) => x + y, 0) / us.length, displacementCm: r.mean, errorCm: r.error, nTracks: r.nUsed };
  });
  const lengthCm = module.tpcs[0]!.driftLengthCm;
  const localVdRatio = [];
  for (let b = 0; b + 1 < nb; b++) {
    const p = bins[b]!;
    const q = bins[b + 1]!;
    if (p.nTracks < 5 || q.nTracks < 5) continue;
    const dD = (q.meanFraction - p.meanFraction) * lengthCm;
    const slope = (q.displacementCm - p.displacementCm) / dD;
    const ratio = 1 / (1 + slope);
    localVdRatio.push({ atFraction: 0.5 * (p.meanFraction + q.meanFraction), ratio, error: (ratio * ratio * Math.hypot(p.errorCm, q.errorCm)) / dD });
  }
  return { bins, nTracks, localVdRatio };
}
