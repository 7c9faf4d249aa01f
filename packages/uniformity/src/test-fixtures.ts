import type { ResponseMapLike } from './response-map.js';

/** Options of the analytic toy map (in-family stand-in for @nucal/optics' response map). */
export interface AnalyticMapOptions {
  readonly y0PePerMeV?: number;
  /** Relative amplitude of a phi-dependent term near the edge (0: phi-symmetric). */
  readonly phiAsymmetry?: number;
}

/**
 * A smooth response shaped like a large LS detector's: flat in the middle, rising towards
 * the edge (solid angle) and falling in the last half metre (total reflection), with a mild
 * up-down asymmetry; optionally a phi term near the edge (dead PMTs on one side).
 */
export function analyticMap(options: AnalyticMapOptions = {}): ResponseMapLike & { g(x: number, y: number, z: number): number } {
  const y0 = options.y0PePerMeV ?? 1345;
  const R = 1770;
  const asym = options.phiAsymmetry ?? 0;
  const g = (x: number, y: number, z: number): number => {
    const r = Math.sqrt(x * x + y * y + z * z);
    const q = r / R;
    const u = r > 0 ? z / r : 1;
    const edge = Math.max(0, (r - 1650) / 120);
    let v = 1 + 0.04 * q * q + 0.12 * q ** 10 - 0.18 * edge * edge + 0.02 * u * q ** 4;
    if (asym !== 0 && r > 0) v *= 1 + asym * q ** 6 * (y / r);
    return v;
  };
  return { lsRadiusCm: R, centrePeMeV: y0, peMeV: (x, y, z) => y0 * g(x, y, z), g };
}
