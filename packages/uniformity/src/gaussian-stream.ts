import type { RandomSource } from '@nucal/core';

/**
 * Standard normal deviates for the hot loops of the toys: Marsaglia's polar method with the
 * second deviate of each pair kept, on one RandomSource, without the per-call checks of the
 * general sampler (the toys draw tens of millions).
 */
export class GaussianStream {
  private spare = Number.NaN;
  constructor(private readonly rng: RandomSource) {}

  next(): number {
    const s0 = this.spare;
    if (s0 === s0) {
      this.spare = Number.NaN;
      return s0;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.rng.uniform() - 1;
      v = 2 * this.rng.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    return u * f;
  }
}
