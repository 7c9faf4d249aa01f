import { deviationBin, type CoverageDeviation, type RingCoverage } from './coverage.js';
import { DEVIATION_STRIDE, LANDING_STRIDE, type DeviationTable, type LandingTable } from './landing-table.js';
import { crossesChimney, type FixtureOpacity } from './shadowing.js';

/** What the unscattered light meets outside the LS: coverage x QE, fixture bands, chimney tube. */
export interface DirectLightContext {
  readonly ring: RingCoverage;
  readonly opacity: FixtureOpacity | null;
  readonly chimney: { readonly radiusCm: number; readonly acrylicCm: number; readonly pmtCm: number; readonly cosFilter: number } | null;
  /** Azimuth cell centres over [0, pi] for the phi-symmetric part. */
  readonly cosBeta: Float64Array;
  readonly sinBeta: Float64Array;
  readonly deviation: CoverageDeviation | null;
  /** Azimuth cell centres over [0, 2 pi) for the phi-dependent part. */
  readonly devCosBeta: Float64Array;
  readonly devSinBeta: Float64Array;
}

/** Azimuth cell centres: cos and sin of (m + 1/2) span / cells. */
export function azimuthCells(cells: number, span: number): { cos: Float64Array; sin: Float64Array } {
  const cos = new Float64Array(cells);
  const sin = new Float64Array(cells);
  for (let m = 0; m < cells; m++) {
    const b = ((m + 0.5) * span) / cells;
    cos[m] = Math.cos(b);
    sin[m] = Math.sin(b);
  }
  return { cos, sin };
}

function cumulativeAt(f: Float64Array, bins: number, z: number): number {
  const t = (z + 1) * 0.5 * bins;
  if (t <= 0) return f[0]!;
  if (t >= bins) return f[bins]!;
  const i = t | 0;
  const a = f[i]!;
  return a + (t - i) * (f[i + 1]! - a);
}

/** The second integral at z: exact within a bin for a piecewise-linear first integral f. */
function secondAt(h: Float64Array, f: Float64Array, bins: number, z: number): number {
  const t = (z + 1) * 0.5 * bins;
  if (t <= 0) return h[0]! + (z + 1) * f[0]!;
  if (t >= bins) return h[bins]! + (z - 1) * f[bins]!;
  const i = t | 0;
  const u = t - i;
  const dz = 2 / bins;
  const a = f[i]!;
  return h[i]! + dz * u * (a + 0.5 * u * (f[i + 1]! - a));
}

/** Mean over [z1, z2] of the function whose integral f is tabulated. */
function meanOver(f: Float64Array, bins: number, z1: number, z2: number): number {
  const dz = z2 - z1;
  if (dz > 1e-9 || dz < -1e-9) return (cumulativeAt(f, bins, z2) - cumulativeAt(f, bins, z1)) / dz;
  let i = ((0.5 * (z1 + z2) + 1) * 0.5 * bins) | 0;
  if (i < 0) i = 0;
  else if (i >= bins) i = bins - 1;
  return ((f[i + 1]! - f[i]!) * bins) / 2;
}

/**
 * Mean over a ray bundle's footprint of a function of z tabulated through its integral f and
 * second integral h: the footprint spreads z uniformly over `spanA` (along the emission cell's
 * cos(alpha)) and independently over `spanB` (along its azimuth) around `z0`, so z follows the
 * trapezoid convolution of two uniform distributions and the mean is a second difference of h.
 * Without it, thin fixture bands crossed along the azimuth would alias.
 */
function meanOverFootprint(h: Float64Array, f: Float64Array, bins: number, z0: number, spanA: number, spanB: number): number {
  let a = spanA < 0 ? -spanA : spanA;
  let b = spanB < 0 ? -spanB : spanB;
  if (a < b) {
    const t = a;
    a = b;
    b = t;
  }
  if (b >= 1e-5) {
    const p = 0.5 * (a + b);
    const q = 0.5 * (a - b);
    return (secondAt(h, f, bins, z0 + p) - secondAt(h, f, bins, z0 + q) - secondAt(h, f, bins, z0 - q) + secondAt(h, f, bins, z0 - p)) / (a * b);
  }
  if (a > 1e-9) return (cumulativeAt(f, bins, z0 + 0.5 * a) - cumulativeAt(f, bins, z0 - 0.5 * a)) / a;
  let i = ((z0 + 1) * 0.5 * bins) | 0;
  if (i < 0) i = 0;
  else if (i >= bins) i = bins - 1;
  return ((f[i + 1]! - f[i]!) * bins) / 2;
}

/**
 * Detection probability of the unscattered light of a vertex at the table's radius whose radial
 * direction has polar angle theta (cos, sin given), with the PMT sphere averaged over phi: sum
 * over emission cells and azimuths of (cell weight) x (mean coverage x QE where the cell lands)
 * x (1 - mean fixture opacity where it crosses the acrylic), 0 through the chimney tube.
 */
export function directSymmetric(ctx: DirectLightContext, table: LandingTable, cosTheta: number, sinTheta: number): number {
  const d = table.data;
  const f = ctx.ring.cumulative;
  const h = ctx.ring.second;
  const nb = ctx.ring.bins;
  const smooth = ctx.ring.smoothBelowZ;
  const op = ctx.opacity;
  const g = op ? op.cumulative : null;
  const g2 = op ? op.second : null;
  const gb = op ? op.bins : 0;
  const ch = ctx.chimney;
  const cf = ch ? ch.cosFilter : 2;
  const cb = ctx.cosBeta;
  const sb = ctx.sinBeta;
  const nBeta = cb.length;
  const dBeta = Math.PI / nBeta;
  let sum = 0;
  for (let l = 0; l < table.count; l++) {
    const o = l * LANDING_STRIDE;
    const w = d[o]!;
    const pA = d[o + 1]! * cosTheta;
    const pB = d[o + 2]! * sinTheta;
    const lA = d[o + 3]! * cosTheta;
    const lB = d[o + 4]! * sinTheta;
    const hA = d[o + 5]! * cosTheta;
    const hB = d[o + 6]! * sinTheta;
    const aA = d[o + 7]! * cosTheta;
    const aB = d[o + 8]! * sinTheta;
    const alA = d[o + 9]! * cosTheta;
    const alB = d[o + 10]! * sinTheta;
    const ahA = d[o + 11]! * cosTheta;
    const ahB = d[o + 12]! * sinTheta;
    let acc = 0;
    for (let m = 0; m < nBeta; m++) {
      const c = cb[m]!;
      const s = sb[m]!;
      const zl = lA - lB * c;
      const zh = hA - hB * c;
      // z = A - B cos(beta): the azimuth cell spreads z over B sin(beta) dBeta
      const spread = pB * s * dBeta;
      const reach = 0.5 * (zl + zh) + 0.5 * ((zh > zl ? zh - zl : zl - zh) + (spread > 0 ? spread : -spread));
      let value = reach > smooth ? meanOverFootprint(h, f, nb, 0.5 * (zl + zh), zh - zl, spread) : meanOver(f, nb, zl, zh);
      if (g !== null && g2 !== null) {
        const al = alA - alB * c;
        const ah = ahA - ahB * c;
        const za = 0.5 * (al + ah);
        const spreadA = aB * s * dBeta;
        const half = 0.5 * ((ah > al ? ah - al : al - ah) + (spreadA > 0 ? spreadA : -spreadA));
        // most bundles cross no fixture band: one difference of the integral tells
        if (cumulativeAt(g, gb, za + half) - cumulativeAt(g, gb, za - half) > 0) value *= 1 - meanOverFootprint(g2, g, gb, za, ah - al, spreadA);
      }
      if (ch !== null) {
        const za = aA - aB * c;
        const zp = pA - pB * c;
        if (za > cf || zp > cf) {
          const cg = d[o + 1]!;
          const sg = d[o + 2]!;
          const ca = d[o + 7]!;
          const sa = d[o + 8]!;
          const px = (cg * sinTheta + sg * c * cosTheta) * ch.pmtCm;
          const py = sg * s * ch.pmtCm;
          const ax = (ca * sinTheta + sa * c * cosTheta) * ch.acrylicCm;
          const ay = sa * s * ch.acrylicCm;
          if (crossesChimney(ax, ay, za * ch.acrylicCm, px, py, zp * ch.pmtCm, ch.radiusCm)) continue;
        }
      }
      acc += value;
    }
    sum += w * acc;
  }
  return sum + table.diffuse * ctx.ring.meanCoverage * (op ? 1 - op.meanOpacity : 1);
}

/**
 * Phi-dependent part of the unscattered detection probability for a vertex whose radial unit
 * vector is `er` (with polar and azimuthal unit vectors `et`, `ep`): C_ring x delta (delta
 * smooth on the scale of metres) integrated over the coarse first-landing table, with the
 * fixture opacity and the chimney tube sampled along each ray.
 */
export function directDeviation(
  ctx: DirectLightContext,
  table: DeviationTable,
  er: readonly [number, number, number],
  et: readonly [number, number, number],
  ep: readonly [number, number, number],
  scratch: Float64Array,
): number {
  const dev = ctx.deviation;
  if (dev === null) return 0;
  const nBeta = ctx.devCosBeta.length;
  // scratch holds the transverse unit vectors t_m = cos(beta_m) et + sin(beta_m) ep
  for (let m = 0; m < nBeta; m++) {
    const c = ctx.devCosBeta[m]!;
    const s = ctx.devSinBeta[m]!;
    scratch[3 * m] = c * et[0] + s * ep[0];
    scratch[3 * m + 1] = c * et[1] + s * ep[1];
    scratch[3 * m + 2] = c * et[2] + s * ep[2];
  }
  const d = table.data;
  const v = dev.values;
  const op = ctx.opacity;
  const ring = ctx.ring;
  const ch = ctx.chimney;
  const cf = ch ? ch.cosFilter : 2;
  let sum = 0;
  for (let l = 0; l < table.count; l++) {
    const o = l * DEVIATION_STRIDE;
    const cg = d[o + 1]!;
    const sg = d[o + 2]!;
    const ca = d[o + 3]!;
    const sa = d[o + 4]!;
    let acc = 0;
    for (let m = 0; m < nBeta; m++) {
      const tx = scratch[3 * m]!;
      const ty = scratch[3 * m + 1]!;
      const tz = scratch[3 * m + 2]!;
      const px = cg * er[0] + sg * tx;
      const py = cg * er[1] + sg * ty;
      const pz = cg * er[2] + sg * tz;
      let value = v[deviationBin(dev.cosBins, dev.phiBins, px, py, pz)]! * meanOver(ring.cumulative, ring.bins, pz, pz);
      if (value === 0) continue;
      const za = ca * er[2] + sa * tz;
      if (op !== null) value *= 1 - meanOverFootprint(op.second, op.cumulative, op.bins, za, 0, 0);
      if (ch !== null && (za > cf || pz > cf)) {
        const ax = (ca * er[0] + sa * tx) * ch.acrylicCm;
        const ay = (ca * er[1] + sa * ty) * ch.acrylicCm;
        if (crossesChimney(ax, ay, za * ch.acrylicCm, px * ch.pmtCm, py * ch.pmtCm, pz * ch.pmtCm, ch.radiusCm)) continue;
      }
      acc += value;
    }
    sum += d[o]! * acc;
  }
  return sum;
}
