import { describe, expect, it } from 'vitest';
import { createRng, mean, variance } from '@nucal/numeric';
import { measureDarkNoise } from './dark-noise.js';
import { NH_GAMMA_MEV, simulateGammaEvents } from './gamma-event-toy.js';
import { simulatePointEvents } from './point-event-toy.js';
import { annihilationVisibleMeV, positronVisibleMeV } from './positron-visible-energy.js';
import { analyticMap } from './test-fixtures.js';
import { ToyConfigSchema, darkNoiseMeanPe } from './toy-config.js';

describe('event toys', () => {
  const map = analyticMap();

  it('dark noise: 30 kHz x 17,612 x 350 ns = 184.9 PE, measured within its error', () => {
    const c = ToyConfigSchema.parse({});
    expect(darkNoiseMeanPe(c)).toBeCloseTo(184.926, 3);
    const d = measureDarkNoise(c, createRng('dn'));
    expect(Math.abs(d.offsetPe - 184.926)).toBeLessThan(4 * d.errorPe);
    expect(d.errorPe).toBeCloseTo(Math.sqrt(184.926 / 1e4), 2);
  });

  it('positron visible energy: electron response plus ~0.95 MeV of annihilation gammas', () => {
    // Ge-68 pair at the centre: 0.927 x 1.022 MeV (optics README)
    expect(annihilationVisibleMeV()).toBeGreaterThan(0.93);
    expect(annihilationVisibleMeV()).toBeLessThan(0.96);
    expect(positronVisibleMeV(0)).toBe(annihilationVisibleMeV());
    // E_vis/T of a 3 MeV electron ~1.03
    expect(positronVisibleMeV(3) - annihilationVisibleMeV()).toBeGreaterThan(3.0);
    expect(positronVisibleMeV(3) - annihilationVisibleMeV()).toBeLessThan(3.15);
  });

  it('central positrons: charge mean E Y0 + mu_DN, variance (E Y0 + mu_DN)(1 + s^2)', () => {
    for (const s of [0, 0.3]) {
      const c = ToyConfigSchema.parse({ speChargeResolution: s });
      const ev = simulatePointEvents(map, c, 4, 200_000, 'centre', createRng(`c${s}`));
      const mu = 4 * 1345 + darkNoiseMeanPe(c);
      const m = mean(ev.chargePe);
      const v = variance(ev.chargePe);
      expect(Math.abs(m - mu)).toBeLessThan(4 * Math.sqrt((mu * (1 + s * s)) / 200_000));
      // variance of a variance estimate: 2 v^2 / n -> 0.32% relative; 4 sigma
      expect(v / (mu * (1 + s * s))).toBeCloseTo(1, 1);
      expect(Math.abs(v / (mu * (1 + s * s)) - 1)).toBeLessThan(0.013);
    }
  });

  it('uniform vertices fill the sphere uniformly in volume; vertex smearing is k/sqrt(E) per coordinate', () => {
    const c = ToyConfigSchema.parse({ vertexSmearingCm: 10 });
    const ev = simulatePointEvents({ lsRadiusCm: 1770, centrePeMeV: 1345, peMeV: () => 1345 }, c, 4, 100_000, 'uniform', createRng('u'));
    const v = Float64Array.from({ length: ev.count }, (_, i) => Math.hypot(ev.xCm[i]!, ev.yCm[i]!, ev.zCm[i]!) ** 3 / 1770 ** 3);
    // (r/R)^3 uniform: mean 1/2 (smearing moves it by < 1e-3)
    expect(Math.abs(mean(v) - 0.5)).toBeLessThan(0.004);
    const centre = simulatePointEvents(map, c, 4, 50_000, 'centre', createRng('s'));
    expect(Math.sqrt(variance(centre.xCm))).toBeCloseTo(10 / Math.sqrt(4), 1);
  });

  it('gamma toy: full deposit at the centre, leakage near the edge, nothing from a source far outside', () => {
    const c = ToyConfigSchema.parse({});
    const centre = simulateGammaEvents(map, c, NH_GAMMA_MEV, 20_000, { xCm: 0, yCm: 0, zCm: 0 }, createRng('g0'));
    expect(centre.count).toBe(20_000);
    expect(Math.abs(mean(centre.chargePe) - (NH_GAMMA_MEV * 1345 + darkNoiseMeanPe(c)))).toBeLessThan(3);
    const edge = simulateGammaEvents(map, c, NH_GAMMA_MEV, 20_000, { xCm: 0, yCm: 0, zCm: 1760 }, createRng('g1'));
    // inwards: all interact; outwards (plane approximation, 10 cm to the surface, 27 cm mean free
    // path): a fraction int_0^1 (1 - exp(-0.370/mu)) dmu = 0.589 interact before leaving -> 0.795 (the curved surface gives a little less)
    expect(edge.count / 20_000).toBeGreaterThan(0.78);
    expect(edge.count / 20_000).toBeLessThan(0.805);
    const far = simulateGammaEvents(map, c, NH_GAMMA_MEV, 1000, { xCm: 0, yCm: 0, zCm: 5000 }, createRng('g2'));
    expect(far.count).toBe(0);
  });
});
