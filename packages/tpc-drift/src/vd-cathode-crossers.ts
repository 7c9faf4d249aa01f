import { z } from 'zod';
import type { LArTpcModule } from '@nucal/geometry';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { clippedMean, clippedMeanFitSummary } from './robust-mean.js';
import type { DriftVelocityPayload, DriftVelocityTpc, T0Payload } from './records.js';

/** Cathode-crossing track segments: each touches its TPC's cathode, so its latest hit drifted the full length. */
export const CathodeCrosserSampleSchema = z.object({
  segments: z.array(
    z.object({
      tpc: z.number().int().nonnegative(),
      latestHitTimeUs: z.number().describe('time of the latest hit of the segment relative to the trigger, us'),
    }),
  ),
});
export type CathodeCrosserSample = z.infer<typeof CathodeCrosserSampleSchema>;

/** Options of {@link vdFromCathodeCrossers}. */
export interface VdOptions {
  /** Geometry: gives each TPC's anode-cathode distance. */
  readonly module: LArTpcModule;
  /** Measured time offsets (a `dune.t0` payload); every TPC in the sample must be in it. Omit for zero offsets. */
  readonly t0?: T0Payload;
  /** Clipping of the robust mean, in standard deviations (default 3). */
  readonly nSigma?: number;
  /** TPCs with fewer segments are left out (default 3). */
  readonly minTracks?: number;
}

/**
 * Average drift velocity per TPC from cathode crossers with t0 known (PHYSICS.md 2.3): the
 * latest hit of a segment through the cathode drifted the whole drift length L, so
 * t_max - t_trigger - t0Offset = L / <vd>. Per TPC the full drift time is a 3-sigma clipped
 * mean of the segments' values and <vd> = L / T; the error combines the mean's error and the
 * t0 error in quadrature: sigma_vd / vd = sqrt(sigma_T^2 + sigma_t0^2) / T.
 *
 * The result is <vd(y, z, t)>_x over the drift; a wrong anode-cathode distance biases it in
 * proportion.
 *
 * @returns a `dune.drift-velocity` payload with one entry per TPC with at least `minTracks` segments
 * @example
 * const vd = vdFromCathodeCrossers({ segments }, { module: duneFdSpModule(), t0: t0Payload });
 * vd.tpcs[0].vdMmPerUs // ~1.60
 */
export function vdFromCathodeCrossers(sample: CathodeCrosserSample, options: VdOptions): DriftVelocityPayload {
  const parsed = CathodeCrosserSampleSchema.safeParse(sample);
  if (!parsed.success) throw new ValidationError('invalid cathode-crosser sample', formatZodIssues(parsed.error.issues));
  const minTracks = options.minTracks ?? 3;
  const perTpc = new Map<number, number[]>();
  for (const s of parsed.data.segments) {
    const tpcGeo = options.module.tpcs[s.tpc];
    if (tpcGeo === undefined) {
      throw new ValidationError(`cathode-crosser segment in TPC ${s.tpc}: the module has TPCs 0..${options.module.tpcs.length - 1}`);
    }
    let offset = 0;
    if (options.t0) {
      const e = options.t0.tpcs.find((t) => t.tpc === s.tpc);
      if (e === undefined) throw new ValidationError(`no t0 for TPC ${s.tpc}: expected the dune.t0 payload to cover every TPC in the sample`);
      offset = e.t0OffsetUs;
    }
    const list = perTpc.get(s.tpc);
    const v = s.latestHitTimeUs - offset;
    if (list) list.push(v);
    else perTpc.set(s.tpc, [v]);
  }
  const entries: DriftVelocityTpc[] = [];
  for (const tpc of [...perTpc.keys()].sort((p, q) => p - q)) {
    const times = perTpc.get(tpc)!;
    if (times.length < minTracks) continue;
    const r = clippedMean(times, options.nSigma === undefined ? {} : { nSigma: options.nSigma });
    if (!(r.mean > 0)) throw new ValidationError(`TPC ${tpc}: mean full drift time ${r.mean} us is not positive: check t0`);
    const t0Err = options.t0?.tpcs.find((t) => t.tpc === tpc)?.errorUs ?? 0;
    const lengthCm = options.module.tpcs[tpc]!.driftLengthCm;
    const vd = (10 * lengthCm) / r.mean;
    const err = (vd * Math.hypot(r.error, t0Err)) / r.mean;
    entries.push({
      tpc,
      vdMmPerUs: vd,
      errorMmPerUs: err,
      nTracks: r.nUsed,
      driftLengthCm: lengthCm,
      fit: clippedMeanFitSummary(r, 'fullDriftTimeUs', 'spreadUs'),
    });
  }
  if (entries.length === 0) throw new ValidationError(`no TPC has ${minTracks} or more cathode-crosser segments: cannot measure vd`);
  return { tpcs: entries };
}
