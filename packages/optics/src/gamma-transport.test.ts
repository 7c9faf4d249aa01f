import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { massAttenuation } from './attenuation.js';
import { comptonEdgeMeV } from './klein-nishina.js';
import { LAB } from './material.js';
import { secondaryElectronDensity, transportGammas, transportSource } from './gamma-transport.js';

const ME = 0.51099895;

describe('gamma transport toy', () => {
  it('conserves energy in an infinite medium: every event deposits its full gamma energy', () => {
    const r = transportGammas({ energiesMeV: [1.173228, 1.332492], events: 2000, rng: createRng('co60'), radiusM: Infinity });
    for (const d of r.depositedMeV) expect(d).toBeCloseTo(2.50572, 9);
    expect(r.eventOffsets).toHaveLength(2001);
    expect(r.eventOffsets[2000]).toBe(r.electronEnergiesMeV.length);
    let sum = 0;
    for (const e of r.electronEnergiesMeV) sum += e;
    expect(sum / 2000).toBeCloseTo(2.50572, 9);
  });

  it('the uncollided fraction leaving a 10 cm sphere is exp(-mu R) (1 MeV: 0.5417; 20k gammas, 4 sigma)', () => {
    const n = 20_000;
    const r = transportGammas({ energiesMeV: [1], events: n, rng: createRng('escape'), radiusM: 0.1 });
    let noInteraction = 0;
    for (let i = 0; i < n; i++) if (r.eventOffsets[i + 1] === r.eventOffsets[i]) noInteraction++;
    const p = Math.exp(-massAttenuation(LAB, 1).totalCm2PerG * 0.86 * 10);
    expect(p).toBeCloseTo(0.5417, 3);
    expect(Math.abs(noInteraction / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    expect(r.counts.escapedGammas).toBeGreaterThanOrEqual(noInteraction);
  });

  it('first interactions split photoelectric / Compton as mu_pe / mu at 30 keV (XCOM); Compton electrons stop at the edge', () => {
    // at 30 keV a photoelectric first interaction yields one electron carrying the full energy
    const n = 20_000;
    const e0 = 0.03;
    const r = transportGammas({ energiesMeV: [e0], events: n, rng: createRng('pe-fraction'), radiusM: Infinity });
    let photoFirst = 0;
    for (let i = 0; i < n; i++) {
      const first = r.electronEnergiesMeV[r.eventOffsets[i] as number] as number;
      if (Math.abs(first - e0) < 1e-12) photoFirst++;
    }
    const m = massAttenuation(LAB, e0);
    const p = m.photoelectricCm2PerG / m.totalCm2PerG;
    expect(Math.abs(photoFirst / n - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / n));
    // Cs-137: the first Compton electron never exceeds the Compton edge
    const cs = transportGammas({ energiesMeV: [0.661657], events: 5000, rng: createRng('cs'), radiusM: Infinity });
    let maxFirst = 0;
    for (let i = 0; i < 5000; i++) maxFirst = Math.max(maxFirst, cs.electronEnergiesMeV[cs.eventOffsets[i] as number] as number);
    expect(maxFirst).toBeLessThanOrEqual(comptonEdgeMeV(0.661657) + 1e-12);
    expect(maxFirst).toBeGreaterThan(0.99 * comptonEdgeMeV(0.661657));
    // a chain ends in photoabsorption or below the 1 keV cutoff: at most one photoelectron per gamma
    expect(cs.counts.photoelectric).toBeLessThanOrEqual(5000);
    expect(cs.counts.compton / 5000).toBeGreaterThan(5);
  });

  it('pair production above 1.022 MeV: flagged positrons, kinetic energy E - 2 m c^2 per pair (6.13 MeV)', () => {
    const n = 20_000;
    const r = transportGammas({ energiesMeV: [6.1299], events: n, rng: createRng('pairs'), radiusM: Infinity });
    let positrons = 0;
    for (const f of r.isPositron) positrons += f;
    expect(positrons).toBe(r.counts.pair);
    // first-interaction pair probability (the dominant source of pairs at this energy)
    const m = massAttenuation(LAB, 6.1299);
    const pFirst = m.pairCm2PerG / m.totalCm2PerG;
    expect(r.counts.pair / n).toBeGreaterThan(pFirst);
    expect(r.counts.pair / n).toBeLessThan(pFirst * 1.5);
    for (const d of r.depositedMeV) expect(d).toBeCloseTo(6.1299, 9);
    const below = transportGammas({ energiesMeV: [1.0], events: 2000, rng: createRng('nopair'), radiusM: Infinity });
    expect(below.counts.pair).toBe(0);
    expect(2 * ME).toBeCloseTo(1.022, 3);
  });

  it('Ge-68 and nC12 through the catalogue: back-to-back pair, channels by probability', () => {
    const ge = transportSource({ source: 'Ge-68', events: 2000, rng: createRng('ge'), radiusM: Infinity });
    for (const d of ge.depositedMeV) expect(d).toBeCloseTo(2 * ME, 9);
    const n = 10_000;
    const nc = transportSource({ source: 'nC12', events: n, rng: createRng('nc'), radiusM: Infinity });
    let total = 0;
    for (const d of nc.depositedMeV) total += d;
    // both channels carry 4.945 MeV (within 1 keV)
    expect(total / n).toBeCloseTo(4.945, 2);
  });

  it('same seed, same result; different seed, different result', () => {
    const a = transportGammas({ energiesMeV: [2.223], events: 500, rng: createRng(7) });
    const b = transportGammas({ energiesMeV: [2.223], events: 500, rng: createRng(7) });
    const c = transportGammas({ energiesMeV: [2.223], events: 500, rng: createRng(8) });
    expect(Array.from(b.electronEnergiesMeV)).toEqual(Array.from(a.electronEnergiesMeV));
    expect(Array.from(c.electronEnergiesMeV)).not.toEqual(Array.from(a.electronEnergiesMeV));
  });

  it('P(E_e) integrates to the deposited energy: sum P <E>_bin dE = mean deposit (1e-12), centres within 0.5%', () => {
    const p = secondaryElectronDensity(2.223247, { events: 20_000, rng: createRng('pe'), bins: 445, radiusM: Infinity });
    let integral = 0;
    let centred = 0;
    let number = 0;
    for (let k = 0; k < p.density.length; k++) {
      integral += (p.density[k] as number) * (p.meanEnergyInBinMeV[k] as number) * p.binWidthMeV;
      centred += (p.density[k] as number) * (p.energyMeV[k] as number) * p.binWidthMeV;
      number += (p.density[k] as number) * p.binWidthMeV;
    }
    expect(p.meanDepositedMeV).toBeCloseTo(2.223247, 9);
    expect(integral / p.meanDepositedMeV).toBeCloseTo(1, 12);
    // bin centres: only up to the binning of the many keV-scale electrons (5 keV bins)
    expect(Math.abs(centred / p.meanDepositedMeV - 1)).toBeLessThan(5e-3);
    expect(p.binEdgesMeV).toHaveLength(446);
    for (let k = 0; k < 445; k++) {
      if ((p.density[k] as number) > 0) {
        expect(p.meanEnergyInBinMeV[k]).toBeGreaterThanOrEqual(p.binEdgesMeV[k] as number);
        expect(p.meanEnergyInBinMeV[k]).toBeLessThanOrEqual(p.binEdgesMeV[k + 1] as number);
      }
      expect(p.energyMeV[k]).toBeCloseTo(((p.binEdgesMeV[k] as number) + (p.binEdgesMeV[k + 1] as number)) / 2, 12);
    }
    expect(number).toBeCloseTo(p.secondariesPerGamma, 9);
  });

  it('rejects bad input with messages naming it', () => {
    const rng = createRng(1);
    expect(() => transportGammas({ energiesMeV: [], events: 1, rng })).toThrow(/energies \[\]/);
    expect(() => transportGammas({ energiesMeV: [1], events: -1, rng })).toThrow(/events -1/);
    expect(() => transportGammas({ energiesMeV: [1, 1, 1], events: 1, rng, backToBack: true })).toThrow(/exactly 2 gammas/);
    expect(() => transportGammas({ energiesMeV: [1], events: 1, rng, origin: [20, 0, 0] })).toThrow(/outside the sphere/);
    expect(() => transportSource({ source: 'Cs-138', events: 1, rng })).toThrow(/unknown calibration source/);
  });
});
