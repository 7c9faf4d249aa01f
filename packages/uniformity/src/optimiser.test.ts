import { describe, expect, it } from 'vitest';
import { optimiseCalibrationPoints } from './optimiser.js';
import { analyticMap } from './test-fixtures.js';

describe('optimiseCalibrationPoints (analytic map, small settings)', () => {
  const r = optimiseCalibrationPoints({
    seed: 'opt', eventsPerPoint: 600, clsCount: 30, candidatesPerStep: 15, randomSubsets: 6, proxySamples: 1500,
    anchorPairsDeg: [[30, 60], [45, 90]], mapFactory: () => analyticMap(),
  });

  it('keeps the 27 ACU and 23 GT points and picks distinct reachable CLS points', () => {
    expect(r.fixedPoints).toHaveLength(50);
    expect(r.clsOrder).toHaveLength(30);
    expect(new Set(r.clsOrder.map((p) => `${p.rCm}/${p.thetaRad}`)).size).toBe(30);
    expect(r.anchorComparison.map((a) => a.anchorsDeg)).toContainEqual(r.anchorsDeg);
    expect(r.proxyPct).toHaveLength(31);
  });

  it('beats random subsets of the same size by more than 2 of their standard deviations', () => {
    const greedy = r.proxyPct[r.proxyPct.length - 1]!;
    expect(greedy).toBeLessThan(r.randomProxyPct.mean - 2 * r.randomProxyPct.sd);
    expect(greedy).toBeLessThan(r.randomProxyPct.best);
    // adding points helps: the proxy at 30 points is below the fixed points alone
    expect(greedy).toBeLessThan(0.5 * r.proxyPct[0]!);
  });
});
