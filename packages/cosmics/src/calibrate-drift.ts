import { duneFdSpModule } from '@nucal/geometry';
import {
  driftVelocityMmPerUs,
  t0FromAnodeCrossers,
  vdFromCathodeCrossers,
  type DriftVelocityPayload,
  type T0Payload,
} from '@nucal/tpc-drift';
import type { CosmicSample } from './cosmic-sample.js';
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
 * the TPC's offset; `@nucal/tpc-drift`'s `t0FromAnodeCrossers` ('segments' method) averages them
 * per TPC with a clipped mean.
 *
 * @example const t0 = t0FromCosmics(sample); t0.tpcs[0].t0OffsetUs
 */
export function t0FromCosmics(sample: CosmicSample, options: DriftCalibrationOptions = {}): T0Payload {
  const ends = segmentEndTimes(sample, SegmentEnd.ANODE, options);
  // tpc-drift takes apparent distances at an assumed vd; any positive vd round-trips exactly.
  const vdAssumed = driftVelocityMmPerUs(sample.response.fieldKvPerCm, sample.response.temperatureK);
  const tracks = [];
  for (let i = 0; i < ends.count; i++) {
    tracks.push({ segments: [{ tpc: ends.tpc[i]!, earliestDriftCm: (vdAssumed * ends.timeUs[i]!) / 10 }] });
  }
  return t0FromAnodeCrossers({ vdAssumedMmPerUs: vdAssumed, tracks }, { method: 'segments', ...(options.nSigma ? { nSigma: options.nSigma } : {}) });
}

/**
 * Average drift velocity per TPC from CPA crossers given t0: each cathode-touching segment's hit
 * time extrapolated to the cathode is the full drift time plus the t0 offset;
 * `@nucal/tpc-drift`'s `vdFromCathodeCrossers` turns the clipped mean into <vd> = L / T.
 *
 * @example const vd = vdFromCosmics(sample, t0FromCosmics(sample));
 */
export function vdFromCosmics(sample: CosmicSample, t0: T0Payload, options: DriftCalibrationOptions = {}): DriftVelocityPayload {
  const ends = segmentEndTimes(sample, SegmentEnd.CATHODE, options);
  const segments = [];
  for (let i = 0; i < ends.count; i++) segments.push({ tpc: ends.tpc[i]!, latestHitTimeUs: ends.timeUs[i]! });
  return vdFromCathodeCrossers({ segments }, { module: duneFdSpModule(sample.module), t0, ...(options.nSigma ? { nSigma: options.nSigma } : {}) });
}
