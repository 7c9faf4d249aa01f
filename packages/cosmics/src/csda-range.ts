import { OutOfRangeError } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';
import { betaGammaFromKineticEnergy, betheMassStoppingPower } from './bethe.js';
import type { StoppingMaterial } from './lar-material.js';

/**
 * Continuous-slowing-down (CSDA) range of a muon versus kinetic energy, both ways, from the
 * Bethe mean energy loss integrated on a fine logarithmic grid: R(T) = integral_0^T dT' / S(T').
 * Below the grid's lowest energy (1 MeV) the stopping power is taken as a local power law
 * S ~ T^-n, which gives R = T / ((n + 1) S). Radiative losses are left out: they change the range
 * by under 1% below 3 GeV in argon (PDG muon tables), the energies of muons that stop in the detector.
 */
export interface CsdaRangeTable {
  readonly material: StoppingMaterial;
  /** Kinetic energies of the grid, MeV. */
  readonly kineticEnergyMeV: Float64Array;
  /** CSDA range at each grid energy, g/cm^2. */
  readonly rangeGPerCm2: Float64Array;
  /** CSDA range, cm, of a muon of kinetic energy `kineticEnergyMeV`. */
  rangeCm(kineticEnergyMeV: number): number;
  /** Kinetic energy, MeV, of a muon with CSDA range `rangeCm` (the residual-range relation). */
  kineticEnergyMeV_fromRangeCm(rangeCm: number): number;
}

const T_MIN_MEV = 1;

/**
 * Builds the CSDA range table of muons in `material` between 1 MeV and `maxKineticEnergyMeV`.
 *
 * @example
 * const table = csdaRangeTable(liquidArgon());
 * table.rangeCm(1000) // ~ 441 cm (PDG: 616.3 g/cm^2 / 1.396)
 * table.kineticEnergyMeV_fromRangeCm(100) // ~ 250 MeV (the inverse)
 */
export function csdaRangeTable(
  material: StoppingMaterial,
  options: { maxKineticEnergyMeV?: number; pointsPerDecade?: number; massMeV?: number } = {},
): CsdaRangeTable {
  const tMax = options.maxKineticEnergyMeV ?? 1e6;
  const perDecade = options.pointsPerDecade ?? 200;
  const mass = options.massMeV ?? physicalConstants.muonMassMeV;
  if (!(tMax > 10 * T_MIN_MEV)) throw new OutOfRangeError(`maxKineticEnergyMeV ${tMax}: expected > ${10 * T_MIN_MEV} MeV`);
  const decades = Math.log10(tMax / T_MIN_MEV);
  const n = Math.ceil(decades * perDecade) + 1;
  const t = new Float64Array(n);
  const r = new Float64Array(n);
  const inv = new Float64Array(n);
  const dLog = (Math.LN10 * decades) / (n - 1);
  for (let i = 0; i < n; i++) {
    t[i] = T_MIN_MEV * Math.exp(i * dLog);
    inv[i] = 1 / betheMassStoppingPower(material, betaGammaFromKineticEnergy(t[i]!, mass), mass);
  }
  // Below the grid S ~ T^-n with the local exponent n = -d ln S / d ln T at the lowest energy
  // (n ~ 0.77 at 1 MeV: S falls with T there), so R(T) = T / ((n + 1) S(T)) ~ T^(n + 1).
  const n1 = 1 + Math.log(inv[1]! / inv[0]!) / dLog; // n + 1 (1/S = inv rises like T^n)
  r[0] = (T_MIN_MEV * inv[0]!) / n1;
  // Trapezoid in ln T of T/S: second-order accurate, 200 points per decade is far below 1e-4.
  for (let i = 1; i < n; i++) {
    r[i] = r[i - 1]! + 0.5 * dLog * (t[i - 1]! * inv[i - 1]! + t[i]! * inv[i]!);
  }
  const logT = Float64Array.from(t, Math.log);
  const logR = Float64Array.from(r, Math.log);
  const rho = material.densityGPerCm3;
  return {
    material,
    kineticEnergyMeV: t,
    rangeGPerCm2: r,
    rangeCm(kineticEnergyMeV: number): number {
      if (!(kineticEnergyMeV >= 0)) throw new OutOfRangeError(`muon kinetic energy ${kineticEnergyMeV} MeV: expected >= 0`);
      if (kineticEnergyMeV > tMax) throw new OutOfRangeError(`muon kinetic energy ${kineticEnergyMeV} MeV: expected <= ${tMax} MeV (table limit)`);
      if (kineticEnergyMeV === 0) return 0;
      if (kineticEnergyMeV < T_MIN_MEV) return (r[0]! * (kineticEnergyMeV / T_MIN_MEV) ** n1) / rho;
      return Math.exp(interpolateUniform(logT, logR, Math.log(kineticEnergyMeV))) / rho;
    },
    kineticEnergyMeV_fromRangeCm(rangeCm: number): number {
      if (!(rangeCm >= 0)) throw new OutOfRangeError(`residual range ${rangeCm} cm: expected >= 0`);
      const g = rangeCm * rho;
      if (g === 0) return 0;
      if (g > r[n - 1]!) throw new OutOfRangeError(`range ${rangeCm} cm: expected <= ${r[n - 1]! / rho} cm (table limit)`);
      if (g < r[0]!) return T_MIN_MEV * (g / r[0]!) ** (1 / n1);
      return Math.exp(interpolateMonotone(logR, logT, Math.log(g)));
    },
  };
}

/** Linear interpolation of y(x) on a uniform x grid. */
function interpolateUniform(x: Float64Array, y: Float64Array, at: number): number {
  const n = x.length;
  const step = (x[n - 1]! - x[0]!) / (n - 1);
  const i = Math.min(n - 2, Math.max(0, Math.floor((at - x[0]!) / step)));
  const f = (at - x[i]!) / (x[i + 1]! - x[i]!);
  return y[i]! + f * (y[i + 1]! - y[i]!);
}

/** Linear interpolation of y(x) on an increasing, non-uniform x grid (binary search). */
function interpolateMonotone(x: Float64Array, y: Float64Array, at: number): number {
  let lo = 0;
  let hi = x.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (x[mid]! <= at) lo = mid;
    else hi = mid;
  }
  const f = (at - x[lo]!) / (x[hi]! - x[lo]!);
  return y[lo]! + f * (y[hi]! - y[lo]!);
}
