import { ValidationError } from '@nucal/core';
import { acuPoints, clsReachable, clsSystem, clsTemplatePoints, lsDetector } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import type { CampaignInput } from './campaign-schema.js';
import { CampaignPlanSchema } from './plan-schema.js';
import { parseCampaign, planCampaign } from './plan.js';
import { builtinCampaign } from './programmes.js';
import { representativePoints } from './representative.js';

const cd = lsDetector();

describe('planCampaign: a small campaign by hand', () => {
  const plan = planCampaign(
    {
      name: 'hand',
      cadence: 'weekly',
      speedMPerMin: 2,
      rows: [
        { system: 'ACU', source: 'Cs-137', points: 'centre', eventsPerPoint: 60_000 },
        { system: 'ACU', source: 'K-40', points: [{ zCm: -1000 }, { zCm: 1000 }], minutesPerPoint: 5 },
        { system: 'ACU', source: 'AmC', points: 'centre', precision: 0.001 },
        { system: 'ACU', source: 'nH', via: 'AmC', points: 'centre', eventsPerPoint: 200 },
        { system: 'ACU', source: 'laser', points: 'centre', intensities: 3, minutesPerPoint: 2 },
      ],
    },
    cd,
  );

  it('travel: parking 19.7 m above the centre, 2 m/min; data: events / rate', () => {
    const [cs, k40, amc, nh, laser] = plan.rows as [any, any, any, any, any];
    // Cs-137: 19.7 m down, 19.7 m up = 39.4 m = 19.7 min; 60,000 / 100 Hz = 600 s = 10 min
    expect(cs).toMatchObject({ points: 1, pathM: expect.closeTo(39.4, 9), travelMin: expect.closeTo(19.7, 9), dataMin: expect.closeTo(10, 9), energyMeV: 0.661657 });
    // K-40 at z = +-10 m (visited top first): 9.7 + 20 + 29.7 = 59.4 m; 2 x 5 min; 300 events per point at 1 Hz
    expect(k40).toMatchObject({ points: 2, pathM: expect.closeTo(59.4, 9), travelMin: expect.closeTo(29.7, 9), dataMin: expect.closeTo(10, 9), eventsPerPoint: 300, rateHz: 1 });
    // Am-C for 0.1% on the peak: (0.03 / sqrt(6.1299) / 0.001)^2 = 146.8 -> 147 events, 1.47 s
    expect(amc.eventsPerPoint).toBe(147);
    expect(amc.dataMin).toBeCloseTo(1.47 / 60, 12);
    // n-H with the Am-C deployment: no travel, 200 events at 100 Hz = 2 s, of which 1.47 s already taken
    expect(nh).toMatchObject({ sharedDeployment: true, deployedSource: 'AmC', pathM: 0, travelMin: 0 });
    expect(nh.dataMin).toBeCloseTo(0.53 / 60, 12);
    // laser: 3 intensities x 2 min, 12,000 pulses per intensity at 100 Hz, energy null
    expect(laser).toMatchObject({ energyMeV: null, intensities: 3, eventsPerPoint: 12_000, dataMin: expect.closeTo(6, 9), travelMin: expect.closeTo(19.7, 9) });
  });

  it('totals and the weekly live-time share', () => {
    const travel = 19.7 + 29.7 + 19.7 + 0 + 19.7;
    const data = 10 + 10 + 1.47 / 60 + 0.53 / 60 + 6;
    expect(plan.travelMin).toBeCloseTo(travel, 9);
    expect(plan.dataMin).toBeCloseTo(data, 9);
    expect(plan.totalMin).toBeCloseTo(travel + data, 9);
    expect(plan.totalHours).toBeCloseTo((travel + data) / 60, 9);
    expect(plan.periodMin).toBe(10_080);
    expect(plan.liveTimeShare).toBeCloseTo((travel + data) / 10_080, 12);
    for (const r of plan.rows) expect(r.totalMin).toBeCloseTo(r.travelMin + r.dataMin, 12);
    expect(CampaignPlanSchema.safeParse(plan).success).toBe(true);
  });
});

describe('built-in programmes', () => {
  it('comprehensive: non-linearity sources and the laser at the centre, Am-C at 27 + 200 + 23 points', () => {
    const plan = planCampaign(builtinCampaign('comprehensive'), cd);
    expect(plan.cadence).toBe('once');
    const centre = plan.rows.filter((r) => r.points === 1);
    expect(centre.map((r) => r.source)).toEqual(['Cs-137', 'Mn-54', 'Co-60', 'K-40', 'Ge-68', 'AmBe', 'AmC', 'nH', 'laser']);
    for (const r of centre) expect(r.eventsPerPoint).toBe(r.source === 'K-40' ? 6_000 : r.source === 'laser' ? 12_000 : 100_000);
    expect(centre.find((r) => r.source === 'laser')!.intensities).toBeGreaterThanOrEqual(8);
    const map = plan.rows.filter((r) => r.points > 1);
    expect(map.map((r) => [r.system, r.source, r.points])).toEqual([['ACU', 'AmC', 27], ['CLS', 'AmC', 200], ['GT', 'AmC', 23]]);
    // K-40 at ~1 Hz dominates the centre data: 6,000 s = 100 min
    expect(centre.find((r) => r.source === 'K-40')!.dataMin).toBeCloseTo(100, 9);
    // the once-off campaign is reported against a 30-day month
    expect(plan.periodMin).toBe(43_200);
    expect(plan.liveTimeShare).toBeCloseTo(plan.totalMin / 43_200, 12);
    expect(plan.totalHours).toBeGreaterThan(10);
    expect(plan.totalHours).toBeLessThan(48);
  });

  it('weekly and monthly: the rows of the strategy, a few percent of the live time at most', () => {
    const weekly = planCampaign(builtinCampaign('weekly'), cd);
    expect(weekly.rows.map((r) => [r.system, r.source, r.points, r.intensities])).toEqual([['ACU', 'AmC', 5, 1], ['ACU', 'laser', 1, 10]]);
    expect(weekly.rows[0]!.dataMin).toBeCloseTo(5, 12);
    // 19.7 -> -15 -> 15 -> 19.7 m
    expect(weekly.rows[0]!.pathM).toBeCloseTo(69.4, 9);
    const monthly = planCampaign(builtinCampaign('monthly'), cd);
    expect(monthly.rows.map((r) => [r.system, r.source, r.points])).toEqual([['ACU', 'AmC', 27], ['ACU', 'laser', 27], ['CLS', 'AmC', 40], ['GT', 'AmC', 23]]);
    expect(monthly.periodMin).toBe(43_200);
    for (const p of [weekly, monthly]) expect(p.liveTimeShare).toBeLessThan(0.05);
  });

  it('refuses an unknown programme, listing the names', () => {
    expect(() => builtinCampaign('daily')).toThrow(/unknown calibration programme "daily": expected one of comprehensive, weekly, monthly/);
  });
});

describe('campaign validation', () => {
  const row = { system: 'ACU', source: 'AmC', points: 'centre', minutesPerPoint: 1 };
  // as a JSON file would be: untyped, checked at run time
  const campaign = (rows: unknown[]) => ({ name: 'x', cadence: 'monthly', rows }) as CampaignInput;
  const message = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(ValidationError);
      return (e as Error).message;
    }
    throw new Error('expected a ValidationError');
  };

  it('names the bad field of a JSON campaign', () => {
    expect(message(() => parseCampaign(campaign([row, { ...row, system: 'XYZ' }])))).toMatch(/^campaign is invalid: rows\.1\.system: /);
    expect(message(() => parseCampaign(campaign([{ ...row, minutesPerPoint: undefined }])))).toMatch(/rows\.0\.eventsPerPoint: give exactly one of eventsPerPoint, minutesPerPoint, precision \(got none\)/);
    expect(message(() => parseCampaign(campaign([{ ...row, source: 'Cs137' }])))).toMatch(/rows\.0\.source/);
    expect(message(() => parseCampaign({ ...campaign([row]), cadence: 'daily' }))).toMatch(/cadence/);
    expect(message(() => parseCampaign({ ...campaign([row]), extra: 1 }))).toMatch(/extra/);
    expect(message(() => parseCampaign(campaign([{ ...row, source: 'laser', minutesPerPoint: undefined, precision: 0.01 }])))).toMatch(/rows\.0\.precision: the laser has no peak energy/);
  });

  it('names points a system cannot reach and a via that does not follow its source', () => {
    expect(message(() => planCampaign(campaign([{ ...row, points: [{ zCm: 0 }, { rCm: 500, thetaRad: 1 }] }]), cd))).toMatch(/^campaign is invalid: rows\.0\.points\.1: .* not on the central axis/);
    expect(message(() => planCampaign(campaign([{ ...row, system: 'CLS', points: [{ rCm: 1500, thetaRad: 0.3 }] }]), cd))).toMatch(/rows\.0\.points\.0: .* out of the CLS's reach/);
    expect(message(() => planCampaign(campaign([{ ...row, system: 'GT', points: 'centre' }]), cd))).toMatch(/rows\.0\.points: r 0 cm is inside the LS/);
    expect(message(() => planCampaign(campaign([row, { ...row, source: 'nH', via: 'AmBe' }]), cd))).toMatch(/rows\.1\.via: expected the previous row to deploy AmBe/);
    expect(message(() => planCampaign(campaign([{ ...row, system: 'CLS', points: { representative: 5000 } }]), cd))).toMatch(/rows\.0\.points\.representative/);
  });
});

describe('representativePoints', () => {
  it('spreads n points: the ACU axis in five', () => {
    expect(representativePoints(acuPoints(), 5).map((p) => p.zCm)).toEqual([-1750, -800, 0, 800, 1750]);
  });

  it('CLS representatives are reachable by their loop and spread out: no two closer than 1 m', () => {
    const c = builtinCampaign('monthly');
    const plan = planCampaign({ ...c, rows: [c.rows[2]!] }, cd);
    expect(plan.rows[0]!.points).toBe(40);
    const cls = clsSystem(cd, c.cls.config.anchorsDeg, clsTemplatePoints(cd, createRng(c.cls.templateSeed)));
    const picked = representativePoints(cls.points, 40);
    let closest = Infinity;
    for (const p of picked) {
      expect(clsReachable(p, c.cls.config.anchorsDeg[p.loop - 1]!, cd)).toBe(true);
      for (const q of picked) {
        if (p !== q) closest = Math.min(closest, Math.hypot(p.rCm * Math.sin(p.thetaRad) - q.rCm * Math.sin(q.thetaRad), p.zCm - q.zCm));
      }
    }
    expect(closest).toBeGreaterThan(100);
  });
});
