import { ValidationError } from '@nucal/core';

/** Numbers as a plain array or a typed array. */
export type Values = ArrayLike<number>;

function requireLength(what: string, values: Values, min: number): void {
  if (values.length < min) throw new ValidationError(`${what}: ${values.length} values; expected at least ${min}`);
}

/**
 * Arithmetic mean.
 * @example mean([1, 2, 3]); // 2
 */
export function mean(values: Values): number {
  requireLength('mean', values, 1);
  let s = 0;
  for (let i = 0; i < values.length; i++) s += values[i] as number;
  return s / values.length;
}

/**
 * Unbiased sample variance Σ(x - mean)² / (n - 1), two-pass for accuracy.
 * @example variance([1, 2, 3, 4]); // 1.6667
 */
export function variance(values: Values): number {
  requireLength('variance', values, 2);
  const m = mean(values);
  let s = 0;
  let c = 0;
  for (let i = 0; i < values.length; i++) {
    const d = (values[i] as number) - m;
    s += d * d;
    c += d;
  }
  // corrected two-pass formula (Chan, Golub & LeVeque, Am. Stat. 37 (1983) 242)
  return (s - (c * c) / values.length) / (values.length - 1);
}

/**
 * Sample standard deviation sqrt(variance).
 * @example stdDev([2, 4, 4, 4, 5, 5, 7, 9]); // 2.138
 */
export function stdDev(values: Values): number {
  return Math.sqrt(variance(values));
}
