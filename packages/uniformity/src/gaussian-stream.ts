import type { RandomSource } from '@nucal/core';

// Ziggurat tables (G. Marsaglia and W. W. Tsang, "The Ziggurat Method for Generating Random
// Variables", J. Stat. Softw. 5 (2000) 8): 128 boxes of equal area under the normal density.
const R = 3.442619855899;
const V = 9.91256303526217e-3;
const M1 = 2147483648;
const KN = new Uint32Array(128);
const WN = new Float64Array(128);
const FN = new Float64Array(128);
{
  let dn = R;
  let tn = dn;
  const q = V / Math.exp(-0.5 * dn * dn);
  KN[0] = Math.floor((dn / q) * M1);
  KN[1] = 0;
  WN[0] = q / M1;
  WN[127] = dn / M1;
  FN[0] = 1;
  FN[127] = Math.exp(-0.5 * dn * dn);
  for (let i = 126; i >= 1; i--) {
    dn = Math.sqrt(-2 * Math.log(V / dn + Math.exp(-0.5 * dn * dn)));
    KN[i + 1] = Math.floor((dn / tn) * M1);
    tn = dn;
    FN[i] = Math.exp(-0.5 * dn * dn);
    WN[i] = dn / M1;
  }
}

/**
 * Standard normal deviates for the hot loops of the toys: Marsaglia and Tsang's ziggurat on one
 * RandomSource (one uniform per deviate in 98.8% of the draws, the rest by rejection and the
 * exact tail beyond 3.44), without the per-call checks of the general sampler (the toys draw
 * tens of millions). The 32-bit integer of the method is the uniform's 32 bits (an Alea
 * stream's uniforms are multiples of 2^-32).
 */
export class GaussianStream {
  constructor(private readonly rng: RandomSource) {}

  next(): number {
    const hz = (this.rng.uniform() * 4294967296) | 0;
    const iz = hz & 127;
    if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    return this.fix(hz, iz);
  }

  private fix(hzIn: number, izIn: number): number {
    let hz = hzIn;
    let iz = izIn;
    for (;;) {
      if (iz === 0) {
        // the tail beyond R (Marsaglia 1964)
        let x: number;
        let y: number;
        do {
          x = -Math.log(1 - this.rng.uniform()) / R;
          y = -Math.log(1 - this.rng.uniform());
        } while (y + y < x * x);
        return hz > 0 ? R + x : -R - x;
      }
      const x = hz * WN[iz]!;
      if (FN[iz]! + this.rng.uniform() * (FN[iz - 1]! - FN[iz]!) < Math.exp(-0.5 * x * x)) return x;
      hz = (this.rng.uniform() * 4294967296) | 0;
      iz = hz & 127;
      if (Math.abs(hz) < KN[iz]!) return hz * WN[iz]!;
    }
  }
}
