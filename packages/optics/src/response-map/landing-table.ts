import { traceRay, type SphereOptics } from './ray-trace.js';

/** Doubles per landing in {@link LandingTable.data}: weight, then cos/sin of the landing and acrylic-crossing angles at the cell centre and both cell edges. */
export const LANDING_STRIDE = 13;
/** Doubles per landing in {@link DeviationTable.data}: weight, cos/sin of the landing angle, cos/sin of the acrylic-crossing angle. */
export const DEVIATION_STRIDE = 5;

/**
 * Every place where the light of one emission cell (a ring of directions at fixed cos(alpha)
 * around the vertex's radial axis) reaches the PMT sphere, for a vertex at radius r: the first
 * transmission and those of its reflections. Only the vertex radius enters; the vertex's
 * direction and the azimuth around its axis are applied when the table is used.
 */
export interface LandingTable {
  readonly data: Float64Array;
  readonly count: number;
  /**
   * Weight (summed over the azimuth cells) of the faint later landings of reflected light, each
   * below 2% of its ray: they land far from the vertex, spread over the sphere, and are counted
   * with the sphere's mean coverage and opacity instead of one by one (half the cost).
   */
  readonly diffuse: number;
}

/** First landings only, on a coarse cell grid, for the phi-dependent part of a 3D build. */
export interface DeviationTable {
  readonly data: Float64Array;
  readonly count: number;
}

const MIN_REMAINING = 1e-4;
const DIFFUSE_BELOW = 0.02;
const MAX_BOUNCES = 200;

/**
 * Landing table on `cosAlphaCells` equal cells in cos(alpha) with the azimuth integrated over
 * `azimuthCells` cells of [0, pi] (mirror symmetry): weights are the solid-angle fraction of a
 * cell times the unscattered, transmitted fraction. The cell edges are traced too so that the
 * coverage and opacity can be averaged over a cell instead of sampled at its centre.
 */
export function landingTable(o: SphereOptics, rCm: number, cosAlphaCells: number, azimuthCells: number): LandingTable {
  const dMu = 2 / cosAlphaCells;
  const cellWeight = dMu / (2 * azimuthCells);
  const edges = Array.from({ length: cosAlphaCells + 1 }, (_, i) => traceRay(o, rCm, Math.min(1, -1 + i * dMu)));
  const rows: number[] = [];
  let diffuse = 0;
  for (let c = 0; c < cosAlphaCells; c++) {
    const p = traceRay(o, rCm, -1 + (c + 0.5) * dMu);
    if (!(p.transmission > 0)) continue;
    const lo0 = edges[c]!;
    const hi0 = edges[c + 1]!;
    const lo = lo0.transmission > 0 ? lo0 : p;
    const hi = hi0.transmission > 0 ? hi0 : p;
    const step = (1 - p.transmission) * p.chordSurvival;
    let remaining = 1;
    for (let k = 0; k < MAX_BOUNCES && remaining >= MIN_REMAINING; k++) {
      const w = cellWeight * p.survival * p.transmission * remaining;
      if (k > 0 && remaining < DIFFUSE_BELOW) {
        diffuse += w * azimuthCells;
        remaining *= step;
        continue;
      }
      const a = p.gammaWallRad + k * p.chordAdvanceRad + p.acrylicAdvanceRad;
      const aLo = lo.gammaWallRad + k * lo.chordAdvanceRad + lo.acrylicAdvanceRad;
      const aHi = hi.gammaWallRad + k * hi.chordAdvanceRad + hi.acrylicAdvanceRad;
      const g = a + p.waterAdvanceRad;
      const gLo = aLo + lo.waterAdvanceRad;
      const gHi = aHi + hi.waterAdvanceRad;
      rows.push(w, Math.cos(g), Math.sin(g), Math.cos(gLo), Math.sin(gLo), Math.cos(gHi), Math.sin(gHi));
      rows.push(Math.cos(a), Math.sin(a), Math.cos(aLo), Math.sin(aLo), Math.cos(aHi), Math.sin(aHi));
      remaining *= step;
    }
  }
  return { data: Float64Array.from(rows), count: rows.length / LANDING_STRIDE, diffuse };
}

/**
 * First landings on `cosAlphaCells` cells with weights for `azimuthCells` azimuth cells over
 * [0, 2 pi): the phi-dependent coverage deviation is smooth (spread over metres), so a coarse
 * grid of directions suffices for it.
 */
export function deviationTable(o: SphereOptics, rCm: number, cosAlphaCells: number, azimuthCells: number): DeviationTable {
  const dMu = 2 / cosAlphaCells;
  const cellWeight = dMu / (2 * azimuthCells);
  const rows: number[] = [];
  for (let c = 0; c < cosAlphaCells; c++) {
    const p = traceRay(o, rCm, -1 + (c + 0.5) * dMu);
    if (!(p.transmission > 0)) continue;
    const a = p.gammaWallRad + p.acrylicAdvanceRad;
    const g = a + p.waterAdvanceRad;
    rows.push(cellWeight * p.survival * p.transmission, Math.cos(g), Math.sin(g), Math.cos(a), Math.sin(a));
  }
  return { data: Float64Array.from(rows), count: rows.length / DEVIATION_STRIDE };
}
