import { fastAtan2 } from './fast-angles.js';
import type { SpherePoints } from '@nucal/geometry';

/**
 * Photocathode coverage x QE of the PMT sphere averaged over phi, as a function of
 * z = cos(theta): C(z) is the fraction of the sphere's area at height z covered by
 * photocathode, weighted by the QE of the PMT covering it. Tabulated through its integral
 * F(z) = int_{-1}^{z} C dz' at `bins` + 1 equidistant edges, so that a bundle of rays spanning
 * [z1, z2] sees the exact mean coverage (F(z2) - F(z1)) / (z2 - z1).
 */
export interface RingCoverage {
  readonly bins: number;
  readonly cumulative: Float64Array;
  /** int_{-1}^{z} F dz' at the bin edges (exact for the piecewise-linear F), for footprints spread in two directions. */
  readonly second: Float64Array;
  /** C per bin (the derivative of `cumulative`). */
  readonly density: Float64Array;
  /** Coverage x QE averaged over the whole sphere, sum of (PMT solid angle x QE) / 4 pi. */
  readonly meanCoverage: number;
  /** Below this z the coverage varies only on the scale of a PMT (no cap rim): a bundle's spread along its azimuth can be ignored there. */
  readonly smoothBelowZ: number;
}

/**
 * Each photocathode is a disk of radius a facing the centre, tangent to the PMT sphere of
 * radius R_p: seen from the centre it is a cap of half-angle atan(a / R_p) and solid angle
 * 2 pi (1 - cos). Its area spreads over heights z0 +- sin(theta0) sin(half-angle) with the
 * semicircle (chord-length) profile of a disk.
 *
 * @example ringCoverage(lsDetector().lpmts, 1940, 25, new Float64Array(17612).fill(0.3), 8000).meanCoverage // 0.2193
 */
export function ringCoverage(pmts: SpherePoints, pmtRadiusCm: number, photocathodeRadiusCm: number, qe: Float64Array, bins: number): RingCoverage {
  const dz = 2 / bins;
  const mass = new Float64Array(bins);
  const half = Math.atan(photocathodeRadiusCm / pmtRadiusCm);
  const omega = 2 * Math.PI * (1 - Math.cos(half));
  const sinHalf = Math.sin(half);
  let total = 0;
  let topZ = -1;
  for (let i = 0; i < pmts.count; i++) {
    const q = qe[i]!;
    if (!(q > 0)) continue;
    const z0 = pmts.z[i]! / pmtRadiusCm;
    if (z0 > topZ) topZ = z0;
    const m = (omega * q) / (2 * Math.PI);
    total += omega * q;
    const h = Math.sqrt(Math.max(0, 1 - z0 * z0)) * sinHalf;
    if (h < 1e-12) {
      mass[Math.min(bins - 1, Math.max(0, Math.floor((z0 + 1) / dz)))]! += m;
      continue;
    }
    const first = Math.max(0, Math.floor((z0 - h + 1) / dz));
    const last = Math.min(bins - 1, Math.floor((z0 + h + 1) / dz));
    let prev = 0;
    for (let k = first; k <= last; k++) {
      const upper = k === last ? 1 : semicircleCdf((-1 + (k + 1) * dz - z0) / h);
      mass[k]! += m * (upper - prev);
      prev = upper;
    }
  }
  const cumulative = new Float64Array(bins + 1);
  const density = new Float64Array(bins);
  for (let k = 0; k < bins; k++) {
    cumulative[k + 1] = cumulative[k]! + mass[k]!;
    density[k] = mass[k]! / dz;
  }
  // 0.05 rad (~1 m on the PMT sphere) below the rim of the PMT-free cap
  const smoothBelowZ = Math.cos(Math.min(Math.PI, Math.acos(topZ) + half + 0.05));
  return { bins, cumulative, second: secondIntegral(cumulative, dz), density, meanCoverage: total / (4 * Math.PI), smoothBelowZ };
}

/** Integral of a piecewise-linear function given at equidistant edges (step dz), at the same edges. */
export function secondIntegral(cumulative: Float64Array, dz: number): Float64Array {
  const out = new Float64Array(cumulative.length);
  for (let k = 1; k < cumulative.length; k++) out[k] = out[k - 1]! + (0.5 * dz * (cumulative[k - 1]! + cumulative[k]!));
  return out;
}

/** Fraction of a disk's area below u (in units of its radius), u in [-1, 1]. */
function semicircleCdf(u: number): number {
  if (u <= -1) return 0;
  if (u >= 1) return 1;
  return 0.5 + (u * Math.sqrt(1 - u * u) + Math.asin(u)) / Math.PI;
}

/**
 * The phi-dependent part of the coverage x QE for a 3D build, relative to its phi average:
 * each PMT's (solid angle x QE) spread evenly over a cap of radius `smoothingCm` on the PMT
 * sphere (64 sample points), binned in (cos theta, phi) with equal-area bins, divided by its
 * mean over phi in each cos(theta) row, minus 1. The coverage used is C_ring(z) (1 + delta):
 * the phi average stays the exact {@link RingCoverage}, and the PMT-free cap stays empty.
 */
export interface CoverageDeviation {
  readonly cosBins: number;
  readonly phiBins: number;
  /** Relative deviation delta, row-major [cosBin][phiBin]. */
  readonly values: Float64Array;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));
const SAMPLES = 64;

export function coverageDeviation(
  pmts: SpherePoints,
  pmtRadiusCm: number,
  photocathodeRadiusCm: number,
  qe: Float64Array,
  cosBins: number,
  phiBins: number,
  smoothingCm: number,
): CoverageDeviation {
  const values = new Float64Array(cosBins * phiBins);
  const half = Math.atan(photocathodeRadiusCm / pmtRadiusCm);
  const omega = 2 * Math.PI * (1 - Math.cos(half));
  const binOmega = (4 * Math.PI) / (cosBins * phiBins);
  const rho = smoothingCm / pmtRadiusCm;
  const cs = new Float64Array(SAMPLES);
  const sn = new Float64Array(SAMPLES);
  const ca = new Float64Array(SAMPLES);
  const sa = new Float64Array(SAMPLES);
  for (let k = 0; k < SAMPLES; k++) {
    const s = rho * Math.sqrt((k + 0.5) / SAMPLES);
    cs[k] = Math.cos(s);
    sn[k] = Math.sin(s);
    ca[k] = Math.cos(k * GOLDEN_ANGLE);
    sa[k] = Math.sin(k * GOLDEN_ANGLE);
  }
  for (let i = 0; i < pmts.count; i++) {
    const q = qe[i]!;
    if (!(q > 0)) continue;
    const px = pmts.x[i]! / pmtRadiusCm;
    const py = pmts.y[i]! / pmtRadiusCm;
    const pz = pmts.z[i]! / pmtRadiusCm;
    // tangent basis u = z x p / |z x p| (x axis near the poles), v = p x u
    let ux = -py;
    let uy = px;
    let uz = 0;
    let un = Math.hypot(ux, uy);
    if (un < 1e-9) {
      ux = 1;
      uy = 0;
      un = 1;
    }
    ux /= un;
    uy /= un;
    uz /= un;
    const vx = py * uz - pz * uy;
    const vy = pz * ux - px * uz;
    const vz = px * uy - py * ux;
    const m = (omega * q) / SAMPLES / binOmega;
    for (let k = 0; k < SAMPLES; k++) {
      const tx = ux * ca[k]! + vx * sa[k]!;
      const ty = uy * ca[k]! + vy * sa[k]!;
      const tz = uz * ca[k]! + vz * sa[k]!;
      const x = px * cs[k]! + tx * sn[k]!;
      const y = py * cs[k]! + ty * sn[k]!;
      const z = pz * cs[k]! + tz * sn[k]!;
      values[deviationBin(cosBins, phiBins, x, y, z)]! += m;
    }
  }
  for (let r = 0; r < cosBins; r++) {
    let mean = 0;
    for (let p = 0; p < phiBins; p++) mean += values[r * phiBins + p]!;
    mean /= phiBins;
    for (let p = 0; p < phiBins; p++) values[r * phiBins + p] = mean > 0 ? values[r * phiBins + p]! / mean - 1 : 0;
  }
  return { cosBins, phiBins, values };
}

/** Bin of a unit vector in a {@link CoverageDeviation}. */
export function deviationBin(cosBins: number, phiBins: number, x: number, y: number, z: number): number {
  let iz = Math.floor(((z + 1) / 2) * cosBins);
  if (iz < 0) iz = 0;
  else if (iz >= cosBins) iz = cosBins - 1;
  let ip = Math.floor(((fastAtan2(y, x) + Math.PI) / (2 * Math.PI)) * phiBins);
  if (ip >= phiBins) ip = phiBins - 1;
  else if (ip < 0) ip = 0;
  return iz * phiBins + ip;
}

