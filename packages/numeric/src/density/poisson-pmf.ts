import { ValidationError } from '@nucal/core';
import { logFactorial } from '../special/log-gamma.js';

/**
 * ln P(k | mean) = k ln(mean) - mean - ln k! for integer k >= 0 (-Infinity for other k).
 * @example poissonLogPmf(0, 2.5); // -2.5
 */
export function poissonLogPmf(k: number, mean: number): number {
  if (!(mean >= 0) || !Number.isFinite(mean)) throw new ValidationError(`poissonLogPmf: mean ${mean}; expected a finite number >= 0`);
  if (!Number.isInteger(k) || k < 0) return -Infinity;
  if (mean === 0) return k === 0 ? 0 : -Infinity;
  return k * Math.log(mean) - mean - logFactorial(k);
}
