import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { measureDarkNoise } from './dark-noise.js';
import { defaultCalibrationPoints } from './default-points.js';
import { simulatePointData } from './point-data.js';
import { calibrateFromPoints } from './point-map.js';
import { analyticMap } from './test-fixtures.js';
import { ToyConfigSchema } from './toy-config.js';

describe('uniformity map from finite calibration points', () => {
  it('matches the true map within 0.3% for r < 15 m and 3% beyond (250 points, 5,000 n-H events each)', () => {
    const map = analyticMap();
    const toy = ToyConfigSchema.parse({});
    const points = defaultCalibrationPoints(createRng('uniformity.cls-template'));
    expect(points.filter((p) => p.system === 'ACU')).toHaveLength(27);
    expect(points.filter((p) => p.system === 'GT')).toHaveLength(23);
    expect(points.filter((p) => p.system === 'CLS')).toHaveLength(200);
    const data = simulatePointData(map, toy, points, 5000, createRng('points'));
    const dq = measureDarkNoise(toy, createRng('dark')).offsetPe;
    const cal = calibrateFromPoints(data, dq, 1770);
    // Y0 from the centre point: 5,000 events give 0.03%
    expect(Math.abs(cal.y0PePerMeV / 1345 - 1)).toBeLessThan(0.0015);
    const rng = createRng('probe');
    let inner = 0;
    let outer = 0;
    for (let i = 0; i < 50_000; i++) {
      const x = (2 * rng.uniform() - 1) * 1770;
      const y = (2 * rng.uniform() - 1) * 1770;
      const z = (2 * rng.uniform() - 1) * 1770;
      const r = Math.hypot(x, y, z);
      if (r > 1770) continue;
      const d = Math.abs((cal.g(x, y, z) * cal.y0PePerMeV) / map.peMeV(x, y, z) - 1);
      if (r < 1500) inner = Math.max(inner, d);
      else outer = Math.max(outer, d);
    }
    // measured: 0.1% and 1.6% (the last 30 cm fall by 18%; point sources average over ~30 cm)
    expect(inner).toBeLessThan(0.003);
    expect(outer).toBeLessThan(0.03);
  });

  it('refuses a point set without a point near the centre', () => {
    const map = analyticMap();
    const toy = ToyConfigSchema.parse({});
    const pts = defaultCalibrationPoints(createRng('uniformity.cls-template')).filter((p) => p.rCm > 150).slice(0, 10);
    const data = simulatePointData(map, toy, pts, 500, createRng('points'));
    expect(() => calibrateFromPoints(data, 184.9, 1770)).toThrow(/nearest the centre/);
  });
});
