import { ValidationError } from '@nucal/core';
import type { ResponseMapLike } from './response-map.js';

/** A response map with its source's spherical lookup (as @nucal/optics' ResponseMap has). */
export interface SphericalResponseMap extends ResponseMapLike {
  peMeVSpherical(rCm: number, cosTheta: number, phiRad: number): number;
  readonly phiSymmetric: boolean;
  readonly grid: { readonly phiRad: ArrayLike<number> };
}

/** Options of {@link fastResponseTable}. */
export interface FastTableOptions {
  /** Radial step, cm (default 2). */
  readonly drCm?: number;
  /** Nodes in the polar coordinate t (see {@link fastResponseTable}) over [0, sqrt 2] (default 401). */
  readonly nU?: number;
}

/**
 * Resamples a response map onto a regular table in r (2 cm), a polar coordinate t and the
 * map's own phi nodes, and looks it up by multilinear interpolation with one square root for
 * the polar angle and one atan2 (none for a phi-symmetric map): the event loops call it tens
 * of millions of times. t = sqrt((1 - cos theta)/2) = sin(theta/2) in the upper half and
 * sqrt 2 - cos(theta/2) in the lower one is nearly uniform in theta at both poles (uniform
 * steps in cos theta would be 30x too coarse at the chimney, where the response falls over a
 * few degrees). The table is the toy's truth; its difference from the map's own interpolation
 * is measured in the tests.
 *
 * @example const fast = fastResponseTable(buildResponseMap({ qeRelSpread: 0 }));
 */
export function fastResponseTable(map: SphericalResponseMap, o: FastTableOptions = {}): ResponseMapLike & { readonly source: SphericalResponseMap } {
  const R = map.lsRadiusCm;
  const dr = o.drCm ?? 2;
  const nU = o.nU ?? 401;
  if (!(dr > 0) || nU < 3) throw new ValidationError(`fast response table: step ${dr} cm, ${nU} cos(theta) nodes; expected a step > 0 and >= 3 nodes`);
  const nR = Math.ceil(R / dr) + 1;
  const phis = map.phiSymmetric ? [0] : Array.from(map.grid.phiRad);
  const nP = phis.length;
  const values = new Float64Array(nR * nU * nP);
  for (let i = 0; i < nR; i++) {
    const r = Math.min(R, i * dr);
    for (let j = 0; j < nU; j++) {
      const u = uOfT((Math.SQRT2 * j) / (nU - 1));
      for (let k = 0; k < nP; k++) values[(i * nU + j) * nP + k] = map.peMeVSpherical(r, u, phis[k]!);
    }
  }
  const invDr = 1 / dr;
  const tScale = (nU - 1) / Math.SQRT2;
  const phiScale = nP / (2 * Math.PI);
  const peMeV = (x: number, y: number, z: number): number => {
    const r = Math.sqrt(x * x + y * y + z * z);
    let fr = r * invDr;
    if (fr > nR - 1) fr = nR - 1;
    const u = r > 0 ? z / r : 1;
    const fu = (u >= 0 ? Math.sqrt(0.5 * (1 - u)) : Math.SQRT2 - Math.sqrt(0.5 * (1 + u))) * tScale;
    let i = Math.floor(fr);
    if (i > nR - 2) i = nR - 2;
    let j = Math.floor(fu);
    if (j > nU - 2) j = nU - 2;
    const tr = fr - i;
    const tu = fu - j;
    if (nP === 1) {
      const a = i * nU + j;
      const b = a + nU;
      return (1 - tr) * ((1 - tu) * values[a]! + tu * values[a + 1]!) + tr * ((1 - tu) * values[b]! + tu * values[b + 1]!);
    }
    let p = Math.atan2(y, x);
    if (p < 0) p += 2 * Math.PI;
    const fp = p * phiScale;
    let k = Math.floor(fp);
    const tp = fp - k;
    if (k >= nP) k -= nP;
    const k1 = k + 1 === nP ? 0 : k + 1;
    const a = (i * nU + j) * nP;
    const b = a + nP;
    const c = a + nU * nP;
    const d = c + nP;
    const at = (o: number) => (1 - tp) * values[o + k]! + tp * values[o + k1]!;
    return (1 - tr) * ((1 - tu) * at(a) + tu * at(b)) + tr * ((1 - tu) * at(c) + tu * at(d));
  };
  return { lsRadiusCm: R, centrePeMeV: map.centrePeMeV, peMeV, source: map };
}

/** cos(theta) of the polar coordinate t of {@link fastResponseTable}. */
function uOfT(t: number): number {
  if (t <= Math.SQRT1_2) return 1 - 2 * t * t;
  const c = Math.SQRT2 - t;
  return 2 * c * c - 1;
}
