import { ValidationError } from '@nucal/core';

/** Resolution parameters in percent: a (% sqrt(MeV)), b (%), c (% MeV). */
export interface ResolutionTerms {
  readonly a: number;
  readonly b: number;
  readonly c: number;
}

/** The energy at which a_eff weighs the b and c terms (JUNO, arXiv:2011.06405: 1.6 MeV). */
export const A_EFF_REFERENCE_MEV = 1.6;

/**
 * Relative resolution sigma/E (percent) at visible energy E (MeV):
 * sqrt((a / sqrt(E))^2 + b^2 + (c / E)^2), a, b, c in percent.
 *
 * @example sigmaOverEPercent(4, { a: 3, b: 0, c: 0 }) // 1.5
 */
export function sigmaOverEPercent(energyMeV: number, t: ResolutionTerms): number {
  if (!(energyMeV > 0)) throw new ValidationError(`visible energy ${energyMeV} MeV is invalid: expected > 0`);
  return Math.sqrt((t.a * t.a) / energyMeV + t.b * t.b + (t.c * t.c) / (energyMeV * energyMeV));
}

/** A value with its 1-sigma error (same unit). */
export interface ValueError {
  readonly value: number;
  readonly error: number;
}

/**
 * Effective stochastic term a_eff = sqrt(a^2 + (1.6 b)^2 + (c / 1.6)^2) (percent; the single
 * number JUNO compares with its 3% design goal), with its error propagated linearly from the
 * covariance of (a, b, c) (percent^2, in that order).
 *
 * @example aEffective({ a: 2.61, b: 0.82, c: 1.23 }).value // 2.95
 */
export function aEffective(t: ResolutionTerms, covariance?: readonly (readonly number[])[]): ValueError {
  const k = A_EFF_REFERENCE_MEV;
  const value = Math.sqrt(t.a * t.a + k * k * t.b * t.b + (t.c * t.c) / (k * k));
  if (!covariance) return { value, error: 0 };
  if (covariance.length !== 3 || covariance.some((row) => row.length !== 3)) {
    throw new ValidationError(`covariance of (a, b, c) has shape ${covariance.length}x${covariance[0]?.length}: expected 3x3`);
  }
  if (value === 0) return { value, error: 0 };
  const grad = [t.a / value, (k * k * t.b) / value, t.c / (k * k * value)];
  let v = 0;
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) v += grad[i]! * covariance[i]![j]! * grad[j]!;
  return { value, error: Math.sqrt(Math.max(v, 0)) };
}
