import { describe, expect, it } from 'vitest';
import { VEGA_LITE_SCHEMA } from '@nucal/numeric';
import { aEffVersusPointsPlot, gMapPlot, peVersusRadiusPlot, resolutionPlot } from './plots.js';
import { fitResolution } from './resolution-fit.js';
import { sigmaOverEPercent } from './resolution-model.js';
import { analyticMap } from './test-fixtures.js';

describe('plots', () => {
  it('are Vega-Lite specs with their data inlined', () => {
    const e = [1, 2, 3, 4, 5, 6, 7, 8];
    const y = e.map((x) => sigmaOverEPercent(x, { a: 2.9, b: 0.8, c: 1.2 }));
    const fit = fitResolution({ energyMeV: e, sigmaOverEPercent: y, errorPercent: y.map((v) => 0.01 * v) });
    const energies = e.map((x, i) => ({ kineticMeV: x, visibleMeV: x, meanMeV: x, meanErrorMeV: 0, sigmaMeV: 0, sigmaErrorMeV: 0, sigmaOverEPercent: y[i]!, errorPercent: 0.01 * y[i]! }));
    const map = analyticMap();
    const plots = [
      resolutionPlot(energies, fit, 'test'),
      gMapPlot((u, v) => 1 + 0.1 * v * u, [{ u: 1, v: 0.5, system: 'ACU' }, { u: 0, v: 0.9, system: 'CLS' }], 'g'),
      peVersusRadiusPlot(map),
      aEffVersusPointsPlot([{ label: 'greedy', n: [50, 100], aEff: [3.0, 2.95], error: [0.002, 0.002] }]),
    ];
    expect(plots.map((p) => p.name)).toEqual(['resolution-test', 'g-map', 'pe-per-mev-vs-r', 'a-eff-vs-points']);
    for (const p of plots) {
      expect(p.spec.$schema).toBe(VEGA_LITE_SCHEMA);
      const json = JSON.stringify(p.spec);
      expect(json.length).toBeGreaterThan(500);
    }
    // the heat map carries 60 x 60 cells and the two calibration points
    expect(JSON.stringify(plots[1]!.spec)).toContain('CLS');
    expect((JSON.stringify(plots[1]!.spec).match(/"x2":/g) ?? []).length).toBeGreaterThanOrEqual(3600);
  });
});
