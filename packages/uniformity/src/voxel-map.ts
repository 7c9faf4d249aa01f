import { ValidationError } from '@nucal/core';

const TWO_PI = 2 * Math.PI;

/** Voxel counts of an equal-volume grid in (v = (r/R)^3, u = cos theta, phi). */
export interface VoxelGridShape {
  readonly nV: number;
  readonly nU: number;
  /** 1 for a phi-symmetric map. */
  readonly nPhi: number;
}

/**
 * A map on an equal-volume voxel grid (v, u, phi), one value per voxel, evaluated by linear
 * interpolation between voxel centres (periodic in phi, held constant beyond the outermost
 * centres in v and u). Values are in row order v, then u, then phi.
 */
export class VoxelMap {
  readonly shape: VoxelGridShape;
  readonly radiusCm: number;
  readonly values: Float64Array;
  private readonly r3: number;

  /**
   * Value at the centre (v = 0), if measured: between it and the innermost voxel centres the
   * map is interpolated linearly in v (else held at the innermost voxels' values).
   */
  centreValue: number | undefined;

  constructor(shape: VoxelGridShape, radiusCm: number, values: Float64Array, centreValue?: number) {
    const n = shape.nV * shape.nU * shape.nPhi;
    if (values.length !== n) throw new ValidationError(`voxel map with ${values.length} values: expected nV x nU x nPhi = ${n}`);
    if (!(radiusCm > 0)) throw new ValidationError(`voxel map radius ${radiusCm} cm: expected > 0`);
    this.shape = shape;
    this.radiusCm = radiusCm;
    this.values = values;
    this.centreValue = centreValue;
    this.r3 = radiusCm * radiusCm * radiusCm;
  }

  /** Voxel index of a point (cm); points outside the sphere fall in the outermost shell. */
  index(xCm: number, yCm: number, zCm: number): number {
    const { nV, nU, nPhi } = this.shape;
    const r2 = xCm * xCm + yCm * yCm + zCm * zCm;
    const r = Math.sqrt(r2);
    const v = (r2 * r) / this.r3;
    const u = r > 0 ? zCm / r : 1;
    const iv = Math.min(nV - 1, Math.floor(v * nV));
    const iu = Math.min(nU - 1, Math.floor(((u + 1) / 2) * nU));
    let ip = 0;
    if (nPhi > 1) {
      let p = Math.atan2(yCm, xCm);
      if (p < 0) p += TWO_PI;
      ip = Math.min(nPhi - 1, Math.floor((p / TWO_PI) * nPhi));
    }
    return (iv * nU + iu) * nPhi + ip;
  }

  /** Interpolated value at a point (cm). */
  evaluate(xCm: number, yCm: number, zCm: number): number {
    const { nV, nU, nPhi } = this.shape;
    const r2 = xCm * xCm + yCm * yCm + zCm * zCm;
    const r = Math.sqrt(r2);
    const v = (r2 * r) / this.r3;
    const u = r > 0 ? zCm / r : 1;
    let fv = v * nV - 0.5;
    if (fv < 0) {
      if (this.centreValue !== undefined) {
        if (r === 0) return this.centreValue;
        const t = v * nV * 2; // 0 at the centre, 1 at the innermost voxel centres
        const k1 = Math.cbrt(0.5 / (nV * v)) * (1 + 1e-9); // onto the innermost centres (just outside: no recursion)
        return (1 - t) * this.centreValue + t * this.evaluate(xCm * k1, yCm * k1, zCm * k1);
      }
      fv = 0;
    }
    else if (fv > nV - 1) fv = nV - 1;
    let fu = ((u + 1) / 2) * nU - 0.5;
    if (fu < 0) fu = 0;
    else if (fu > nU - 1) fu = nU - 1;
    const iv = Math.min(nV - 2, Math.floor(fv));
    const iu = Math.min(nU - 2, Math.floor(fu));
    const tv = fv - iv;
    const tu = fu - iu;
    const vals = this.values;
    if (nPhi === 1) {
      const a = iv * nU + iu;
      const b = a + nU;
      return (1 - tv) * ((1 - tu) * vals[a]! + tu * vals[a + 1]!) + tv * ((1 - tu) * vals[b]! + tu * vals[b + 1]!);
    }
    let p = Math.atan2(yCm, xCm);
    if (p < 0) p += TWO_PI;
    let fp = (p / TWO_PI) * nPhi - 0.5;
    if (fp < 0) fp += nPhi;
    const ip = Math.floor(fp) % nPhi;
    const tp = fp - Math.floor(fp);
    const ip1 = ip + 1 === nPhi ? 0 : ip + 1;
    const a = (iv * nU + iu) * nPhi;
    const b = a + nPhi; // u + 1
    const c = a + nU * nPhi; // v + 1
    const d = c + nPhi; // v + 1, u + 1
    const at = (o: number): number => (1 - tp) * vals[o + ip]! + tp * vals[o + ip1]!;
    return (1 - tv) * ((1 - tu) * at(a) + tu * at(b)) + tv * ((1 - tu) * at(c) + tu * at(d));
  }
}
