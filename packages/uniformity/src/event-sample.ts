/**
 * What the detector records of a set of events, as calibration code sees it: reconstructed
 * vertices (cm) and total charges (PE, dark noise included). No truth.
 */
export interface EventSample {
  readonly count: number;
  readonly xCm: Float64Array;
  readonly yCm: Float64Array;
  readonly zCm: Float64Array;
  readonly chargePe: Float64Array;
}

/** Allocates an empty sample of `count` events. */
export function allocateSample(count: number): EventSample {
  return {
    count,
    xCm: new Float64Array(count),
    yCm: new Float64Array(count),
    zCm: new Float64Array(count),
    chargePe: new Float64Array(count),
  };
}

/** The first `count` events of a sample (views, no copy). */
export function truncateSample(s: EventSample, count: number): EventSample {
  return {
    count,
    xCm: s.xCm.subarray(0, count),
    yCm: s.yCm.subarray(0, count),
    zCm: s.zCm.subarray(0, count),
    chargePe: s.chargePe.subarray(0, count),
  };
}
