import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { B12_DECAY, N12_DECAY, b12Spectrum } from './b12.js';
import { trapezoid } from './beta-spectrum.js';
import { betaMixtureSampler, sampleBeta } from './sample-beta.js';

describe('B-12 / N-12 spectrum', () => {
  it('uses the evaluated decay data (TUNL): Q, lifetimes, branches', () => {
    expect(B12_DECAY.qMeV).toBe(13.369);
    expect(B12_DECAY.lifetimeMs).toBeCloseTo(29.17, 2);
    expect(N12_DECAY.lifetimeMs).toBeCloseTo(15.87, 2);
    expect(B12_DECAY.branches[0]?.fraction).toBeGreaterThan(0.98);
    const sum = B12_DECAY.branches.reduce((a, b) => a + b.fraction, 0);
    expect(sum).toBeCloseTo(1, 2);
  });

  it('mixes B-12 and N-12 with the requested fraction; weights sum to 1; density normalised', () => {
    const s = b12Spectrum({ n12Fraction: 0.05 });
    expect(s.components.map((c) => c.nuclide)).toEqual(['B-12', 'N-12']);
    expect(s.components[1]?.weight).toBeCloseTo(0.05, 12);
    expect(s.components.reduce((a, c) => a + c.weight, 0)).toBeCloseTo(1, 12);
    expect(trapezoid(s.kineticEnergyMeV, s.density)).toBeCloseTo(1, 10);
    expect(s.endpointMeV).toBe(16.316);
    const weighted = s.components.reduce((a, c) => a + c.weight * c.meanKineticEnergyMeV, 0);
    expect(s.meanKineticEnergyMeV).toBeCloseTo(weighted, 6);
    // the N-12 component carries the annihilation pair, the B-12 ground state nothing
    expect(s.components[1]?.gammasMeV).toEqual([0.51099895, 0.51099895]);
    expect(s.components[0]?.gammasMeV).toEqual([]);
    // B-12 density is zero beyond its endpoint
    s.kineticEnergyMeV.forEach((t, i) => {
      if (t > 13.369) expect(s.components[0]?.density[i]).toBe(0);
    });
  });

  it('adds the excited-state branches on request, the 4.44 MeV one with its gamma', () => {
    const s = b12Spectrum({ n12Fraction: 0, includeExcitedStates: true });
    expect(s.components).toHaveLength(4);
    expect(s.components[1]?.gammasMeV[0]).toBeCloseTo(4.439, 3);
    expect(s.components[1]?.endpointMeV).toBeCloseTo(13.369 - 4.4398, 3);
    expect(s.components[2]?.alphaKineticMeV).toBeCloseTo(0.379, 3);
    expect(s.components[0]?.weight).toBeCloseTo(0.983 / 1.00084, 4);
  });

  it('samples energies whose mean and spread match the tabulated spectrum (200k draws, 4 sigma)', () => {
    const s = b12Spectrum({ n12Fraction: 0 });
    const draw = sampleBeta(s);
    const rng = createRng('b12-sampling');
    const n = 200_000;
    let sum = 0;
    let sum2 = 0;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const t = draw(rng);
      sum += t;
      sum2 += t * t;
      if (t > max) max = t;
    }
    const mean = sum / n;
    const sd = Math.sqrt(sum2 / n - mean * mean);
    expect(Math.abs(mean - s.meanKineticEnergyMeV)).toBeLessThan((4 * sd) / Math.sqrt(n));
    expect(max).toBeLessThanOrEqual(13.369);
  });

  it('mixture sampler picks components by weight and is reproducible for a seed', () => {
    const mix = b12Spectrum({ n12Fraction: 0.1 });
    const run = (seed: string) => {
      const s = betaMixtureSampler(mix);
      const rng = createRng(seed);
      let positrons = 0;
      let last = 0;
      for (let i = 0; i < 20_000; i++) {
        const k = s.component(rng);
        last = s.kineticEnergyMeV(k, rng);
        if (mix.components[k]?.betaType === 'plus') positrons++;
      }
      return { positrons, last };
    };
    const a = run('mix');
    // binomial(20000, 0.1): sigma = 42
    expect(Math.abs(a.positrons - 2000)).toBeLessThan(4 * 42.4);
    expect(run('mix')).toEqual(a);
    expect(run('other')).not.toEqual(a);
  });

  it('rejects a bad admixture fraction', () => {
    expect(() => b12Spectrum({ n12Fraction: 1.5 })).toThrow(/n12Fraction/);
  });
});
