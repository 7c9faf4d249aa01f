import type { ReconstructedSample } from './cosmic-sample.js';

/** Hit time extrapolated to one end of a segment. */
export interface SegmentEndTimes {
  readonly count: number;
  readonly segment: Int32Array;
  readonly tpc: Uint8Array;
  /** Extrapolated hit time at the segment end, us after the trigger. */
  readonly timeUs: Float64Array;
  /** Its standard error from the straight-line fit, us. */
  readonly errorUs: Float64Array;
}

/**
 * For every segment with an end of kind `endKind` (anode or cathode, {@link SegmentEnd}), fits
 * hit time versus path length linearly over the hits within `windowCm` of that end and
 * extrapolates to the end. On a straight track the drift distance, hence the time, is linear
 * in path length, so the extrapolation is unbiased; taking the earliest or latest hit instead
 * would be biased by up to one track pitch times |dx| (about 1-2 us). Segments with fewer than
 * `minHits` hits in the window are skipped.
 *
 * @example const ends = segmentEndTimes(sample, SegmentEnd.ANODE, { windowCm: 60 });
 */
export function segmentEndTimes(
  sample: ReconstructedSample,
  endKind: number,
  options: { windowCm?: number; minHits?: number } = {},
): SegmentEndTimes {
  const windowCm = options.windowCm ?? 60;
  const minHits = options.minHits ?? 6;
  const { segments, hits } = sample;
  const segIdx: number[] = [];
  const tpcs: number[] = [];
  const times: number[] = [];
  const errors: number[] = [];
  for (let k = 0; k < segments.count; k++) {
    const atStart = segments.startKind[k] === endKind;
    const atEnd = segments.endKind[k] === endKind;
    if (!atStart && !atEnd) continue;
    const endPath = atStart ? segments.startPathCm[k]! : segments.endPathCm[k]!;
    const first = segments.firstHit[k]!;
    const nh = segments.hitCount[k]!;
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let sxy = 0;
    for (let j = first; j < first + nh; j++) {
      const d = hits.pathCm[j]! - endPath;
      if (Math.abs(d) > windowCm) continue;
      const t = hits.timeUs[j]!;
      n++;
      sx += d;
      sy += t;
      sxx += d * d;
      sxy += d * t;
    }
    if (n < minHits) continue;
    const det = n * sxx - sx * sx;
    if (!(det > 0)) continue;
    const intercept = (sxx * sy - sx * sxy) / det;
    const slope = (n * sxy - sx * sy) / det;
    let ss = 0;
    for (let j = first; j < first + nh; j++) {
      const d = hits.pathCm[j]! - endPath;
      if (Math.abs(d) > windowCm) continue;
      const r = hits.timeUs[j]! - intercept - slope * d;
      ss += r * r;
    }
    const sigma2 = ss / Math.max(1, n - 2);
    segIdx.push(k);
    tpcs.push(segments.tpc[k]!);
    times.push(intercept);
    errors.push(Math.sqrt((sigma2 * sxx) / det));
  }
  return {
    count: segIdx.length,
    segment: Int32Array.from(segIdx),
    tpc: Uint8Array.from(tpcs),
    timeUs: Float64Array.from(times),
    errorUs: Float64Array.from(errors),
  };
}
