import { describe, expect, it } from 'vitest';
import { createRng, integrate, physicalConstants } from '@nucal/numeric';
import {
  comptonEdgeMeV, kleinNishinaCrossSectionCm2, kleinNishinaDifferential, sampleKleinNishinaEpsilon,
} from './klein-nishina.js';
import { XCOM_C, XCOM_ENERGY_MEV } from './xcom-data.js';

const ME = 0.51099895;

describe('Klein-Nishina', () => {
  it('total cross section per electron: 2.561e-25 cm2 at 0.662 MeV, 2.112e-25 at 1 MeV (Evans; Hubbell 1980)', () => {
    expect(kleinNishinaCrossSectionCm2(0.662) / 1e-25).toBeCloseTo(2.561, 3);
    expect(kleinNishinaCrossSectionCm2(1) / 1e-25).toBeCloseTo(2.112, 3);
    // Thomson limit 8 pi r_e^2 / 3 = 6.6525e-25 cm2
    expect(kleinNishinaCrossSectionCm2(1e-6) / ((8 * Math.PI * physicalConstants.classicalElectronRadiusCm ** 2) / 3)).toBeCloseTo(1, 4);
  });

  it('agrees with the XCOM incoherent cross section of carbon per electron within 0.5% from 0.3 to 20 MeV', () => {
    // NIST XCOM incoherent scattering includes binding effects, negligible above a few hundred keV
    XCOM_ENERGY_MEV.forEach((e, i) => {
      if (e < 0.3 || e > 20) return;
      const xcomPerElectron = ((XCOM_C.incoherent[i] as number) / 6) * 1e-24;
      expect(Math.abs(kleinNishinaCrossSectionCm2(e) / xcomPerElectron - 1), `${e} MeV`).toBeLessThan(5e-3);
    });
  });

  it('the differential cross section integrates to the total', () => {
    for (const e of [0.1, 0.662, 2.223, 6.13]) {
      const k = e / ME;
      const total = integrate((eps) => kleinNishinaDifferential(e, eps), 1 / (1 + 2 * k), 1, { relTol: 1e-10 });
      expect(total / kleinNishinaCrossSectionCm2(e)).toBeCloseTo(1, 8);
    }
  });

  it('Butcher-Messel sampling follows d sigma / d eps (chi2 over 40 bins, 200k draws at 0.662 and 4.43 MeV)', () => {
    const rng = createRng('kn-sampling');
    for (const e of [0.662, 4.43]) {
      const k = e / ME;
      const eps0 = 1 / (1 + 2 * k);
      const bins = 40;
      const n = 200_000;
      const counts = new Float64Array(bins);
      let min = 1;
      let max = 0;
      for (let i = 0; i < n; i++) {
        const eps = sampleKleinNishinaEpsilon(rng, k);
        if (eps < min) min = eps;
        if (eps > max) max = eps;
        counts[Math.min(bins - 1, Math.floor(((eps - eps0) / (1 - eps0)) * bins))]! += 1;
      }
      expect(min).toBeGreaterThanOrEqual(eps0 - 1e-12);
      expect(max).toBeLessThanOrEqual(1);
      const total = kleinNishinaCrossSectionCm2(e);
      let chi2 = 0;
      for (let b = 0; b < bins; b++) {
        const lo = eps0 + ((1 - eps0) * b) / bins;
        const hi = eps0 + ((1 - eps0) * (b + 1)) / bins;
        const expected = (n * integrate((x) => kleinNishinaDifferential(e, x), lo, hi, { relTol: 1e-9 })) / total;
        chi2 += ((counts[b] as number) - expected) ** 2 / expected;
      }
      // 39 dof: mean 39, sd 8.8; fail beyond 5 sigma
      expect(chi2).toBeLessThan(39 + 5 * 8.8);
    }
  });

  it('Compton edge: 0.4774 MeV for Cs-137, 1.994 MeV for the 2.223 MeV n-H gamma', () => {
    expect(comptonEdgeMeV(0.661657)).toBeCloseTo(0.4773, 4);
    expect(comptonEdgeMeV(2.223247)).toBeCloseTo(1.99408, 4);
    // the edge is where eps = 1 / (1 + 2k)
    const k = 0.661657 / ME;
    expect(comptonEdgeMeV(0.661657)).toBeCloseTo(0.661657 * (1 - 1 / (1 + 2 * k)), 12);
  });
});
