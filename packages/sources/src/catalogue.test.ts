import { describe, expect, it } from 'vitest';
import { NotFoundError } from '@nucal/core';
import { CalibrationSourceSchema, SOURCE_CATALOGUE, SOURCE_IDS, getSource, totalGammaEnergyMeV } from './catalogue.js';

describe('source catalogue', () => {
  it('holds exactly the PHYSICS.md 1.2 sources, each valid against the schema', () => {
    expect(SOURCE_CATALOGUE.map((s) => s.id)).toEqual([...SOURCE_IDS]);
    for (const s of SOURCE_CATALOGUE) expect(CalibrationSourceSchema.safeParse(s).success).toBe(true);
  });

  it('gives the table energies (MeV) within 1 keV', () => {
    const first = (id: string) => getSource(id).channels[0]?.gammasMeV ?? [];
    expect(first('Cs-137')[0]).toBeCloseTo(0.662, 3);
    expect(first('Mn-54')[0]).toBeCloseTo(0.835, 3);
    expect(first('Co-60')).toHaveLength(2);
    expect(totalGammaEnergyMeV(getSource('Co-60').channels[0]!)).toBeCloseTo(1.173 + 1.333, 2);
    expect(first('K-40')[0]).toBeCloseTo(1.461, 3);
    expect(first('AmBe')[0]).toBeCloseTo(4.439, 3);
    expect(first('AmC')[0]).toBeCloseTo(6.130, 3);
    expect(first('nH')[0]).toBeCloseTo(2.223, 3);
    const nc = getSource('nC12');
    expect(nc.channels.map((c) => c.gammasMeV.length)).toEqual([1, 2]);
    // both nC12 channels release the same total (the C-13 neutron separation energy less recoil), within 1 keV
    expect(totalGammaEnergyMeV(nc.channels[1]!)).toBeCloseTo(totalGammaEnergyMeV(nc.channels[0]!), 3);
  });

  it('marks Ge-68 as a back-to-back annihilation pair and rates/flags as in PHYSICS.md', () => {
    const ge = getSource('Ge-68');
    expect(ge.channels[0]?.backToBack).toBe(true);
    expect(ge.channels[0]?.gammasMeV).toEqual([0.51099895, 0.51099895]);
    expect(getSource('K-40').nominalRateHz).toBe(1);
    expect(getSource('Cs-137').nominalRateHz).toBe(100);
    expect(getSource('AmC').emitsNeutron).toBe(true);
    expect(getSource('nH').enclosed).toBe(false);
    expect(getSource('Co-60').enclosed).toBe(true);
  });

  it('rejects unknown ids with a message listing the valid ones', () => {
    expect(() => getSource('Cs137')).toThrow(NotFoundError);
    expect(() => getSource('Cs137')).toThrow(/unknown calibration source "Cs137"; expected one of Cs-137, Mn-54, Co-60/);
  });

  it('schema rejects probabilities that do not sum to 1 and malformed back-to-back channels', () => {
    const bad = { ...getSource('Cs-137'), channels: [{ probability: 0.5, gammasMeV: [0.662], backToBack: false }] };
    expect(CalibrationSourceSchema.safeParse(bad).success).toBe(false);
    const bad2 = { ...getSource('Ge-68'), channels: [{ probability: 1, gammasMeV: [0.511], backToBack: true }] };
    expect(CalibrationSourceSchema.safeParse(bad2).success).toBe(false);
  });

  it('is frozen', () => {
    const s = getSource('Cs-137');
    expect(() => {
      (s as { nominalRateHz: number }).nominalRateHz = 5;
    }).toThrow();
  });
});
