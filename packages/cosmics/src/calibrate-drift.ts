import { duneFdSpModule } from '@nucal/geometry';
import { driftVelocityMmPerUs, t0FromAnodeCrossers, vdFromCathodeCrossers, type DriftVelocityPayload, type T0Payload } from '@nucal/tpc-drift';
import type { ReconstructedSample } from './cosmic-sample.js';
import { SegmentEnd } from './cosmic-sample.js';
import { segmentEndTimes } from './segment-end-time.js';

/** Options of the t0 and vd calibrations from a cosmic sample. */
export interface DriftCalibrationOptions {
  /** Path window next to the anode or cathode used for the straight-line extrapolation, cm (default 60). */
  readonly windowCm?: number;
  /** Minimum hits in the window (default 6). */
  readonly minHits?: number;
  /** Clipping of the robust mean over segments, standard deviations (default 3). */
  readonly nSigma?: number;
}

/**
 * t0 offset per TPC from APA crossers (inner-APA crossers and tracks through an outer anode):
 * each anode-touching segment's hit time extrapolated to the anode ({@link segmentEndTimes}) is
 * one estimate of its TPC's offset (true drift time 0 there); `@nucal/tpc-drift`'s
 * `t0FromAnodeCrossers` (method 'segments') averages them per TPC with a 3-sigma clipped mean.
 * The extrapolated time enters as the apparent distance vd_nominal x t, which that function
 * divides by the same vd.
 *
 * @example const t0 = t0FromCosmics(sample); t0.tpcs[0].t0OffsetUs
 */
export function t0FromCosmics(sample: ReconstructedSample, options: DriftCalibrationOptions = {}): T0Payload {
  const ends = segmentEndTimes(sample, SegmentEnd.ANODE, options);
  const vdAssumedMmPerUs = driftVelocityMmPerUs(sample.response.fieldKvPerCm, sample.response.temperatureK);
  // One estimate per segment ('segments' method), so every segment is its own one-segment track.
  const tracks = Array.from(ends.timeUs, (t, i) => ({ segments: [{ tpc: ends.tpc[i]!, earliestDriftCm: (vdAssumedMmPerUs * t) / 10 }] }));
  return t0FromAnodeCrossers({ vdAssumedMmPerUs, tracks }, { method: 'segments', ...(options.nSigma === undefined ? {} : { nSigma: options.nSigma }) });
}

/**
 * Average drift velocity per TPC from CPA crossers given t0: each cathode-touching segment's hit
 * time extrapolated to the cathode is its latest-charge time; `@nucal/tpc-drift`'s
 * `vdFromCathodeCrossers` subtracts the TPC's t0 offset, takes the clipped mean of the full drift
 * time T and gives <vd> = L / T with the t0 error added in quadrature.
 *
 * @example const vd = vdFromCosmics(sample, t0FromCosmics(sample));
 */
export function vdFromCosmics(sample: ReconstructedSample, t0: T0Payload, options: DriftCalibrationOptions = {}): DriftVelocityPayload {
  const ends = segmentEndTimes(sample, SegmentEnd.CATHODE, options);
  const segments = Array.from(ends.timeUs, (t, i) => ({ tpc: ends.tpc[i]!, latestHitTimeUs: t }));
  return vdFromCathodeCrossers({ segments }, { module: duneFdSpModule(sample.module), t0, ...(options.nSigma === undefined ? {} : { nSigma: options.nSigma }) });
}
