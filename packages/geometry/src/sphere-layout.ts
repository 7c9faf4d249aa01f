import { ValidationError } from '@nucal/core';

/** Points on a sphere as three coordinate arrays (cm). */
export interface SpherePoints {
  readonly count: number;
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly z: Float64Array;
}

const GOLDEN_ANGLE = Math.PI * (3 - Math.sqrt(5));

/**
 * `n` points on a sphere of radius `r`, below the polar cap cos(theta) > capCos, spread with
 * equal area each: a Fibonacci lattice whose z steps uniformly over [-r, r·capCos] (equal steps
 * in z are equal areas on a sphere) and whose azimuth turns by the golden angle. Deterministic.
 *
 * @example fibonacciCap(17612, 1940, Math.cos(0.05)).count // 17612
 */
export function fibonacciCap(n: number, r: number, capCos = 1, phaseTurns = 0): SpherePoints {
  if (!Number.isInteger(n) || n < 0) throw new ValidationError(`point count ${n} is invalid: expected a non-negative integer`);
  if (!(r > 0)) throw new ValidationError(`sphere radius ${r} cm is invalid: expected > 0`);
  if (!(capCos > -1 && capCos <= 1)) throw new ValidationError(`cap cosine ${capCos} is invalid: expected -1 < cos <= 1`);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const z = new Float64Array(n);
  const span = 1 + capCos;
  for (let i = 0; i < n; i++) {
    const cz = -1 + ((i + 0.5) * span) / n;
    const s = Math.sqrt(Math.max(0, 1 - cz * cz));
    const phi = (i + phaseTurns) * GOLDEN_ANGLE;
    x[i] = r * s * Math.cos(phi);
    y[i] = r * s * Math.sin(phi);
    z[i] = r * cz;
  }
  return { count: n, x, y, z };
}
