import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { OutOfRangeError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { meiHimeEnergyQuantileGeV, meiHimeIntegratedFlux, meiHimeMeanEnergyGeV, meiHimeTotalFlux, meiHimeVerticalIntensity } from './mei-hime.js';
import { generateMuons, muonFluxModel } from './muon-generator.js';

const PER_M2_DAY = 1e4 * 86_400;

describe('Mei & Hime, PRD 73 (2006) 053004', () => {
  it('total flux at 4.3 km.w.e. (4850 ft) is about 4 per m2 per day (paper: Homestake 4.4e-9 /cm2/s)', () => {
    expect(meiHimeTotalFlux(4.3)).toBeGreaterThan(4.2e-9);
    expect(meiHimeTotalFlux(4.3)).toBeLessThan(4.6e-9);
    expect(meiHimeTotalFlux(4.3) * PER_M2_DAY).toBeGreaterThan(3.6);
    expect(meiHimeTotalFlux(4.3) * PER_M2_DAY).toBeLessThan(4.0);
  });
  it('vertical intensity falls with depth; mean energy at 4.3 km.w.e. is 321 GeV within 2 GeV (paper Table I)', () => {
    expect(meiHimeVerticalIntensity(5)).toBeLessThan(meiHimeVerticalIntensity(4));
    expect(Math.abs(meiHimeMeanEnergyGeV(4.3) - 321)).toBeLessThan(2);
  });
  it('the integrated angular distribution is within 30% of the total-flux fit (two separate fits in the paper)', () => {
    const r = meiHimeIntegratedFlux(4.3) / meiHimeTotalFlux(4.3);
    expect(r).toBeGreaterThan(0.7);
    expect(r).toBeLessThan(1);
  });
  it('energy quantiles are monotone and the median is near 160 GeV', () => {
    expect(meiHimeEnergyQuantileGeV(0.5, 4.3)).toBeGreaterThan(140);
    expect(meiHimeEnergyQuantileGeV(0.5, 4.3)).toBeLessThan(180);
    expect(meiHimeEnergyQuantileGeV(0.9, 4.3)).toBeGreaterThan(meiHimeEnergyQuantileGeV(0.5, 4.3));
  });
  it('rejects depths outside the fitted data', () => {
    expect(() => meiHimeTotalFlux(0.2)).toThrow(OutOfRangeError);
  });
});

describe('muon generator', () => {
  it('reproduces the model flux through the top face (counting, 3 sigma) and is seeded', () => {
    const box = duneFdSpModule().active;
    const model = muonFluxModel({}, box);
    expect(model.horizontalFluxPerCm2S / meiHimeTotalFlux(4.3)).toBeCloseTo(1, 6);
    const muons = generateMuons({ days: 5, rng: createRng('gen'), model });
    let top = 0;
    for (let i = 0; i < muons.count; i++) if (muons.yCm[i] === box.yMax) top++;
    const expected = meiHimeTotalFlux(4.3) * (box.xMax - box.xMin) * (box.zMax - box.zMin) * 86_400 * 5;
    expect(Math.abs(top - expected)).toBeLessThan(3 * Math.sqrt(expected));
    expect(Math.abs(muons.count - model.ratePerDay * 5)).toBeLessThan(3 * Math.sqrt(model.ratePerDay * 5));
    const again = generateMuons({ days: 5, rng: createRng('gen'), model });
    expect(again.count).toBe(muons.count);
    expect(again.kineticEnergyMeV[7]).toBe(muons.kineticEnergyMeV[7]);
  });
  it('draws downward unit directions with mean cos(zenith) of entering muons between 0.8 and 0.95', () => {
    const muons = generateMuons({ days: 1, rng: createRng(3) });
    let c = 0;
    for (let i = 0; i < muons.count; i++) {
      expect(Math.hypot(muons.dx[i]!, muons.dy[i]!, muons.dz[i]!)).toBeCloseTo(1, 9);
      expect(muons.dy[i]!).toBeLessThan(0);
      c -= muons.dy[i]!;
    }
    expect(c / muons.count).toBeGreaterThan(0.8);
    expect(c / muons.count).toBeLessThan(0.95);
  });

  it('simulateBelowEnergyGeV keeps exactly the muons below the cut, the same ones as without it', () => {
    const box = duneFdSpModule().active;
    const all = generateMuons({ days: 2, rng: createRng('cut'), model: muonFluxModel({ depthKmwe: 1 }, box) });
    const cut = generateMuons({ days: 2, rng: createRng('cut'), model: muonFluxModel({ depthKmwe: 1, simulateBelowEnergyGeV: 2 }, box) });
    const maxKinetic = 2000 - 105.6583755;
    const below = Array.from(all.kineticEnergyMeV.keys()).filter((i) => all.kineticEnergyMeV[i]! < maxKinetic);
    expect(cut.count).toBe(below.length);
    // at 1 km.w.e. a few per cent of the muons are below 2 GeV (flat spectrum up to ~200 GeV)
    expect(cut.count / all.count).toBeGreaterThan(0.005);
    expect(cut.count / all.count).toBeLessThan(0.05);
    below.forEach((i, k) => {
      expect(cut.timeS[k]).toBe(all.timeS[i]);
      expect(cut.kineticEnergyMeV[k]).toBe(all.kineticEnergyMeV[i]);
      expect(cut.dy[k]).toBe(all.dy[i]);
    });
  });
});
