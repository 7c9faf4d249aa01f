import { describe, expect, it } from 'vitest';
import { runScenario, type RunScenarioOptions } from './run-scenario.js';
import { SCENARIO_NAMES, SCENARIOS } from './scenarios.js';
import { analyticMap } from './test-fixtures.js';

// In-family stand-in for the optics map: a phi term of 3% near the edge makes the ideal (3-D)
// map better than the phi-symmetric one; light-yield variants scale Y0.
const options: RunScenarioOptions = {
  seed: 'test',
  eventsPerEnergy: 20_000,
  eventsPerPoint: 4000,
  idealCalibrationEvents: 2_000_000,
  plots: false,
  mapFactory: (o) => analyticMap({ y0PePerMeV: 1345 * (o.lightYieldScale ?? 1), phiAsymmetry: 0.03 }),
};

describe('scenario ladder (analytic map, small statistics)', () => {
  const r = Object.fromEntries(['central', 'ideal', 'phi-symmetric', 'finite-points', 'y0-minus-1pct', 'y0-minus-5pct'].map((n) => [n, runScenario(n, options)]));
  const diffSigma = (x: string, y: string) => Math.hypot(r[x]!.aEff.error, r[y]!.aEff.error);

  it('every scenario is defined once, in ladder order, building on an earlier one', () => {
    expect(SCENARIO_NAMES).toHaveLength(15);
    SCENARIO_NAMES.forEach((n, i) => {
      const on = SCENARIOS[n]!.buildsOn;
      if (on !== null) expect(SCENARIO_NAMES.indexOf(on)).toBeLessThan(i);
    });
  });

  it('central: a = sqrt(1/Y0) = 2.727%, c = sqrt(mu_DN)/Y0 = 1.011%, b = 0 within 4 fit sigmas', () => {
    const c = r.central!;
    expect(Math.abs(c.a.value - 100 / Math.sqrt(1345))).toBeLessThan(4 * c.a.error + 0.005);
    expect(Math.abs(c.c.value - (100 * Math.sqrt(184.926)) / 1345)).toBeLessThan(4 * c.c.error + 0.005);
    expect(c.b.value).toBeLessThan(4 * c.b.error + 0.05);
    expect(c.fit.valid).toBe(true);
    expect(c.biasPct).toBe(0);
  });

  it('ordering: ideal <= phi-symmetric <= finite-points (a_eff, 3 sigma), central has the smallest b', () => {
    expect(r.ideal!.aEff.value).toBeLessThan(r['phi-symmetric']!.aEff.value + 3 * diffSigma('ideal', 'phi-symmetric'));
    expect(r['phi-symmetric']!.aEff.value).toBeLessThan(r['finite-points']!.aEff.value + 3 * diffSigma('phi-symmetric', 'finite-points'));
    // the phi term is invisible to a phi-symmetric map: it must cost resolution
    expect(r['phi-symmetric']!.b.value).toBeGreaterThan(r.ideal!.b.value);
    for (const n of ['ideal', 'phi-symmetric', 'finite-points']) expect(r.central!.b.value).toBeLessThanOrEqual(r[n]!.b.value + 2 * r[n]!.b.error);
  });

  it('light yield: y0-minus-1pct <= y0-minus-5pct; a scales as 1/sqrt(Y0)', () => {
    expect(r['y0-minus-1pct']!.aEff.value).toBeLessThan(r['y0-minus-5pct']!.aEff.value + 3 * diffSigma('y0-minus-1pct', 'y0-minus-5pct'));
    // 1/sqrt(0.95) vs 1/sqrt(0.99): a_eff grows by ~2.1% relative
    const ratio = r['y0-minus-5pct']!.aEff.value / r['y0-minus-1pct']!.aEff.value;
    expect(ratio).toBeGreaterThan(1.0);
    expect(ratio).toBeLessThan(1.045);
  });

  it('energy scale: the corrected energy of the whole volume agrees with central events within 0.5%', () => {
    for (const n of ['ideal', 'phi-symmetric', 'finite-points']) expect(Math.abs(r[n]!.biasPct)).toBeLessThan(0.5);
  });
});
