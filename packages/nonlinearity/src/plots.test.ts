import { describe, expect, it } from 'vitest';
import type { PlotSpec } from '@nucal/core';
import { VEGA_LITE_SCHEMA } from '@nucal/numeric';
import { b12SpectrumPlot, bandBreakdownPlot, electronNonlinearityPlot, gammaNonlinearityPlot, positronBiasPlot, type GammaPlotInput } from './plots.js';

/**
 * The plots draw what they are given: these tests hand them numbers and look for the same
 * numbers in the specs (rows, titles, legend, notes). The physics behind the numbers is tested
 * on the calibration's results (`steps/curves.test.ts`, the closure and plugin tests).
 */

/** Every inline data row array of a spec that has `field`, by walking it. */
function rowsWith(spec: unknown, field: string): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const values = (node as { data?: { values?: unknown } }).data?.values;
      if (Array.isArray(values) && values.length > 0 && field in (values[0] as object)) out.push(values as Record<string, unknown>[]);
      Object.values(node).forEach(walk);
    }
  };
  walk(spec);
  return out;
}
const text = (p: PlotSpec) => JSON.stringify(p.spec);
/** The two views of a plot with a residual panel. */
function panels(p: PlotSpec): unknown[] {
  const v = p.spec.vconcat;
  if (!Array.isArray(v)) throw new Error(`${p.name} has no residual panel`);
  return v;
}

const gamma: GammaPlotInput = {
  source: ['nH', 'AmC'],
  gammaMeV: [2.2232, 6.13],
  measuredRatio: [1, 1.0212],
  sigmaRatio: [5e-5, 0.0041],
  fittedRatio: [1.0001, 1.0196],
  residualPercent: [-0.01, 0.16],
  residualSigmaPercent: [0.005, 0.4],
  sigmaPercent: [0.005, 0.4],
  statPercent: [0.005, 0.005],
  fit: { chi2: 103.9, ndof: 94, pValue: 0.23 },
};

describe('plots', () => {
  it('gamma: sigma_i error bars and residuals as given, one legend entry per series, the fit quality, Vega-Lite v6', () => {
    const p = gammaNonlinearityPlot(gamma);
    expect(p.name).toBe('gamma-nonlinearity');
    expect(p.spec.$schema).toBe(VEGA_LITE_SCHEMA);
    const [main, residuals] = panels(p);
    const bars = rowsWith(main, 'lo').find((rows) => rows.length === 2)!;
    expect(bars.map((r) => [r.lo, r.hi])).toEqual([[1 - 5e-5, 1 + 5e-5], [1.0212 - 0.0041, 1.0212 + 0.0041]]);
    expect(rowsWith(residuals, 'lo')[0]!.map((r) => r.y)).toEqual([-0.01, 0.16]);
    const json = text(p);
    for (const s of ['"value":"measured peak, ±σ_i"', '"value":"fit prediction"', '"value":"γ + B-12 fit: χ²/ndof = 104/94"', '"value":"p = 0.23"']) expect(json).toContain(s);
    expect(json.split('"value":"measured peak, ±σ_i"').length - 1).toBe(1);
    expect(json).toContain('(data − fit) / fit (%)');
    expect(json).toContain('gamma energy E_γ (MeV)');
    expect(json).toMatch(/AmC 0\.40%/);
    expect(json).not.toMatch(/nH 0\.0/);
    expect(json).not.toContain('poor fit');
  });

  it('fit plots flag a p-value below 1e-3 in red', () => {
    const bad = gammaNonlinearityPlot({ ...gamma, fit: { chi2: 200, ndof: 94, pValue: 2e-9 } });
    expect(text(bad)).toContain('p = 2.00e-9 < 0.001: poor fit');
    expect(text(bad)).toContain('"stroke":"#d62728"');
    const b12 = b12SpectrumPlot({ edgesMeV: [3, 3.1, 3.2], centresMeV: [3.05, 3.15], counts: [100, 81], countErrors: [10, 9], predicted: [90, 90], pulls: [1, -1], sumPull2: 2, events: 181, fit: { chi2: 200, ndof: 94, pValue: 2e-9 } });
    expect(text(b12)).toContain('poor fit');
  });

  it('B-12: axis with the bin width, data with the given errors, prediction as steps, the given pulls below', () => {
    const p = b12SpectrumPlot({ edgesMeV: [3, 3.1, 3.2], centresMeV: [3.05, 3.15], counts: [100, 81], countErrors: [10, 9], predicted: [90, 92], pulls: [0.25, -0.5], sumPull2: 0.3125, events: 181, fit: { chi2: 99, ndof: 94, pValue: 0.34 } });
    const [main, pulls] = panels(p);
    const json = text(p);
    expect(json).toContain('events / 0.1 MeV');
    expect(json).toContain('visible energy E_vis (MeV)');
    expect(rowsWith(main, 'lo')[0]!.map((r) => [r.lo, r.hi])).toEqual([[90, 110], [72, 90]]);
    expect(rowsWith(main, 'x').some((rows) => JSON.stringify(rows) === JSON.stringify([{ x: 3, y: 90 }, { x: 3.1, y: 92 }, { x: 3.2, y: 92 }]))).toBe(true);
    expect(rowsWith(pulls, 'y').find((rows) => rows.length === 2)!.map((r) => r.y)).toEqual([0.25, -0.5]);
    expect(json).toMatch(/181 events in 3–3\.2 MeV, 2 bins; Σ pull² = 0\.3/);
  });

  it('electron: f with its band and truth, the band relative to f below, the outside of the validity range shaded', () => {
    const p = electronNonlinearityPlot({
      energyMeV: [1, 8],
      fitted: [1.02, 1.034],
      low: [1.01592, 1.02883],
      high: [1.02408, 1.0371],
      lowPercent: [-0.4, -0.5],
      highPercent: [0.4, 0.3],
      truth: [1.021, 1.033],
      truthPercent: [0.098, -0.097],
      validityMinMeV: 0.5,
      validityMaxMeV: 6,
    });
    const [main, relative] = panels(p);
    expect(rowsWith(main, 'from')[0]).toEqual([{ from: 0, to: 0.5 }, { from: 6, to: 8 }]);
    expect(rowsWith(relative, 'lo')[0]!.map((r) => [r.lo, r.hi])).toEqual([[-0.4, 0.4], [-0.5, 0.3]]);
    const json = text(p);
    for (const s of ['"value":"total 1σ band"', '"value":"fit"', '"value":"truth (simulation)"', '"value":"outside the validity range (0.5–6 MeV)"', 'relative to the fit (%)']) expect(json).toContain(s);
  });

  it('band breakdown: one line per effect and the total', () => {
    const p = bandBreakdownPlot({
      energyMeV: [1, 8],
      effects: [{ name: 'scale', halfWidthPercent: [0.3, 0.3] }, { name: 'fit-covariance', halfWidthPercent: [0.01, 0.02] }],
      totalHalfWidthPercent: [0.3, 0.31],
      validityMinMeV: 0.5,
      validityMaxMeV: 8,
    });
    const json = text(p);
    for (const s of ['"value":"scale"', '"value":"fit-covariance"', '"value":"total"', '1σ half-width (%)']) expect(json).toContain(s);
    expect(rowsWith(p.spec, 'order').map((rows) => rows.map((r) => r.y))).toEqual([[0.3, 0.3], [0.01, 0.02], [0.3, 0.31]]);
  });

  it('positron: the bias, the propagated band and the ±0.3% target (one legend entry)', () => {
    const p = positronBiasPlot({ kineticMeV: [1, 2], biasPercent: [0.05, -0.1], bandLowPercent: [-0.4, -0.4], bandHighPercent: [0.4, 0.45] });
    const json = text(p);
    expect(json.split('"value":"±0.3% target"').length - 1).toBe(1);
    expect(rowsWith(p.spec, 'order')[0]!.map((r) => r.y)).toEqual([0.05, -0.1]);
    const data = positronBiasPlot({ kineticMeV: [1, 2], bandLowPercent: [-0.4, -0.4], bandHighPercent: [0.4, 0.45] });
    expect(text(data)).not.toContain('against the simulation truth');
  });
});
