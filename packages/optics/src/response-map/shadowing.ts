import { secondIntegral } from './coverage.js';

/**
 * Fixture bands on the acrylic sphere: one band of arc width `bandWidthCm` and opacity
 * `opacity` at each boundary between the `layers` horizontal acrylic layers (layer k spans
 * polar angles k pi / layers .. (k + 1) pi / layers), tabulated like the coverage through its
 * integral over z = cos(theta) so that ray bundles see the mean opacity of what they cross.
 */
export interface FixtureOpacity {
  readonly bins: number;
  /** int_{-1}^{z} opacity dz' at the bin edges. */
  readonly cumulative: Float64Array;
  /** Integral of `cumulative` at the bin edges. */
  readonly second: Float64Array;
  /** Fraction of the acrylic sphere's area shadowed (area-weighted mean opacity). */
  readonly meanOpacity: number;
}

/** @example fixtureOpacity(23, 1782, 10, 0.5).meanOpacity // ~0.021 */
export function fixtureOpacity(layers: number, acrylicOuterRadiusCm: number, bandWidthCm: number, opacity: number, bins = 20_000): FixtureOpacity {
  const halfAngle = bandWidthCm / (2 * acrylicOuterRadiusCm);
  const bands: [number, number][] = [];
  for (let k = 1; k < layers; k++) {
    const theta = (k * Math.PI) / layers;
    bands.push([Math.cos(Math.min(Math.PI, theta + halfAngle)), Math.cos(Math.max(0, theta - halfAngle))]);
  }
  const cumulative = new Float64Array(bins + 1);
  for (let i = 0; i <= bins; i++) {
    const z = -1 + (2 * i) / bins;
    let g = 0;
    for (const [lo, hi] of bands) g += opacity * Math.min(Math.max(z - lo, 0), hi - lo);
    cumulative[i] = g;
  }
  return { bins, cumulative, second: secondIntegral(cumulative, 2 / bins), meanOpacity: cumulative[bins]! / 2 };
}

/**
 * Whether the straight water path from the acrylic point A to the PMT-sphere point P (cm)
 * passes through the opaque chimney tube: the cylinder x^2 + y^2 < radius^2 above the acrylic
 * top (z > 0). The closest approach of the segment to the z axis decides.
 */
export function crossesChimney(ax: number, ay: number, az: number, px: number, py: number, pz: number, radiusCm: number): boolean {
  if (az <= 0 && pz <= 0) return false;
  const dx = px - ax;
  const dy = py - ay;
  const dd = dx * dx + dy * dy;
  let t = dd > 0 ? -(ax * dx + ay * dy) / dd : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const cx = ax + t * dx;
  const cy = ay + t * dy;
  const cz = az + t * (pz - az);
  return cz > 0 && cx * cx + cy * cy < radiusCm * radiusCm;
}
