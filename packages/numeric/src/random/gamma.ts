import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { normal } from './normal.js';

/**
 * Gamma deviate with density x^(shape-1) e^(-x/scale) / (Γ(shape) scale^shape), mean shape*scale.
 * Marsaglia & Tsang, "A simple method for generating gamma variables", ACM TOMS 26 (2000) 363;
 * shape < 1 uses their boost Gamma(shape+1) * U^(1/shape).
 *
 * @param shape - shape k > 0
 * @param scale - scale θ > 0 (the result has its unit)
 * @example
 * const gain = gammaVariate(rng, 1 / 0.3 ** 2, 0.3 ** 2); // mean 1, relative width 30%
 */
export function gammaVariate(rng: RandomSource, shape: number, scale: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new ValidationError(`gammaVariate: shape ${shape}; expected a finite number > 0`);
  if (!(scale > 0) || !Number.isFinite(scale)) throw new ValidationError(`gammaVariate: scale ${scale}; expected a finite number > 0`);
  if (shape < 1) {
    const boost = Math.pow(1 - rng.uniform(), 1 / shape);
    return gammaVariate(rng, shape + 1, scale) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = normal(rng);
      v = 1 + c * x;
    } while (v <= 0);
    v = v * v * v;
    const u = rng.uniform();
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2) return d * v * scale;
    if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) return d * v * scale;
  }
}
