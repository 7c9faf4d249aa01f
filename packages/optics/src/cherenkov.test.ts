import { describe, expect, it } from 'vitest';
import { integrate } from '@nucal/numeric';
import { cherenkovPhotonTable, cherenkovPhotonsPerCm, cherenkovThresholdMeV } from './cherenkov.js';
import { LAB } from './material.js';
import { collisionStoppingPower } from './stopping-power.js';

describe('Cherenkov light', () => {
  it('threshold for electrons in n = 1.50 is T = m (1/sqrt(1 - 1/n^2) - 1) = 0.1746 MeV', () => {
    // beta = 1/n = 2/3, gamma = 3/sqrt(5) = 1.341641; T = 0.51099895 * 0.341641
    expect(cherenkovThresholdMeV(1.5)).toBeCloseTo(0.51099895 * (3 / Math.sqrt(5) - 1), 12);
    expect(cherenkovThresholdMeV(1.5)).toBeCloseTo(0.1746, 4);
    expect(() => cherenkovThresholdMeV(1)).toThrow(/refractive index 1/);
  });

  it('Frank-Tamm: 370 sin^2(theta_c) photons per eV per cm (PDG, Passage of particles through matter)', () => {
    // 300-600 nm is 4.1328 - 2.0664 eV; beta -> 1, n = 1.5: sin^2 = 1 - 1/n^2
    const hc = 1239.84198; // eV nm
    const deltaEv = hc / 300 - hc / 600;
    const pdg = 369.81 * (1 - 1 / 2.25) * deltaEv;
    expect(cherenkovPhotonsPerCm(1, 1.5, 300, 600) / pdg).toBeCloseTo(1, 3);
    expect(cherenkovPhotonsPerCm(0.6, 1.5, 300, 600)).toBe(0); // below threshold
  });

  it('photon count over the slowing down matches an independent integration (1e-4)', () => {
    const table = cherenkovPhotonTable(LAB, { refractiveIndex: 1.5, lambdaMinNm: 300, lambdaMaxNm: 600 });
    const thr = cherenkovThresholdMeV(1.5);
    const integrand = (e: number) => {
      const g = 1 + e / 0.51099895;
      const b = Math.sqrt(1 - 1 / (g * g));
      return cherenkovPhotonsPerCm(b, 1.5, 300, 600) / (collisionStoppingPower(LAB, e) * 0.86);
    };
    const e = table.kineticEnergyMeV;
    for (const target of [1, 5, 15]) {
      let i = 0;
      while ((e[i] as number) < target) i++;
      const ref = integrate(integrand, thr, e[i] as number, { relTol: 1e-9 });
      expect(Math.abs((table.photons[i] as number) / ref - 1), `${target} MeV`).toBeLessThan(1e-4);
    }
    expect(table.photons[0]).toBe(0);
  });
});
