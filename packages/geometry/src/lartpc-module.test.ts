import { ValidationError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { duneFdSpModule } from './lartpc-module.js';

describe('duneFdSpModule', () => {
  const m = duneFdSpModule();

  it('has the DUNE FD active volume in cm with x and y centred, z from 0', () => {
    expect(m.active).toEqual({ xMin: -725, xMax: 725, yMin: -600, yMax: 600, zMin: 0, zMax: 5800 });
  });

  it('alternates APA-CPA-APA-CPA-APA with a 10 cm two-sided central APA and 3.6 m drifts', () => {
    expect(m.planes.map((p) => p.kind)).toEqual(['APA', 'CPA', 'APA', 'CPA', 'APA']);
    // (1450 cm - 10 cm) / 4 = 360 cm
    expect(m.driftLengthCm).toBeCloseTo(360, 12);
    expect(m.planes.map((p) => p.xCm)).toEqual([-725, -365, 0, 365, 725].map((x) => expect.closeTo(x, 9)));
    expect(m.planes[2]!.xMinCm).toBeCloseTo(-5, 12);
    expect(m.planes[2]!.xMaxCm).toBeCloseTo(5, 12);
    expect(m.planes.map((p) => p.tpcs)).toEqual([[0], [0, 1], [1, 2], [2, 3], [3]]);
  });

  it('builds four TPCs with anode, cathode and drift direction', () => {
    expect(m.tpcs.map((t) => t.anodeXCm)).toEqual([-725, -5, 5, 725].map((x) => expect.closeTo(x, 9)));
    expect(m.tpcs.map((t) => t.cathodeXCm)).toEqual([-365, -365, 365, 365].map((x) => expect.closeTo(x, 9)));
    // electrons drift towards the anode
    expect(m.tpcs.map((t) => t.driftSign)).toEqual([-1, 1, -1, 1]);
    for (const t of m.tpcs) expect(t.driftLengthCm).toBeCloseTo(360, 9);
  });

  it('tiles each anode plane with 2 x 25 APAs of 6 m x 2.3 m (150 in all)', () => {
    expect(m.apas).toHaveLength(150);
    const first = m.apas[0]!;
    expect(first).toMatchObject({ plane: 0, row: 0, column: 0 });
    // cell 232 cm long along z, APA 230 cm centred at 116 cm
    expect(first.zMinCm).toBeCloseTo(1, 9);
    expect(first.zMaxCm).toBeCloseTo(231, 9);
    expect(first.yMinCm).toBeCloseTo(-600, 9);
    expect(first.yMaxCm).toBeCloseTo(0, 9);
    expect(new Set(m.apas.map((a) => a.plane))).toEqual(new Set([0, 2, 4]));
  });

  it('has U, V, X wire planes at about 5 mm pitch with a vertical collection plane', () => {
    expect(m.wirePlanes.map((w) => w.name)).toEqual(['U', 'V', 'X']);
    for (const w of m.wirePlanes) expect(w.pitchMm).toBeCloseTo(4.75, 0); // within 0.5 mm of 4.75 mm
    expect(m.wirePlanes[2]).toMatchObject({ role: 'collection', angleFromVerticalDeg: 0 });
  });

  it('is configurable: an APA-CPA-APA two-volume module', () => {
    const p = duneFdSpModule({ widthM: 7.2, heightM: 6, lengthM: 6.96, driftVolumes: 2, apaRows: 1, apaColumns: 3 });
    expect(p.planes.map((q) => q.kind)).toEqual(['APA', 'CPA', 'APA']);
    expect(p.driftLengthCm).toBeCloseTo(360, 12);
    expect(p.tpcs.map((t) => t.driftSign)).toEqual([-1, 1]);
    expect(p.apas).toHaveLength(6);
  });

  it('rejects impossible configurations naming the value', () => {
    expect(() => duneFdSpModule({ widthM: 0.2, innerApaThicknessM: 0.3 })).toThrow(ValidationError);
    expect(() => duneFdSpModule({ apaRows: 3 })).toThrow(/3 APA rows of 6 m do not fit in a height of 12 m/);
    expect(() => duneFdSpModule({ widthM: -1 })).toThrow(/widthM/);
  });
});
