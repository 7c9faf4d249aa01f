import { ValidationError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { clippedMean, type SpaceChargeBin, type SpaceChargeFace, type SpaceChargePayload } from '@nucal/tpc-drift';
import { SegmentEnd, type ReconstructedSample } from './cosmic-sample.js';

/** Options of {@link spaceChargeFromCosmics}. */
export interface SpaceChargeOptions {
  /** Drift-fraction bin edges (default [0, 0.25, 0.5, 0.75, 1]). */
  readonly driftFractionEdges?: readonly number[];
  /** An end within this distance of a face is taken as that face's crossing point, cm (default 8: above the distortion). */
  readonly faceWindowCm?: number;
  /** Error floor of the top and bottom faces' bins, added in quadrature, cm (default 0.05, a tenth of the wire pitch). */
  readonly floorCm?: number;
}

const FACES: readonly SpaceChargeFace[] = ['top', 'bottom', 'upstream', 'downstream'];

/**
 * The transverse space-charge map from reconstructed track ends on the active-volume faces:
 * a muon that enters or leaves through the top, bottom or an end (z) face truly ends on that
 * face; its reconstructed end (half a track pitch beyond the outermost hit, so unbiased without
 * distortion) is displaced by the space-charge field at the face. Per face and drift-fraction bin
 * (apparent drift distance from the nominal vd and the trigger time over the drift length) the
 * clipped mean of (reconstructed - face) coordinate normal to the face, with its error. Ends
 * stitched across an anode or cathode are left out, and so are ends within `2 faceWindowCm` of a
 * second face (corners). No Monte Carlo truth: the faces are the geometry.
 *
 * @example
 * const map = spaceChargeFromCosmics(reconstructCosmics(hits)); // a dune.space-charge payload
 */
export function spaceChargeFromCosmics(sample: ReconstructedSample, options: SpaceChargeOptions = {}): SpaceChargePayload {
  const edges = [...(options.driftFractionEdges ?? [0, 0.25, 0.5, 0.75, 1])];
  const window = options.faceWindowCm ?? 8;
  const floor = options.floorCm ?? 0.05;
  for (let i = 1; i < edges.length; i++) if (!(edges[i]! > edges[i - 1]!)) throw new ValidationError(`driftFractionEdges must increase: ${edges.join(', ')}`);
  if (!(window > 0)) throw new ValidationError(`faceWindowCm is ${window}: expected a positive distance`);
  const module = duneFdSpModule(sample.module);
  const a = module.active;
  const nb = edges.length - 1;
  const values: number[][][] = FACES.map(() => Array.from({ length: nb }, () => []));
  const us: number[][][] = FACES.map(() => Array.from({ length: nb }, () => []));
  const e = sample.reconstruction.segmentEnds;
  const seg = sample.segments;
  for (let k = 0; k < seg.count; k++) {
    const tpc = module.tpcs[seg.tpc[k]!]!;
    for (const start of [true, false]) {
      const kind = start ? seg.startKind[k]! : seg.endKind[k]!;
      if (kind === SegmentEnd.ANODE || kind === SegmentEnd.CATHODE) continue;
      const x = start ? e.startXCm[k]! : e.endXCm[k]!;
      const y = start ? e.startYCm[k]! : e.endYCm[k]!;
      const z = start ? e.startZCm[k]! : e.endZCm[k]!;
      // Signed offsets (reconstructed - face) and distances to each face.
      const off = [y - a.yMax, y - a.yMin, z - a.zMin, z - a.zMax];
      let best = -1;
      let near = 0;
      for (let f = 0; f < 4; f++) {
        const d = Math.abs(off[f]!);
        if (d < 2 * window) near++;
        if (d < window && (best < 0 || d < Math.abs(off[best]!))) best = f;
      }
      if (best < 0 || near > 1) continue;
      const u = Math.abs(x - tpc.anodeXCm) / tpc.driftLengthCm;
      if (!(u >= edges[0]! && u <= edges[nb]!)) continue;
      let b = 0;
      while (b < nb - 1 && u >= edges[b + 1]!) b++;
      values[best]![b]!.push(off[best]!);
      us[best]![b]!.push(u);
    }
  }
  const params: string[] = [];
  const vals: Record<string, number> = {};
  const errs: Record<string, number> = {};
  let chi2 = 0;
  let ndof = 0;
  const faces = FACES.map((face, f) => ({
    face,
    bins: values[f]!.map((v, b): SpaceChargeBin => {
      const uMean = v.length > 0 ? us[f]![b]!.reduce((x, y) => x + y, 0) / v.length : 0.5 * (edges[b]! + edges[b + 1]!);
      if (v.length < 5) return { displacementCm: 0, errorCm: 0, nEnds: v.length, meanDriftFraction: uMean };
      const c = clippedMean(v);
      // z ends sit on collection wires: where the displacement barely changes over a bin every end
      // moves by the same whole number of wires, an error uniform over one pitch (pitch / sqrt 12).
      const sys = face === 'upstream' || face === 'downstream' ? sample.wirePitchCm / Math.sqrt(12) : floor;
      const r = { mean: c.mean, error: Math.hypot(c.error, sys), nUsed: c.nUsed };
      const name = `${face}.${b}`;
      params.push(name);
      vals[name] = r.mean;
      errs[name] = r.error;
      if (r.error > 0) {
        chi2 += (r.mean / r.error) ** 2;
        ndof++;
      }
      return { displacementCm: r.mean, errorCm: r.error, nEnds: r.nUsed, meanDriftFraction: uMean };
    }),
  }));
  const covariance = params.map((p, i) => params.map((_, j) => (i === j ? errs[p]! ** 2 : 0)));
  return {
    method: 'face-offsets',
    driftFractionEdges: edges,
    faces,
    fit: { parameters: params, values: vals, errors: errs, covariance, chi2, ndof, valid: params.length > 0 },
  };
}
