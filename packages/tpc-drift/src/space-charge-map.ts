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
function interpolate(edges: readonly number[], bins: readonly SpaceChargeBin[], u: number): number {
  const n = bins.length;
  const centre = (i: number): number => 0.5 * (edges[i]! + edges[i + 1]!);
  const v = (i: number): number => bins[i]!.displacementCm;
  if (u <= centre(0)) return v(0);
  if (u >= centre(n - 1)) return v(n - 1);
  let i = 0;
  while (i < n - 2 && u > centre(i + 1)) i++;
  const f = (u - centre(i)) / (centre(i + 1) - centre(i));
  return v(i) + f * (v(i + 1) - v(i));
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
  const u = Math.min(1, Math.max(0, Math.abs(p.x - tpc.anodeXCm) / tpc.driftLengthCm));
  const face = (name: SpaceChargeFace): number => interpolate(payload.driftFractionEdges, payload.faces.find((f) => f.face === name)!.bins, u);
  const fy = Math.min(1, Math.max(0, (p.y - active.yMin) / (active.yMax - active.yMin)));
  const fz = Math.min(1, Math.max(0, (p.z - active.zMin) / (active.zMax - active.zMin)));
  return {
    dyCm: face('bottom') + fy * (face('top') - face('bottom')),
    dzCm: face('upstream') + fz * (face('downstream') - face('upstream')),
  };
}
