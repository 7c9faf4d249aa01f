import { linearInterpolator } from '@nucal/numeric';

/**
 * Linear interpolation of y(x) in ln x (x > 0, increasing), clamped at the ends.
 *
 * @example
 * logInterpolator([1, 10], [0, 1])(Math.sqrt(10)); // 0.5
 */
export function logInterpolator(x: readonly number[], y: readonly number[]): (at: number) => number {
  const table = linearInterpolator(Float64Array.from(x, Math.log), Float64Array.from(y), { outside: 'clamp' });
  return (at) => table.at(Math.log(at));
}
