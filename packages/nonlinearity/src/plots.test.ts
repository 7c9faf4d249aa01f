import { describe, expect, it } from 'vitest';
import { b12SpectrumPlot, electronNonlinearityPlot, gammaNonlinearityPlot } from './plots.js';
import { b12Curve } from './steps/curves.js';

type Layer = { data?: { values: Record<string, unknown>[] }; encoding?: Record<string, { field?: string; title?: unknown }> };
type Panel = { data?: { values: Record<string, unknown>[] }; layer: Layer[] };

describe('plots', () => {
  it('gamma points carry sigma_i error bars, residuals in percent and one legend for data and fit', () => {
    const plot = gammaNonlinearityPlot([
      { source: 'nH', gammaMeV: 2.2232, measuredMeV: 2.2232, errorMeV: 1.1e-4, statErrorMeV: 1.1e-4, fittedMeV: 2.2234 },
      { source: 'AmC', gammaMeV: 6.13, measuredMeV: 6.26, errorMeV: Math.hypot(3e-4, 0.004 * 6.26), statErrorMeV: 3e-4, fittedMeV: 6.25 },
    ]);
    const spec = plot.spec as { vconcat: Panel[]; title: { subtitle: string[] } };
    const [main, residuals] = spec.vconcat;
    const values = main!.layer[0]!.data!.values as { source: string; low: number; high: number }[];
    const amc = values.find((v) => v.source === 'AmC')!;
    expect((amc.high - amc.low) / 2).toBeCloseTo(Math.hypot(3e-4, 0.004 * 6.26) / 6.13, 12);
    const res = residuals!.data!.values as { source: string; residualPercent: number; residualHighPercent: number }[];
    const r = res.find((v) => v.source === 'AmC')!;
    expect(r.residualPercent).toBeCloseTo((100 * 0.01) / 6.25, 10);
    expect(r.residualHighPercent - r.residualPercent).toBeCloseTo((100 * Math.hypot(3e-4, 0.004 * 6.26)) / 6.25, 10);
    const series = new Set((main!.layer[1]!.data!.values as { series: string }[]).map((m) => m.series));
    expect([...series]).toEqual(['fit prediction', 'measured peak, ±σ_i']);
    expect(spec.title.subtitle[0]).toMatch(/AmC 0\.40%/);
    expect(spec.title.subtitle[0]).not.toMatch(/nH/);
  });
  it('B-12 pulls are the Neyman terms (computed by the calibration, not the plot)', () => {
    const curve = b12Curve({ folder: { edgesMeV: Float64Array.of(3, 3.1, 3.2) }, counts: Float64Array.of(100, 81) }, Float64Array.of(90, 90));
    expect(curve.pulls[0]).toBeCloseTo(1, 12);
    expect(curve.pulls[1]).toBeCloseTo(-1, 12);
    expect(curve.sumPull2).toBeCloseTo(2, 12);
    expect(curve.events).toBe(181);
  });
  it('B-12 axis states the bin width and the pull panel draws the given pulls', () => {
    const plot = b12SpectrumPlot({ edgesMeV: [3, 3.1, 3.2], counts: [100, 81], predicted: [90, 90], pulls: [0.25, -0.5], sumPull2: 0.3125, events: 181 });
    const spec = plot.spec as { vconcat: Panel[]; title: { subtitle: string } };
    expect(spec.vconcat[0]!.layer[0]!.encoding!.y!.title).toBe('events / 0.1 MeV');
    expect((spec.vconcat[1]!.data!.values as { pull: number }[]).map((v) => v.pull)).toEqual([0.25, -0.5]);
    expect(spec.title.subtitle).toMatch(/181 events .* Σ pull² = 0\.3/);
  });
  it('electron band panels: relative band in percent and each effect with the total, all-correlated left out', () => {
    const plot = electronNonlinearityPlot({
      energyMeV: [1, 8],
      fitted: [1.02, 1.034],
      lowRel: [-0.004, -0.005],
      highRel: [0.004, 0.003],
      effects: [
        { name: 'scale', lowRel: [-0.003, -0.003], highRel: [0.003, 0.003] },
        { name: 'all-correlated', lowRel: [-0.004, -0.005], highRel: [0.004, 0.003] },
      ],
      validityMinMeV: 0.5,
      validityMaxMeV: 6,
    });
    const spec = plot.spec as { vconcat: Panel[] };
    expect(spec.vconcat).toHaveLength(3);
    const rel = spec.vconcat[1]!.data!.values as { lowPercent: number; highPercent: number }[];
    expect(rel[1]!.lowPercent).toBeCloseTo(-0.5, 12);
    const rows = spec.vconcat[2]!.data!.values as { effect: string; energyMeV: number; halfPercent: number }[];
    expect([...new Set(rows.map((r) => r.effect))]).toEqual(['scale', 'total']);
    expect(rows.find((r) => r.effect === 'total' && r.energyMeV === 8)!.halfPercent).toBeCloseTo(0.4, 12);
    // shading outside 0.5-6 MeV
    const shade = spec.vconcat[0]!.layer[0]!.data!.values as { from: number; to: number }[];
    expect(shade).toEqual([{ from: 0, to: 0.5 }, { from: 6, to: 8 }]);
  });
});
