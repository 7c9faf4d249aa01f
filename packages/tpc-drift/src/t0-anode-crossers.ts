import { z } from 'zod';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { clippedMean, clippedMeanFitSummary } from './robust-mean.js';
import type { T0Payload, T0Tpc } from './records.js';

/**
 * Anode-crossing (or anode-piercing) tracks as seen when hit times are converted to
 * distances assuming the TPC time zero equals the trigger time. Each segment is the part of
 * a track in one TPC that touches that TPC's anode; a track through an inner APA has two
 * segments (one per side), a track entering through an outer APA has one.
 */
export const AnodeCrosserSampleSchema = z.object({
  vdAssumedMmPerUs: z.number().positive().describe('drift velocity used to convert hit times to apparent distances, mm/us'),
  tracks: z.array(
    z.object({
      segments: z
        .array(
          z.object({
            tpc: z.number().int().nonnegative(),
            earliestDriftCm: z
              .number()
              .describe("apparent distance from the TPC's anode of the earliest hit, cm (vdAssumed x (t_hit - t_trigger))"),
          }),
        )
        .min(1)
        .max(2),
    }),
  ),
});
export type AnodeCrosserSample = z.infer<typeof AnodeCrosserSampleSchema>;

/** Options of {@link t0FromAnodeCrossers}. */
export interface T0Options {
  /**
   * 'segments' (default): each segment's apparent distance / vd is one estimate of its TPC's
   * offset. 'gap': each two-sided crosser gives (d_A + d_B) / (2 vd), half the apparent gap
   * between its segments, assigned to both TPCs (one offset per inner APA).
   */
  readonly method?: 'segments' | 'gap';
  /** Clipping of the robust mean, in standard deviations (default 3). */
  readonly nSigma?: number;
  /** TPCs with fewer estimates are left out of the payload (default 3). */
  readonly minTracks?: number;
}

/**
 * Time offset between the trigger and each TPC's time zero from anode crossers
 * (PHYSICS.md 2.3): charge deposited at the anode has zero true drift time, so the earliest
 * hit of an anode-touching segment appears at d = vd x t0Offset when t0 = trigger time is
 * assumed (an early trigger shows as d > 0). Per TPC the estimates d / vd are averaged with a
 * 3-sigma clipped mean; the error is the standard error of that mean.
 *
 * Electronics delays common to every hit (field response, shaping peak) are absorbed in the
 * offset, which is what the drift-time reconstruction needs.
 *
 * @returns a `dune.t0` payload with one entry per TPC that has at least `minTracks` estimates
 * @example
 * const payload = t0FromAnodeCrossers({ vdAssumedMmPerUs: 1.6, tracks: [{ segments: [{ tpc: 1, earliestDriftCm: 0.8 }, { tpc: 2, earliestDriftCm: 0.8 }] }, ...] });
 * payload.tpcs[0].t0OffsetUs // ~5 us
 */
export function t0FromAnodeCrossers(sample: AnodeCrosserSample, options: T0Options = {}): T0Payload {
  const parsed = AnodeCrosserSampleSchema.safeParse(sample);
  if (!parsed.success) throw new ValidationError('invalid anode-crosser sample', formatZodIssues(parsed.error.issues));
  const { vdAssumedMmPerUs, tracks } = parsed.data;
  const method = options.method ?? 'segments';
  const minTracks = options.minTracks ?? 3;
  const usPerCm = 10 / vdAssumedMmPerUs;
  const perTpc = new Map<number, number[]>();
  const add = (tpc: number, v: number): void => {
    const list = perTpc.get(tpc);
    if (list) list.push(v);
    else perTpc.set(tpc, [v]);
  };
  for (const [i, track] of tracks.entries()) {
    if (method === 'segments') {
      for (const s of track.segments) add(s.tpc, s.earliestDriftCm * usPerCm);
    } else if (track.segments.length === 2) {
      const [a, b] = track.segments as [(typeof track.segments)[0], (typeof track.segments)[0]];
      if (a.tpc === b.tpc) throw new ValidationError(`track ${i} has both segments in TPC ${a.tpc}: expected the two sides of an anode`);
      const half = ((a.earliestDriftCm + b.earliestDriftCm) / 2) * usPerCm;
      add(a.tpc, half);
      add(b.tpc, half);
    }
  }
  const entries: T0Tpc[] = [];
  for (const tpc of [...perTpc.keys()].sort((p, q) => p - q)) {
    const v = perTpc.get(tpc)!;
    if (v.length < minTracks) continue;
    const r = clippedMean(v, options.nSigma === undefined ? {} : { nSigma: options.nSigma });
    entries.push({
      tpc,
      t0OffsetUs: r.mean,
      errorUs: r.error,
      nTracks: r.nUsed,
      fit: clippedMeanFitSummary(r, 't0OffsetUs', 'spreadUs'),
    });
  }
  if (entries.length === 0) {
    throw new ValidationError(`no TPC has ${minTracks} or more anode-crosser estimates (method '${method}'): cannot measure t0`);
  }
  return { method, tpcs: entries };
}
