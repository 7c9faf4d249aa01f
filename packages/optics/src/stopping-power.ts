import { OutOfRangeError, ValidationError } from '@nucal/core';
import { densityEffectDelta, physicalConstants, type SternheimerParameters } from '@nucal/numeric';
import { zOverA, type DensityEffect, type Material } from './material.js';

const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;
/** 2 pi N_A r_e^2 m_e c^2 = K / 2 (K of numeric's physicalConstants, PDG). */
const HALF_K_MEV_CM2_PER_MOL: number = physicalConstants.betheKMeVCm2PerMol / 2;

/** The material's density-effect parameters in numeric's form (its exponent `m` is numeric's `k`), one object per material. */
const sternheimerOf = new WeakMap<DensityEffect, SternheimerParameters>();
function sternheimer(d: DensityEffect): SternheimerParameters {
  let p = sternheimerOf.get(d);
  if (!p) {
    p = { a: d.a, k: d.m, x0: d.x0, x1: d.x1, cBar: d.cBar, delta0: d.delta0 };
    sternheimerOf.set(d, p);
  }
  return p;
}

/**
 * Electron mass collision stopping power (MeV cm2/g) from the Bethe formula for electrons
 * with the Rohrlich-Carlson F- term and the density effect, without shell corrections
 * (ICRU Report 37, 1984, Eqs. 2.1-2.3; the formula of NIST ESTAR):
 *
 *   S/rho = 2 pi N_A r_e^2 m c^2 (Z/A) / beta^2 [ ln(tau^2 (tau + 2) / (2 (I / m c^2)^2)) + F-(tau) - delta ]
 *   F-(tau) = 1 - beta^2 + [tau^2 / 8 - (2 tau + 1) ln 2] / (tau + 1)^2
 *
 * Valid above about 10 keV (low-Z shell corrections are about 1% at 10 keV, about 10% at 1 keV).
 *
 * @param kineticMeV - electron kinetic energy, MeV (> 0)
 * @example collisionStoppingPower(LAB, 1) // about 1.97 MeV cm2/g
 */
export function collisionStoppingPower(material: Material, kineticMeV: number): number {
  if (!(kineticMeV > 0) || !Number.isFinite(kineticMeV)) {
    throw new OutOfRangeError(`collisionStoppingPower: kinetic energy ${kineticMeV} MeV; expected a finite value > 0`);
  }
  const tau = kineticMeV / ELECTRON_MASS_MEV;
  const gamma = tau + 1;
  const beta2 = 1 - 1 / (gamma * gamma);
  const iOverM = (material.meanExcitationEnergyEv * 1e-6) / ELECTRON_MASS_MEV;
  const fMinus = 1 - beta2 + ((tau * tau) / 8 - (2 * tau + 1) * Math.LN2) / (gamma * gamma);
  // numeric's densityEffectDelta (Sternheimer's parametrisation) at beta gamma = sqrt(tau (tau + 2))
  const delta = densityEffectDelta(sternheimer(material.densityEffect), Math.sqrt(tau * (tau + 2)));
  const bracket = Math.log((tau * tau * (tau + 2)) / (2 * iOverM * iOverM)) + fMinus - delta;
  return ((HALF_K_MEV_CM2_PER_MOL * zOverA(material)) / beta2) * bracket;
}

/** A stopping-power table on a logarithmic energy grid. */
export interface StoppingPowerTable {
  /** Electron kinetic energies, MeV (log-spaced). */
  readonly kineticEnergyMeV: Float64Array;
  /** Mass collision stopping power, MeV cm2/g. */
  readonly massStoppingPower: Float64Array;
  /** Linear stopping power dE/dx = rho S, MeV/cm. */
  readonly linearStoppingPowerMeVPerCm: Float64Array;
}

/**
 * Tabulates {@link collisionStoppingPower} on `points` log-spaced energies in [minMeV, maxMeV]
 * (default 1 keV .. 20 MeV, 500 points).
 * @example const t = stoppingPowerTable(LAB); t.massStoppingPower[0]
 */
export function stoppingPowerTable(material: Material, options: { minMeV?: number; maxMeV?: number; points?: number } = {}): StoppingPowerTable {
  const minMeV = options.minMeV ?? 1e-3;
  const maxMeV = options.maxMeV ?? 20;
  const points = options.points ?? 500;
  if (!(minMeV > 0 && maxMeV > minMeV) || !(points >= 2)) {
    throw new ValidationError(`stoppingPowerTable: range [${minMeV}, ${maxMeV}] MeV with ${points} points; expected 0 < min < max and points >= 2`);
  }
  const e = new Float64Array(points);
  const s = new Float64Array(points);
  const l = new Float64Array(points);
  const step = Math.log(maxMeV / minMeV) / (points - 1);
  for (let i = 0; i < points; i++) {
    const ei = minMeV * Math.exp(i * step);
    e[i] = ei;
    s[i] = collisionStoppingPower(material, ei);
    l[i] = (s[i] as number) * material.densityGPerCm3;
  }
  return { kineticEnergyMeV: e, massStoppingPower: s, linearStoppingPowerMeVPerCm: l };
}
