import type { PlotSpec } from '@nucal/core';
import type { LifetimeEntry, LifetimeProfile } from '@nucal/tpc-drift';
import type { ClassRates } from './class-rates.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/**
 * dQ/dx (the lifetime estimator per drift-time bin) versus drift time per TPC with the fitted exponential, one facet per TPC.
 *
 * @example lifetimePlot(calibration.profiles)
 */
export function lifetimePlot(profiles: readonly { entry: LifetimeEntry; profile: LifetimeProfile }[]): PlotSpec {
  const points: Record<string, number | string>[] = [];
  const curves: Record<string, number | string>[] = [];
  for (const { entry, profile } of profiles) {
    if (entry.yMinCm !== undefined) continue;
    const tpc = `TPC ${entry.tpc}`;
    for (let i = 0; i < profile.driftTimeUs.length; i++) {
      const y = profile.value[i]!;
      const e = profile.error[i]!;
      points.push({ tpc, driftTimeUs: profile.driftTimeUs[i]!, dqdx: y, lo: y - e, hi: y + e });
    }
    const q0 = entry.fit.values.q0 ?? 0;
    const inv = entry.fit.values.inverseLifetimePerMs ?? 0;
    const tMax = profile.driftTimeUs[profile.driftTimeUs.length - 1] ?? 0;
    for (let i = 0; i <= 40; i++) {
      const t = (tMax * 1.05 * i) / 40;
      curves.push({ tpc, driftTimeUs: t, fit: q0 * Math.exp((-t * inv) / 1000), label: `tau = ${entry.lifetimeMs.toFixed(2)} +- ${entry.errorMs.toFixed(2)} ms` });
    }
  }
  return {
    name: 'lifetime-dqdx-vs-drift-time',
    title: 'dQ/dx (robust estimator of wire groups) vs drift time with exponential fit, per TPC',
    spec: {
      $schema: SCHEMA,
      facet: { field: 'tpc', type: 'nominal', title: null },
      columns: 2,
      data: { values: [...points, ...curves] },
      spec: {
        width: 260,
        height: 180,
        layer: [
          { mark: 'line', encoding: { x: { field: 'driftTimeUs', type: 'quantitative', title: 'drift time (us)' }, y: { field: 'fit', type: 'quantitative', title: 'dQ/dx (ADC/cm)', scale: { zero: false } }, color: { value: '#d62728' } } },
          { mark: 'rule', encoding: { x: { field: 'driftTimeUs', type: 'quantitative' }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { mark: { type: 'point', filled: true }, encoding: { x: { field: 'driftTimeUs', type: 'quantitative' }, y: { field: 'dqdx', type: 'quantitative' } } },
        ],
      },
    },
  };
}

/**
 * Calibrated dE/dx of stopping-muon hits versus residual range (binned medians) with the
 * Landau-Vavilov MPV expectation.
 *
 * @example dedxVsResidualRangePlot(rr, dedx, expected)
 */
export function dedxVsResidualRangePlot(
  residualRangeCm: Float64Array,
  dedxMeVPerCm: Float64Array,
  expected: { residualRangeCm: number; mpvMeVPerCm: number }[],
  window: readonly [number, number],
): PlotSpec {
  const binCm = 10;
  const groups = new Map<number, number[]>();
  for (let i = 0; i < residualRangeCm.length; i++) {
    const d = dedxMeVPerCm[i]!;
    if (!Number.isFinite(d)) continue;
    const b = Math.floor(residualRangeCm[i]! / binCm);
    const list = groups.get(b);
    if (list) list.push(d);
    else groups.set(b, [d]);
  }
  const medians = [...groups.entries()]
    .filter(([, v]) => v.length >= 5)
    .map(([b, v]) => {
      v.sort((x, y) => x - y);
      return { residualRangeCm: (b + 0.5) * binCm, medianDedx: v[Math.floor(v.length / 2)]!, n: v.length };
    });
  return {
    name: 'stopping-muon-dedx-vs-residual-range',
    title: `Stopping muons: calibrated dE/dx vs residual range (fit window ${window[0]}-${window[1]} cm)`,
    spec: {
      $schema: SCHEMA,
      width: 480,
      height: 280,
      layer: [
        { data: { values: medians }, mark: { type: 'point', filled: true }, encoding: { x: { field: 'residualRangeCm', type: 'quantitative', title: 'residual range (cm)' }, y: { field: 'medianDedx', type: 'quantitative', title: 'dE/dx (MeV/cm), median per 10 cm', scale: { zero: false } } } },
        { data: { values: expected }, mark: { type: 'line', color: '#d62728' }, encoding: { x: { field: 'residualRangeCm', type: 'quantitative' }, y: { field: 'mpvMeVPerCm', type: 'quantitative' } } },
        { data: { values: [{ lo: window[0], hi: window[1] }] }, mark: { type: 'rect', opacity: 0.1 }, encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } } },
      ],
    },
  };
}

/**
 * Tracks per day per class, with Poisson errors.
 *
 * @example classRatesPlot(classRates(sample))
 */
export function classRatesPlot(rates: ClassRates): PlotSpec {
  const values = Object.entries(rates).map(([name, r]) => ({ class: name, perDay: r.perDay, lo: r.perDay - r.errorPerDay, hi: r.perDay + r.errorPerDay }));
  return {
    name: 'cosmic-class-rates',
    title: 'Cosmic-muon track classes per day',
    spec: {
      $schema: SCHEMA,
      width: 420,
      height: 240,
      data: { values },
      layer: [
        { mark: 'bar', encoding: { x: { field: 'class', type: 'nominal', sort: null, title: 'class' }, y: { field: 'perDay', type: 'quantitative', title: 'tracks per day', scale: { type: 'log' } } } },
        { mark: 'rule', encoding: { x: { field: 'class', type: 'nominal', sort: null }, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      ],
    },
  };
}

/**
 * Michel electron reconstructed energies (histogram) with the fitted model.
 *
 * @example michelPlot(result.energyMeV, result.template, result.scale)
 */
export function michelPlot(energyMeV: Float64Array, template: { energyMeV: Float64Array; density: Float64Array }, scale: number, scaleError: number): PlotSpec {
  const binMeV = 5;
  const counts = new Map<number, number>();
  for (const e of energyMeV) {
    const b = Math.floor(e / binMeV);
    counts.set(b, (counts.get(b) ?? 0) + 1);
  }
  const hist = [...counts.entries()].map(([b, c]) => ({ energyMeV: (b + 0.5) * binMeV, count: c }));
  const n = energyMeV.length;
  const model: { energyMeV: number; expected: number }[] = [];
  for (let i = 0; i < template.energyMeV.length; i += 5) model.push({ energyMeV: template.energyMeV[i]!, expected: template.density[i]! * n * binMeV });
  return {
    name: 'michel-spectrum',
    title: `Michel electrons: reconstructed energy, fitted scale ${scale.toFixed(3)} +- ${scaleError.toFixed(3)}`,
    spec: {
      $schema: SCHEMA,
      width: 420,
      height: 240,
      layer: [
        { data: { values: hist }, mark: 'bar', encoding: { x: { field: 'energyMeV', type: 'quantitative', bin: { binned: true, step: binMeV }, title: 'energy (MeV)' }, y: { field: 'count', type: 'quantitative', title: `electrons per ${binMeV} MeV` } } },
        { data: { values: model }, mark: { type: 'line', color: '#d62728' }, encoding: { x: { field: 'energyMeV', type: 'quantitative' }, y: { field: 'expected', type: 'quantitative' } } },
      ],
    },
  };
}
