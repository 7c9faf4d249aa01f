import { describe, expect, it } from 'vitest';
import type { PlotSpec } from '@nucal/core';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { Hist1D } from '../histogram/hist1d.js';
import { Hist2D } from '../histogram/hist2d.js';
import { regularAxis } from '../histogram/regular-axis.js';
import { createRng } from '../random/rng.js';
import { normal } from '../random/normal.js';
import { chi2Survival } from '../density/gamma-incomplete.js';
import { band } from './band.js';
import { density2d } from './density-2d.js';
import { fitQuality, formatNumber } from './fit-quality.js';
import { plot, plotAxisOf, withResidualPanel, type PlotFrame } from './frame.js';
import { histogramSteps } from './histogram-steps.js';
import { line, sampleCurve } from './line.js';
import { points } from './points.js';
import { referenceLine } from './reference-line.js';
import type { PlotLayer, TopLevelSpec } from './types.js';

/** Compiles with vega-lite, collecting its warnings (none expected), and returns the Vega spec. */
function compiled(spec: TopLevelSpec): { vegaSpec: vega.Spec; warnings: string[] } {
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    error: (...m: unknown[]) => { warnings.push(`error: ${m.join(' ')}`); return logger; },
    warn: (...m: unknown[]) => { warnings.push(m.join(' ')); return logger; },
    info: () => logger,
    debug: () => logger,
  };
  return { vegaSpec: compile(spec, { logger }).spec, warnings };
}

async function svgOf(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compiled(spec).vegaSpec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** Every inline data row of a spec, by walking it. */
function inlineRows(spec: unknown): Record<string, unknown>[][] {
  const out: Record<string, unknown>[][] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      const data = o.data as { values?: Record<string, unknown>[] } | undefined;
      if (data?.values && data.values.length > 0 && Object.keys(data.values[0] as object).length > 0) out.push(data.values);
      Object.values(o).forEach(walk);
    }
  };
  walk(spec);
  return out;
}

const frame: PlotFrame = { title: 'Electron lifetime, TPC 2', subtitle: 'dQ/dx vs drift time', x: { label: 'drift time', unit: 'μs' }, y: { label: 'dQ/dx', unit: 'ADC/cm' } };
const t = Float64Array.from({ length: 10 }, (_, i) => 125 + 250 * i);
const q = Float64Array.from(t, (ti) => 1000 * Math.exp(-ti / 3000));

describe('plot kit', () => {
  const helpers: [string, PlotLayer][] = [
    ['points with x and y errors', points({ x: t, y: q, yError: t.map(() => 20), xError: t.map(() => 125), series: 'data' })],
    ['points with asymmetric errors', points({ x: t, y: q, yLow: q.map((v) => v - 10), yHigh: q.map((v) => v + 30), series: 'data' })],
    ['line', line({ ...sampleCurve((ti) => 1000 * Math.exp(-ti / 3000), 0, 2500), series: 'fit' })],
    ['dashed line', line({ x: [0, 2500], y: [1000, 400], series: 'truth', dashed: true, color: '#7f7f7f' })],
    ['band', band({ x: t, low: q.map((v) => 0.95 * v), high: q.map((v) => 1.05 * v), series: '±5%' })],
    ['histogram steps', histogramSteps({ edges: regularAxis(10, 0, 2500).edges(), values: q, errors: q.map(Math.sqrt), series: 'counts', fillOpacity: 0.2 })],
    ['reference line', referenceLine({ y: 500, series: 'reference' })],
    ['fit quality', fitQuality({ chi2: 8.2, ndof: 8 })],
    ['density 2d', density2d({ xEdges: [0, 1, 2], yEdges: [0, 10, 20, 30], values: [1, 0, 3, 4, 5, 6], title: 'entries', scale: 'log' })],
  ];
  for (const [name, layer] of helpers) {
    it(`${name}: compiles with vega-lite without warnings`, () => {
      const spec = plot(frame, [layer]);
      const { vegaSpec, warnings } = compiled(spec);
      expect(warnings).toEqual([]);
      expect(vegaSpec.marks?.length).toBeGreaterThan(0);
      // a PlotSpec holds it without a cast
      const p: PlotSpec = { name: 'x', title: frame.title, spec };
      expect(p.spec.$schema).toMatch(/vega-lite\/v6/);
    });
  }

  it('frame: title, subtitle, axis titles with units, log scale, fixed domain', () => {
    const spec = plot({ ...frame, x: { ...frame.x, domain: [0, 2500] }, y: { ...frame.y, scale: 'log' }, width: 300, height: 200 }, [points({ x: t, y: q, series: 'data' })]);
    const json = JSON.stringify(spec);
    expect(json).toContain('"title":"drift time (μs)"');
    expect(json).toContain('"title":"dQ/dx (ADC/cm)"');
    expect(json).toContain('"type":"log"');
    expect(json).toContain('"domain":[0,2500]');
    expect(spec).toMatchObject({ width: 300, height: 200, title: { text: frame.title, subtitle: ['dQ/dx vs drift time'] } });
    expect(plotAxisOf(regularAxis(5, 0, 1, { label: 'E', unit: 'MeV' }), { scale: 'log' })).toEqual({ label: 'E', unit: 'MeV', scale: 'log' });
  });

  it('data: rows with non-finite values are dropped; steps have bins + 1 points; empty 2D bins are left out', () => {
    const spec = plot(frame, [
      points({ x: [1, 2, 3], y: [1, Number.NaN, 3], yError: [0.1, 0.1, Infinity], series: 'data' }),
      histogramSteps({ edges: [0, 1, 2, 3], values: [4, 5, 6], series: 'h' }),
      density2d({ xEdges: [0, 1, 2], yEdges: [0, 1], values: [0, 7], title: 'n' }),
    ]);
    const rows = inlineRows(spec);
    expect(rows[0]).toEqual([{ x: 1, y: 1, lo: 0.9, hi: 1.1 }]);
    expect(rows[1]).toEqual([{ x: 0, y: 4 }, { x: 1, y: 5 }, { x: 2, y: 6 }, { x: 3, y: 6 }]);
    expect(rows[2]).toEqual([{ x: 1, x2: 2, y: 0, y2: 1, z: 7 }]);
    expect(() => histogramSteps({ edges: [0, 1], values: [1, 2], series: 'h' })).toThrow(/bins \+ 1 edges/);
    expect(() => points({ x: [1, 2], y: [1], series: 'd' })).toThrow(/equal lengths/);
  });

  it('legend: one entry per series with its symbol, beside the plot; the fit quality below it', () => {
    const spec = plot(frame, [points({ x: t, y: q, series: 'data' }), line({ x: t, y: q, series: 'fit' }), band({ x: t, low: q, high: q, series: 'band' }), fitQuality({ chi2: 12.34, ndof: 10, pValue: 0.26 })]);
    const json = JSON.stringify(spec);
    for (const label of ['"value":"data"', '"value":"fit"', '"value":"band"', '"value":"χ²/ndof = 12.3/10"', '"value":"p = 0.26"']) expect(json).toContain(label);
    expect(json).not.toContain('poor fit');
  });

  it('fit quality: p < 1e-3 is flagged in red with a red frame; p computed from chi2 when not given; null p said so', () => {
    const bad = fitQuality({ chi2: 60, ndof: 10 });
    expect(bad.note?.alert).toBe(true);
    // Q(5, 30) = e^-30 Σ_{k<5} 30^k/k! = 3.62e-9
    expect(formatNumber(chi2Survival(60, 10))).toBe('3.62e-9');
    expect(bad.note?.lines).toEqual(['χ²/ndof = 60/10', 'p = 3.62e-9 < 0.001: poor fit']);
    const json = JSON.stringify(plot(frame, [bad]));
    expect(json).toContain('poor fit');
    expect(json).toContain('"stroke":"#d62728"');
    expect(fitQuality({ chi2: 3, ndof: 0, pValue: null }).note?.lines[1]).toMatch(/not defined/);
    expect(fitQuality({ chi2: 3, ndof: 4 }, { label: 'lifetime' }).note?.lines[0]).toBe('lifetime: χ²/ndof = 3/4');
  });

  it('residual panel: two views sharing x, the legend and notes beside the upper one', () => {
    const pulls = q.map((_, i) => ((i % 3) - 1) * 0.8);
    const spec = withResidualPanel(frame, [points({ x: t, y: q, series: 'data' }), line({ x: t, y: q, series: 'fit' }), fitQuality({ chi2: 5, ndof: 8 })], {
      y: { label: 'pull' },
      layers: [points({ x: t, y: pulls, yError: pulls.map(() => 1), series: 'data' }), referenceLine({ y: 0 })],
    });
    expect(compiled(spec).warnings).toEqual([]);
    expect('vconcat' in spec && spec.vconcat.length).toBe(2);
    expect(spec.resolve).toEqual({ scale: { x: 'shared' } });
    // 'data' appears once in the legend although both panels draw it
    expect(JSON.stringify(spec).split('"value":"data"').length - 1).toBe(1);
  });

  it('renders to SVG with vega: a fitted histogram with pulls, and a 2D density', async () => {
    const rng = createRng('plot-kit');
    const h = new Hist1D(regularAxis(30, -3, 3, { label: 'residual', unit: 'mm' }), { storage: 'weight' });
    h.fillArray(Float64Array.from({ length: 3000 }, () => normal(rng, 0.1, 1)));
    const centres = h.axis.centers();
    const expected = centres.map((c) => 3000 * 0.2 * Math.exp(-0.5 * c * c) / Math.sqrt(2 * Math.PI));
    const err = h.variances().map(Math.sqrt);
    const pull = h.values().map((v, i) => (v - (expected[i] as number)) / Math.max(1, err[i] as number));
    const svg = await svgOf(
      withResidualPanel(
        { title: 'Residuals', x: plotAxisOf(h.axis), y: { label: 'entries per 0.2 mm' } },
        [histogramSteps({ edges: h.edges(), values: h.values(), errors: err, series: 'toy data' }), line({ ...sampleCurve((c) => (3000 * 0.2 * Math.exp(-0.5 * c * c)) / Math.sqrt(2 * Math.PI), -3, 3), series: 'N(0, 1)' }), fitQuality({ chi2: 95, ndof: 30 })],
        { y: { label: 'pull' }, layers: [points({ x: centres, y: pull, yError: pull.map(() => 1), series: 'toy data' }), referenceLine({ y: 0 })] },
      ),
    );
    expect(svg.startsWith('<svg')).toBe(true);
    for (const s of ['Residuals', 'residual (mm)', 'pull', 'toy data', 'N(0, 1)', 'χ²/ndof = 95/30', 'poor fit']) expect(svg).toContain(s);
    const h2 = new Hist2D(regularAxis(20, 0, 100, { label: 'residual range', unit: 'cm' }), regularAxis(20, 0, 10, { label: 'dE/dx', unit: 'MeV/cm' }));
    const rr = Float64Array.from({ length: 4000 }, () => 100 * rng.uniform());
    h2.fillArray(rr, rr.map((r) => 2 + 10 / (r + 2) + normal(rng, 0, 0.3)));
    const svg2 = await svgOf(plot({ title: 'dE/dx vs residual range', x: plotAxisOf(h2.xAxis), y: plotAxisOf(h2.yAxis) }, [density2d({ xEdges: h2.xAxis.edges(), yEdges: h2.yAxis.edges(), values: h2.values(), title: 'hits' })]));
    expect(svg2).toContain('dE/dx (MeV/cm)');
    expect(svg2).toContain('hits');
  });
});
