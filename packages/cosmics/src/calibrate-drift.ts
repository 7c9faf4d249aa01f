import { duneFdSpModule } from '@nucal/geometry';
import type { DriftVelocityPayload, DriftVelocityTpc, T0Payload, T0Tpc } from '@nucal/tpc-drift';
import { clippedMeanSummary } from './clipped-mean.js';
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

function perTpc(tpc: Uint8Array, value: Float64Array): Map<number, number[]> {
  const m = new Map<number, number[]>();
  for (let i = 0; i < tpc.length; i++) {
    const list = m.get(tpc[i]!);
    if (list) list.push(value[i]!);
    else m.set(tpc[i]!, [value[i]!]);
  }
  return m;
}

/**
 * t0 offset per TPC from APA crossers (inner-APA crossers and tracks through an outer anode):
 * each anode-touching segment's hit time extrapolated to the anode ({@link segmentEndTimes}) is
 * one estimate of its TPC's offset (true drift time 0 there); per TPC a 3-sigma clipped mean
 * with its standard error (the 'segments' method of the `dune.t0` record).
 *
 * @example const t0 = t0FromCosmics(sample); t0.tpcs[0].t0OffsetUs
 */
export function t0FromCosmics(sample: CosmicSample, options: DriftCalibrationOptions = {}): T0Payload {
  const ends = segmentEndTimes(sample, SegmentEnd.ANODE, options);
  const tpcs: T0Tpc[] = [];
  for (const [tpc, v] of [...perTpc(ends.tpc, ends.timeUs)].sort((a, b) => a[0] - b[0])) {
    const r = clippedMeanSummary(v, 't0OffsetUs', options.nSigma);
    tpcs.push({ tpc, t0OffsetUs: r.mean, errorUs: r.error, nTracks: r.n, fit: r.fit });
  }
  return { method: 'segments', tpcs };
}

/**
 * Average drift velocity per TPC from CPA crossers given t0: each cathode-touching segment's hit
 * time extrapolated to the cathode, minus the TPC's t0 offset, is the full drift time T; per TPC
 * a clipped mean of T gives <vd> = L / T, with the t0 error added in quadrature.
 *
 * @example const vd = vdFromCosmics(sample, t0FromCosmics(sample));
 */
export function vdFromCosmics(sample: CosmicSample, t0: T0Payload, options: DriftCalibrationOptions = {}): DriftVelocityPayload {
  const module = duneFdSpModule(sample.module);
  const ends = segmentEndTimes(sample, SegmentEnd.CATHODE, options);
  const tpcs: DriftVelocityTpc[] = [];
  for (const [tpc, v] of [...perTpc(ends.tpc, ends.timeUs)].sort((a, b) => a[0] - b[0])) {
    const e = t0.tpcs.find((x) => x.tpc === tpc);
    const offset = e?.t0OffsetUs ?? 0;
    const r = clippedMeanSummary(
      v.map((t) => t - offset),
      'fullDriftTimeUs',
      options.nSigma,
    );
    const lengthCm = module.tpcs[tpc]!.driftLengthCm;
    const vd = (10 * lengthCm) / r.mean;
    tpcs.push({
      tpc,
      vdMmPerUs: vd,
      errorMmPerUs: (vd * Math.hypot(r.error, e?.errorUs ?? 0)) / r.mean,
      nTracks: r.n,
      driftLengthCm: lengthCm,
      fit: r.fit,
    });
  }
  return { tpcs };
}
