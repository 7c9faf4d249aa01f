import { ValidationError } from '@nucal/core';

function checkLifetime(lifetimeMs: number): void {
  if (!(lifetimeMs > 0)) throw new ValidationError(`electron lifetime ${lifetimeMs} ms is invalid: expected a number > 0 (Infinity allowed)`);
}

/**
 * Fraction of drifting charge that survives attachment to impurities:
 * Q / Q0 = exp(-(t - t0) / tau) (PHYSICS.md 2.2).
 *
 * @param driftTimeUs - t - t0, microseconds
 * @param lifetimeMs - electron lifetime tau, milliseconds (Infinity for pure argon)
 * @example
 * lifetimeAttenuation(2250, 10) // exp(-0.225) = 0.7985
 */
export function lifetimeAttenuation(driftTimeUs: number, lifetimeMs: number): number {
  checkLifetime(lifetimeMs);
  return Math.exp(-driftTimeUs / (1000 * lifetimeMs));
}

/**
 * Multiplies each charge by exp(+(t - t0) / tau) in place, undoing the attenuation (the
 * lifetime correction applied to hits). Returns the array.
 *
 * @param charge - charges (any unit), corrected in place
 * @param driftTimeUs - drift time of each charge, microseconds
 * @param lifetimeMs - electron lifetime, ms
 * @example
 * correctLifetimeInPlace(Float64Array.of(100), Float64Array.of(1000), 5) // [122.14]
 */
export function correctLifetimeInPlace(charge: Float64Array, driftTimeUs: ArrayLike<number>, lifetimeMs: number): Float64Array {
  checkLifetime(lifetimeMs);
  if (driftTimeUs.length !== charge.length) {
    throw new ValidationError(`${driftTimeUs.length} drift times for ${charge.length} charges: expected equal lengths`);
  }
  const rate = 1 / (1000 * lifetimeMs);
  for (let i = 0; i < charge.length; i++) charge[i] = charge[i]! * Math.exp(driftTimeUs[i]! * rate);
  return charge;
}
