import { describe, expect, it } from 'vitest';
import { createRng, mean, normal, stdDev } from '@nucal/numeric';
import { fitResolution } from './resolution-fit.js';
import { aEffective, sigmaOverEPercent } from './resolution-model.js';

const TRUE = { a: 2.9, b: 0.8, c: 1.2 };
const ENERGIES = Array.from({ length: 17 }, (_, i) => 1.0 + 0.5 * i);

/** Pure toy: sigma/E measured at each energy with a relative error of 0.5% of itself. */
function toy(seed: number) {
  const rng = createRng(`resolution-toy-${seed}`);
  const truth = ENERGIES.map((e) => sigmaOverEPercent(e, TRUE));
  const err = truth.map((s) => 0.005 * s);
  const y = truth.map((s, i) => normal(rng, s, err[i]!));
  return fitResolution({ energyMeV: ENERGIES, sigmaOverEPercent: y, errorPercent: err });
}

describe('fitResolution', () => {
  it('a_eff of JUNO-like terms', () => {
    expect(aEffective({ a: 2.61, b: 0.82, c: 1.23 }).value).toBeCloseTo(Math.sqrt(2.61 ** 2 + (1.6 * 0.82) ** 2 + (1.23 / 1.6) ** 2), 12);
  });

  it('closure on a pure toy: pulls of a, b, c and a_eff have mean 0 and width 1 over 200 seeds', () => {
    const pulls = { a: [] as number[], b: [] as number[], c: [] as number[], aEff: [] as number[] };
    const aEffValues: number[] = [];
    const aEffErrors: number[] = [];
    const trueAEff = aEffective(TRUE).value;
    for (let s = 0; s < 200; s++) {
      const f = toy(s);
      expect(f.valid).toBe(true);
      for (const k of ['a', 'b', 'c'] as const) pulls[k].push((f.values[k] - TRUE[k]) / f.errors[k]);
      pulls.aEff.push((f.aEff.value - trueAEff) / f.aEff.error);
      aEffValues.push(f.aEff.value);
      aEffErrors.push(f.aEff.error);
    }
    // 200 pulls: mean known to 0.07, width to 0.05 (1 sigma); tolerances are ~4 sigma
    for (const k of ['a', 'b', 'c', 'aEff'] as const) {
      expect(Math.abs(mean(pulls[k]))).toBeLessThan(0.3);
      expect(stdDev(pulls[k])).toBeGreaterThan(0.8);
      expect(stdDev(pulls[k])).toBeLessThan(1.2);
    }
    // the propagated a_eff error equals the spread of a_eff over seeds (within 15%)
    expect(mean(aEffErrors) / stdDev(aEffValues)).toBeGreaterThan(0.85);
    expect(mean(aEffErrors) / stdDev(aEffValues)).toBeLessThan(1.15);
  });
});
