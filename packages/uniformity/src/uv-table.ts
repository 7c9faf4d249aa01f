import { ValidationError } from '@nucal/core';

/**
 * A relative response tabulated on a regular grid in u = cos(theta) in [-1, 1] and
 * v = (r/R)^3 in [0, 1], evaluated at a point (cm) by bilinear interpolation (v > 1, a
 * reconstructed vertex outside the LS, takes the value at v = 1). Turns any smooth surface
 * into an O(1) lookup for the event loops.
 */
export class UvTable {
  readonly nU: number;
  readonly nV: number;
  readonly values: Float64Array;
  private readonly r3: number;

  constructor(surface: (u: number, v: number) => number, radiusCm: number, nU = 201, nV = 401) {
    if (nU < 2 || nV < 2) throw new ValidationError(`uv table ${nU} x ${nV}: expected at least 2 x 2 nodes`);
    this.nU = nU;
    this.nV = nV;
    this.r3 = radiusCm ** 3;
    this.values = new Float64Array(nU * nV);
    for (let i = 0; i < nU; i++) {
      const u = -1 + (2 * i) / (nU - 1);
      for (let j = 0; j < nV; j++) this.values[i * nV + j] = surface(u, j / (nV - 1));
    }
  }

  evaluate(xCm: number, yCm: number, zCm: number): number {
    const r2 = xCm * xCm + yCm * yCm + zCm * zCm;
    const r = Math.sqrt(r2);
    let fv = ((r2 * r) / this.r3) * (this.nV - 1);
    if (fv > this.nV - 1) fv = this.nV - 1;
    const fu = (r > 0 ? (zCm / r + 1) / 2 : 1) * (this.nU - 1);
    const iv = Math.min(this.nV - 2, Math.floor(fv));
    const iu = Math.min(this.nU - 2, Math.floor(fu));
    const tv = fv - iv;
    const tu = fu - iu;
    const a = iu * this.nV + iv;
    const b = a + this.nV;
    const w = this.values;
    return (1 - tu) * ((1 - tv) * w[a]! + tv * w[a + 1]!) + tu * ((1 - tv) * w[b]! + tv * w[b + 1]!);
  }
}
