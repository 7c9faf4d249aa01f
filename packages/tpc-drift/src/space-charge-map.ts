import { z } from 'zod';
import { FitSummarySchema, defineRecord } from '@nucal/core';
import type { BoxCm, TpcVolume } from '@nucal/geometry';

/** The faces of the active volume whose crossing points measure the transverse displacement. */
export const SpaceChargeFaceSchema = z.enum(['top', 'bottom', 'upstream', 'downstream']);
export type SpaceChargeFace = z.infer<typeof SpaceChargeFaceSchema>;

/** One drift-fraction bin of one face: mean apparent minus true coordinate of track ends on the face. */
export const SpaceChargeBinSchema = z.object({
  displacementCm: z.number().describe('reconstructed minus true end coordinate normal to the face (y for top/bottom, z for upstream/downstream), cm'),
  errorCm: z.number().nonnegative(),
  nEnds: z.number().int().nonnegative().describe('track ends used in the bin (under 5: no measurement, displacement 0 with error 0)'),
  meanDriftFraction: z.number().min(0).max(1).describe('mean drift fraction of the ends in the bin (the bin centre when empty)'),
});
export type SpaceChargeBin = z.infer<typeof SpaceChargeBinSchema>;

/** Payload of `dune.space-charge` v1. */
export const SpaceChargePayloadSchema = z
  .object({
    method: z.literal('face-offsets').describe('offsets of reconstructed track ends from the active-volume faces they cross'),
    driftFractionEdges: z.array(z.number().min(0).max(1)).min(2).describe('bin edges in drift distance / drift length (0 anode, 1 cathode), increasing'),
    faces: z
      .array(z.object({ face: SpaceChargeFaceSchema, bins: z.array(SpaceChargeBinSchema) }))
      .length(4)
      .describe('one entry per face, bins in driftFractionEdges order'),
    fit: FitSummarySchema.describe('the bins as parameters (face.bin), chi2 of the bins against zero'),
  })
  .superRefine((p, ctx) => {
    const e = p.driftFractionEdges;
    for (let i = 1; i < e.length; i++) if (!(e[i]! > e[i - 1]!)) ctx.addIssue({ code: 'custom', path: ['driftFractionEdges', i], message: `edges must increase: ${e[i - 1]} then ${e[i]}` });
    const seen = new Set<string>();
    p.faces.forEach((f, i) => {
      if (seen.has(f.face)) ctx.addIssue({ code: 'custom', path: ['faces', i], message: `duplicate face ${f.face}` });
      seen.add(f.face);
      if (f.bins.length !== e.length - 1) ctx.addIssue({ code: 'custom', path: ['faces', i, 'bins'], message: `${f.bins.length} bins for ${e.length - 1} drift-fraction bins` });
    });
  });
export type SpaceChargePayload = z.infer<typeof SpaceChargePayloadSchema>;

/**
 * `dune.space-charge` v1: the transverse space-charge displacement of ionisation reaching the
 * anode, measured per active-volume face in bins of drift fraction (one map for every drift
 * volume of the module, by symmetry). `dune.hits` corrects hit positions with it when one is valid.
 *
 * @example
 * spaceChargeRecord.schema.parse(payload) // payload from spaceChargeFromCosmics in @nucal/cosmics
 */
export const spaceChargeRecord = defineRecord({
  name: 'dune.space-charge',
  version: 1,
  schema: SpaceChargePayloadSchema,
  description: 'Transverse space-charge displacement (cm) per active-volume face and drift-fraction bin, from the end points of face-crossing cosmic muons',
});

/** Piecewise-linear value between bin centres, constant beyond the outer centres; bins without ends count as 0. */
/** Linear interpolation between bin centres `c` of values `v`, constant beyond the first and last centre. */
function interpolate(c: Float64Array, v: Float64Array, u: number): number {
  const n = c.length;
  if (u <= c[0]!) return v[0]!;
  if (u >= c[n - 1]!) return v[n - 1]!;
  let i = 0;
  while (i < n - 2 && u > c[i + 1]!) i++;
  return v[i]! + ((u - c[i]!) / (c[i + 1]! - c[i]!)) * (v[i + 1]! - v[i]!);
}

/** A `dune.space-charge` payload prepared for many lookups (see {@link spaceChargeEvaluator}). */
export interface SpaceChargeEvaluator {
  /** Writes the apparent displacement at (x, y, z) of a TPC, cm, into `out` (no allocation). */
  displacement(tpc: TpcVolume, x: number, y: number, z: number, out: { dyCm: number; dzCm: number }): void;
}

/**
 * The payload's bin centres and face values as typed arrays, once, for per-hit lookups (what
 * {@link spaceChargeDisplacementCm} computes; `dune.hits` keeps one per payload: 5x faster than
 * looking the faces up per hit).
 *
 * @example
 * const sce = spaceChargeEvaluator(payload, module.active);
 * const d = { dyCm: 0, dzCm: 0 };
 * sce.displacement(module.tpcs[0]!, -300, 290, 100, d);
 */
export function spaceChargeEvaluator(payload: SpaceChargePayload, active: BoxCm): SpaceChargeEvaluator {
  const e = payload.driftFractionEdges;
  const centres = Float64Array.from({ length: e.length - 1 }, (_, i) => 0.5 * (e[i]! + e[i + 1]!));
  const values = (name: SpaceChargeFace): Float64Array => Float64Array.from(payload.faces.find((f) => f.face === name)!.bins, (b) => b.displacementCm);
  const [top, bottom, upstream, downstream] = [values('top'), values('bottom'), values('upstream'), values('downstream')];
  const height = active.yMax - active.yMin;
  const length = active.zMax - active.zMin;
  return {
    displacement(tpc, x, y, z, out) {
      const u = Math.min(1, Math.max(0, Math.abs(x - tpc.anodeXCm) / tpc.driftLengthCm));
      const fy = Math.min(1, Math.max(0, (y - active.yMin) / height));
      const fz = Math.min(1, Math.max(0, (z - active.zMin) / length));
      const b = interpolate(centres, bottom, u);
      const up = interpolate(centres, upstream, u);
      out.dyCm = b + fy * (interpolate(centres, top, u) - b);
      out.dzCm = up + fz * (interpolate(centres, downstream, u) - up);
    },
  };
}

/**
 * The apparent transverse displacement (dy, dz) at a point of a TPC from a `dune.space-charge`
 * payload: per drift fraction u = drift distance / drift length, the face values interpolated
 * linearly between bin centres, then linearly in y between the bottom and top faces and in z
 * between the upstream and downstream faces. A hit at apparent (y, z) sits at about
 * (y - dy, z - dz) (first order: the map is evaluated at the apparent point). No drift (x)
 * component: the face ends do not measure it.
 *
 * @example
 * spaceChargeDisplacementCm(payload, module.active, module.tpcs[0]!, { x: -300, y: 290, z: 100 }) // { dyCm: -1.1, dzCm: 0.2 }
 */
export function spaceChargeDisplacementCm(payload: SpaceChargePayload, active: BoxCm, tpc: TpcVolume, p: { x: number; y: number; z: number }): { dyCm: number; dzCm: number } {
  const out = { dyCm: 0, dzCm: 0 };
  spaceChargeEvaluator(payload, active).displacement(tpc, p.x, p.y, p.z, out);
  return out;
}
