import { z } from 'zod';
import { OutOfRangeError, ValidationError } from '@nucal/core';

/** Mean energy to create one electron-ion pair in liquid argon, 23.6 eV, in MeV (PHYSICS.md 5). */
export const W_ION_MEV = 23.6e-6;

/**
 * Modified Box model constants from ArgoNeuT (R. Acciarri et al., JINST 8 (2013) P08005):
 * alpha = 0.93, beta = 0.212 (kV/cm)(g/cm2)/MeV.
 */
export const MODIFIED_BOX_ARGONEUT = Object.freeze({ model: 'modified-box' as const, alpha: 0.93, beta: 0.212 });

/**
 * Birks model constants from ICARUS (S. Amoruso et al., NIM A 523 (2004) 275):
 * A = 0.800, k = 0.0486 (kV/cm)(g/cm2)/MeV.
 */
export const BIRKS_ICARUS = Object.freeze({ model: 'birks' as const, a: 0.8, k: 0.0486 });

/** A recombination model with its constants; travels in payloads (`dune.energy-scale`). */
export const RecombinationModelSchema = z.discriminatedUnion('model', [
  z.object({
    model: z.literal('modified-box'),
    alpha: z.number().positive().describe('dimensionless'),
    beta: z.number().positive().describe('(kV/cm)(g/cm2)/MeV'),
  }),
  z.object({
    model: z.literal('birks'),
    a: z.number().positive().describe('dimensionless'),
    k: z.number().positive().describe('(kV/cm)(g/cm2)/MeV'),
  }),
]);
export type RecombinationModel = z.infer<typeof RecombinationModelSchema>;

/** The medium a recombination model is evaluated in. */
export interface RecombinationMedium {
  /** Drift field, kV/cm. */
  readonly fieldKvPerCm: number;
  /** LAr density, g/cm3. */
  readonly densityGPerCm3: number;
  /** Ionisation work function, MeV per electron-ion pair (default {@link W_ION_MEV}). */
  readonly wMeV?: number;
}

function checkMedium(m: RecombinationMedium): number {
  if (!(m.fieldKvPerCm > 0)) throw new ValidationError(`drift field ${m.fieldKvPerCm} kV/cm is invalid: expected > 0`);
  if (!(m.densityGPerCm3 > 0)) throw new ValidationError(`LAr density ${m.densityGPerCm3} g/cm3 is invalid: expected > 0`);
  const w = m.wMeV ?? W_ION_MEV;
  if (!(w > 0)) throw new ValidationError(`work function ${w} MeV is invalid: expected > 0`);
  return w;
}

/**
 * Smallest dE/dx (MeV/cm) for which the modified Box model gives a positive charge:
 * ln(alpha + xi) > 0 needs xi > 1 - alpha, i.e. dE/dx > (1 - alpha) rho E / beta
 * (0.23 MeV/cm with ArgoNeuT constants at 0.5 kV/cm, 1.39 g/cm3); 0 for Birks.
 *
 * @example
 * recombinationMinimumdEdxMeVPerCm(MODIFIED_BOX_ARGONEUT, { fieldKvPerCm: 0.5, densityGPerCm3: 1.39 }) // 0.2295
 */
export function recombinationMinimumdEdxMeVPerCm(model: RecombinationModel, medium: RecombinationMedium): number {
  checkMedium(medium);
  if (model.model === 'birks') return 0;
  return model.alpha >= 1 ? 0 : ((1 - model.alpha) * medium.densityGPerCm3 * medium.fieldKvPerCm) / model.beta;
}

/**
 * Recombination survival factor R = dQ/dx W / dE/dx, the fraction of ionisation electrons
 * that escape recombination:
 * - modified Box: R = ln(alpha + xi) / xi with xi = beta dE/dx / (rho E);
 * - Birks: R = A / (1 + k dE/dx / (rho E)).
 * About 0.70 for a MIP (2.1 MeV/cm) at 0.5 kV/cm and 87 K with both published constant sets.
 *
 * @param dEdxMeVPerCm - stopping power, MeV/cm (> 0)
 * @throws OutOfRangeError for the modified Box model below {@link recombinationMinimumdEdxMeVPerCm}
 * @example
 * recombinationFactor(MODIFIED_BOX_ARGONEUT, 2.1, { fieldKvPerCm: 0.5, densityGPerCm3: 1.39295 }) // 0.705
 */
export function recombinationFactor(model: RecombinationModel, dEdxMeVPerCm: number, medium: RecombinationMedium): number {
  checkMedium(medium);
  if (!(dEdxMeVPerCm > 0)) throw new OutOfRangeError(`dE/dx ${dEdxMeVPerCm} MeV/cm is invalid for recombination: expected > 0`);
  const rhoE = medium.densityGPerCm3 * medium.fieldKvPerCm;
  if (model.model === 'birks') return model.a / (1 + (model.k * dEdxMeVPerCm) / rhoE);
  const xi = (model.beta * dEdxMeVPerCm) / rhoE;
  if (!(xi > 1 - model.alpha)) {
    throw new OutOfRangeError(
      `dE/dx ${dEdxMeVPerCm} MeV/cm is below the modified Box model's domain: expected > ${((1 - model.alpha) * rhoE) / model.beta} MeV/cm`,
    );
  }
  return Math.log(model.alpha + xi) / xi;
}

/**
 * Collected ionisation charge per unit length (electrons/cm) for a stopping power:
 * dQ/dx = R(dE/dx) dE/dx / W.
 *
 * @example
 * dQdxFromdEdx(BIRKS_ICARUS, 2.1, { fieldKvPerCm: 0.5, densityGPerCm3: 1.39295 }) // 62 085 e/cm
 */
export function dQdxFromdEdx(model: RecombinationModel, dEdxMeVPerCm: number, medium: RecombinationMedium): number {
  const w = checkMedium(medium);
  return (recombinationFactor(model, dEdxMeVPerCm, medium) * dEdxMeVPerCm) / w;
}

/**
 * Inverse of {@link dQdxFromdEdx}, the calorimetric conversion (closed form for both models):
 * - modified Box: dE/dx = (exp(beta W dQ/dx / (rho E)) - alpha) rho E / beta;
 * - Birks: dE/dx = dQ/dx W / (A - k dQ/dx W / (rho E)), which saturates: it needs
 *   dQ/dx < A rho E / (k W).
 *
 * @param dQdxElectronsPerCm - collected charge per cm after lifetime correction, electrons/cm (>= 0)
 * @throws OutOfRangeError beyond Birks saturation or for negative charge
 * @example
 * dEdxFromdQdx(MODIFIED_BOX_ARGONEUT, 62_700, { fieldKvPerCm: 0.5, densityGPerCm3: 1.39295 }) // ~2.1 MeV/cm
 */
export function dEdxFromdQdx(model: RecombinationModel, dQdxElectronsPerCm: number, medium: RecombinationMedium): number {
  const w = checkMedium(medium);
  if (!(dQdxElectronsPerCm >= 0)) {
    throw new OutOfRangeError(`dQ/dx ${dQdxElectronsPerCm} electrons/cm is invalid for the recombination inverse: expected >= 0`);
  }
  const rhoE = medium.densityGPerCm3 * medium.fieldKvPerCm;
  const qw = dQdxElectronsPerCm * w;
  if (model.model === 'birks') {
    const denom = model.a - (model.k * qw) / rhoE;
    if (!(denom > 0)) {
      throw new OutOfRangeError(
        `dQ/dx ${dQdxElectronsPerCm} electrons/cm is beyond Birks saturation: expected < ${(model.a * rhoE) / (model.k * w)} electrons/cm`,
      );
    }
    return qw / denom;
  }
  return ((Math.exp((model.beta * qw) / rhoE) - model.alpha) * rhoE) / model.beta;
}

/**
 * Vectorised {@link dQdxFromdEdx} over a typed array (no allocation when `out` is given).
 *
 * @example
 * dQdxFromdEdxArray(MODIFIED_BOX_ARGONEUT, Float64Array.of(2.1, 5), medium)
 */
export function dQdxFromdEdxArray(
  model: RecombinationModel,
  dEdxMeVPerCm: ArrayLike<number>,
  medium: RecombinationMedium,
  out: Float64Array = new Float64Array(dEdxMeVPerCm.length),
): Float64Array {
  const w = checkMedium(medium);
  const rhoE = medium.densityGPerCm3 * medium.fieldKvPerCm;
  const n = dEdxMeVPerCm.length;
  if (model.model === 'birks') {
    const c = model.k / rhoE;
    const s = model.a / w;
    for (let i = 0; i < n; i++) {
      const e = dEdxMeVPerCm[i]!;
      if (!(e > 0)) throw new OutOfRangeError(`dE/dx ${e} MeV/cm at index ${i} is invalid: expected > 0`);
      out[i] = (s * e) / (1 + c * e);
    }
    return out;
  }
  const b = model.beta / rhoE;
  const xiMin = 1 - model.alpha;
  const s = 1 / (w * b);
  for (let i = 0; i < n; i++) {
    const e = dEdxMeVPerCm[i]!;
    const xi = b * e;
    if (!(xi > xiMin)) throw new OutOfRangeError(`dE/dx ${e} MeV/cm at index ${i} is below the modified Box model's domain`);
    out[i] = s * Math.log(model.alpha + xi);
  }
  return out;
}

/**
 * Vectorised {@link dEdxFromdQdx} over a typed array (no allocation when `out` is given).
 *
 * @example
 * dEdxFromdQdxArray(BIRKS_ICARUS, Float64Array.of(62_000, 90_000), medium)
 */
export function dEdxFromdQdxArray(
  model: RecombinationModel,
  dQdxElectronsPerCm: ArrayLike<number>,
  medium: RecombinationMedium,
  out: Float64Array = new Float64Array(dQdxElectronsPerCm.length),
): Float64Array {
  const w = checkMedium(medium);
  const rhoE = medium.densityGPerCm3 * medium.fieldKvPerCm;
  const n = dQdxElectronsPerCm.length;
  if (model.model === 'birks') {
    const c = (model.k * w) / rhoE;
    for (let i = 0; i < n; i++) {
      const q = dQdxElectronsPerCm[i]!;
      const denom = model.a - c * q;
      if (!(q >= 0) || !(denom > 0)) {
        throw new OutOfRangeError(`dQ/dx ${q} electrons/cm at index ${i} is negative or beyond Birks saturation`);
      }
      out[i] = (q * w) / denom;
    }
    return out;
  }
  const k = (model.beta * w) / rhoE;
  const s = rhoE / model.beta;
  for (let i = 0; i < n; i++) {
    const q = dQdxElectronsPerCm[i]!;
    if (!(q >= 0)) throw new OutOfRangeError(`dQ/dx ${q} electrons/cm at index ${i} is invalid: expected >= 0`);
    out[i] = (Math.exp(k * q) - model.alpha) * s;
  }
  return out;
}
