import type { PlotSpec } from '@nucal/core';
import type { LifetimeProfileFit } from './calibrate-lifetime.js';
import type { MichelSpectrum } from './calibrate-michel.js';
import type { ClassRates } from './class-rates.js';
import type { DedxComparison, DedxHitDensity } from './dedx-comparison.js';
import type { DedxProfile } from './dedx-profile.js';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';
const DATA_COLOR = 'black';
const FIT_COLOR = '#d62728';
const REFERENCE_COLOR = '#7f7f7f';

type Layer = Record<string, unknown>;

/** How a series is drawn, and so the symbol of its legend entry. */
type LegendKind = 'points' | 'line' | 'dashed';

/** Height of a facet header (panel title), px. */
const FACET_HEADER_PX = 20;

/** Height of one legend row, px. */
const LEGEND_ROW_PX = 15;

/**
 * Encoding channel that puts a layer in the legend with the symbol of its kind: points by
 * `shape`, a line by `color`, a dashed line by `strokeDash`, each a one-entry scale, so each
 * entry gets the right symbol (one shared colour legend draws every entry as a circle). The
 * entries stack above the plot, row 0 at the top of `rows` (and above a facet header of
 * `aboveHeaderPx`); the title goes above them.
 */
function legendChannel(kind: LegendKind, label: string, color: string, row: number, rows: number, aboveHeaderPx = 0): Record<string, Record<string, unknown>> {
  const legend = { title: null, orient: 'none', legendX: 0, legendY: -LEGEND_ROW_PX * (rows - row) - 6 - aboveHeaderPx, labelLimit: 0, labelFontSize: 11 };
  const entry = { datum: label, type: 'nominal' };
  if (kind === 'points') return { shape: { ...entry, scale: { domain: [label], range: ['circle'] }, legend: { ...legend, symbolFillColor: color, symbolStrokeColor: color } } };
  if (kind === 'line') return { color: { ...entry, scale: { domain: [label], range: [color] }, legend } };
  return { strokeDash: { ...entry, scale: { domain: [label], range: [[5, 3]] }, legend: { ...legend, symbolStrokeColor: color } } };
}

/** A title with subtitle lines, anchored left (the legend rows above the plot count in the bounds it is placed above). */
function plotTitle(text: string, subtitle: readonly string[]): Record<string, unknown> {
  return { text, subtitle: [...subtitle], anchor: 'start', offset: 8 };
}

/** Options of {@link lifetimePlot}: what the plotted estimator is, for the labels. */
export interface LifetimePlotOptions {
  /** Estimator per drift-time bin (default 'truncated-mean'). */
  readonly estimator?: 'truncated-mean' | 'langau-mpv';
  /** Fractions dropped at the low and high end by the truncated mean (default [0.05, 0.4]). */
  readonly truncation?: readonly [number, number];
  /** Wires per dQ/dx measurement (default 4). */
  readonly wiresPerGroup?: number;
}

/**
 * dQ/dx (the lifetime estimator per drift-time bin, as fitted: diffusion-corrected) versus
 * drift time per TPC, with statistical error bars and the fitted exponential (the curve the
 * calibration sampled); one panel per TPC with its fitted lifetime and chi2/ndof.
 *
 * @example lifetimePlot(calibration.profiles, { estimator: calibration.payload.estimator })
 */
export function lifetimePlot(profiles: readonly LifetimeProfileFit[], options: LifetimePlotOptions = {}): PlotSpec {
  const estimator = options.estimator ?? 'truncated-mean';
  const [dropLow, dropHigh] = options.truncation ?? [0.05, 0.4];
  const wires = options.wiresPerGroup ?? 4;
  const what =
    estimator === 'truncated-mean'
      ? `truncated mean of ${wires}-wire groups (lowest ${Math.round(100 * dropLow)}%, highest ${Math.round(100 * dropHigh)}% dropped)`
      : `Landau-Gaussian MPV of ${wires}-wire groups`;
  const dataLabel = `data: ${what}`;
  const fitLabel = 'fit: q0 exp(-t / tau)';
  const values: Record<string, number | string>[] = [];
  for (const { entry, profile, curve } of profiles) {
    if (entry.yMinCm !== undefined) continue;
    const fit = entry.fit;
    const panel = `TPC ${entry.tpc}`;
    values.push({ panel, series: 'result', text: `τ = ${entry.lifetimeMs.toFixed(2)} ± ${entry.errorMs.toFixed(2)} ms, χ²/ndf = ${fit.chi2.toFixed(1)}/${fit.ndof}` });
    for (let i = 0; i < profile.driftTimeUs.length; i++) {
      const y = profile.value[i]!;
      const e = profile.error[i]!;
      values.push({ panel, series: 'data', driftTimeUs: profile.driftTimeUs[i]!, dqdx: y, lo: y - e, hi: y + e });
    }
    for (let i = 0; i < curve.driftTimeUs.length; i++) values.push({ panel, series: 'fit', driftTimeUs: curve.driftTimeUs[i]!, dqdx: curve.dqdx[i]! });
  }
  const x = { field: 'driftTimeUs', type: 'quantitative', title: 'drift time t - t0 (μs)' };
  const only = (series: string): Layer[] => [{ filter: `datum.series === '${series}'` }];
  return {
    name: 'lifetime-dqdx-vs-drift-time',
    title: 'Electron lifetime: dQ/dx vs drift time per TPC with exponential fit',
    spec: {
      $schema: SCHEMA,
      title: plotTitle(
        'Electron lifetime: dQ/dx of through-going muons vs drift time, per TPC',
        [
          'Per drift-time bin; dQ/dx of each wire group scaled to the pitch of a track perpendicular',
          'to the wires; each bin divided by the expected diffusion response (charge sharing between',
          'wires). Error bars: statistical (hidden by the points where not seen).',
        ],
      ),
      data: { values },
      facet: { field: 'panel', type: 'nominal', title: null, header: { labelFontSize: 11 } },
      columns: 2,
      spec: {
        width: 320,
        height: 190,
        layer: [
          { transform: only('fit'), mark: { type: 'line', strokeWidth: 1.5 }, encoding: { x, y: { field: 'dqdx', type: 'quantitative', title: 'dQ/dx (ADC/cm)', scale: { zero: false } }, ...legendChannel('line', fitLabel, FIT_COLOR, 1, 2, FACET_HEADER_PX) } },
          { transform: only('data'), mark: { type: 'rule', color: DATA_COLOR }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
          { transform: only('data'), mark: { type: 'point', filled: true, size: 30, color: DATA_COLOR }, encoding: { x, y: { field: 'dqdx', type: 'quantitative' }, ...legendChannel('points', dataLabel, DATA_COLOR, 0, 2, FACET_HEADER_PX) } },
          // The fit result in the empty upper right corner (dQ/dx falls with drift time).
          { transform: only('result'), mark: { type: 'text', align: 'right', baseline: 'top', x: 'width', dx: -6, y: 6, fontSize: 11 }, encoding: { text: { field: 'text' } } },
        ],
      },
    },
  };
}

/** What the dE/dx plot draws: the profile, its comparison with the expectation and the hits' 2D density (all computed by the calibration). */
export interface DedxPlotInput {
  readonly profile: DedxProfile;
  readonly comparison: DedxComparison;
  readonly density: DedxHitDensity;
}

/**
 * Stopping muons: calibrated per-hit dE/dx versus residual range from the end point to 300 cm.
 * Top: the hits as a 2D density, the Landau-Gaussian MPV per residual-range bin of the data
 * (points, error bars, bin widths) and of the nominal-model toys of the same hits (the
 * expectation, same estimator; line), the Landau-Vavilov MPV at the hits' pitch as a reference,
 * and the MIP window of the energy-scale fit shaded. Bottom: both relative to the expectation,
 * with the energy-scale uncertainty as a band around 1. Draws what it is given
 * (`stoppingMuonDedxProfile`, `compareDedxProfile`, `dedxHitDensity`).
 *
 * @example dedxVsResidualRangePlot({ profile, comparison: compareDedxProfile(profile, [100, 200]), density: dedxHitDensity(profile, { rangeMaxCm: 300 }) })
 */
export function dedxVsResidualRangePlot(input: DedxPlotInput): PlotSpec {
  const { profile, comparison, density } = input;
  const window = comparison.window;
  const n = profile.nHits.length;
  const rrMax = density.residualRangeEdgesCm[density.residualRangeEdgesCm.length - 1]!;
  const dedxEdges = density.dedxEdgesMeVPerCm;
  const yMin = dedxEdges[0]!;
  const yMax = dedxEdges[dedxEdges.length - 1]!;
  const rows = Array.from({ length: n }, (_, i) => {
    const d = profile.dataMpvMeVPerCm[i]!;
    const de = profile.dataMpvErrorMeVPerCm[i]!;
    const ratio = comparison.ratio[i]!;
    const ratioErr = comparison.ratioError[i]!;
    const es = profile.energyScaleRelativeError[i]!;
    return {
      binLowCm: profile.binLowCm[i]!,
      binHighCm: profile.binHighCm[i]!,
      residualRangeCm: profile.residualRangeCm[i]!,
      nHits: profile.nHits[i]!,
      dataMpv: d,
      dataLo: d - de,
      dataHi: d + de,
      expectedMpv: profile.expectedMpvMeVPerCm[i]!,
      landauVavilovMpv: profile.landauVavilovMpvMeVPerCm[i]!,
      ratio,
      ratioLo: ratio - ratioErr,
      ratioHi: ratio + ratioErr,
      landauVavilovRatio: comparison.landauVavilovRatio[i]!,
      scaleLo: 1 - es,
      scaleHi: 1 + es,
      one: 1,
    };
  });
  const agreement = comparison.windowAgreement;
  const windowText = agreement
    ? `data / expected = ${agreement.ratio.toFixed(4)} ± ${agreement.error.toFixed(4)}, χ²/ndf = ${agreement.chi2.toFixed(1)}/${agreement.bins}`
    : 'no fitted bins';
  const lvShift = agreement ? ` (${(100 * (agreement.landauVavilovRatio - 1)).toFixed(1)}% in the window)` : '';

  const ny = dedxEdges.length - 1;
  const densityRows: { rrLo: number; rrHi: number; dedxLo: number; dedxHi: number; hits: number }[] = [];
  for (let ix = 0; ix < density.residualRangeEdgesCm.length - 1; ix++) {
    for (let iy = 0; iy < ny; iy++) {
      const c = density.hits[ix * ny + iy]!;
      if (c > 0) densityRows.push({ rrLo: density.residualRangeEdgesCm[ix]!, rrHi: density.residualRangeEdgesCm[ix + 1]!, dedxLo: dedxEdges[iy]!, dedxHi: dedxEdges[iy + 1]!, hits: c });
    }
  }

  const dataLabel = 'data: Landau-Gaussian MPV of the calibrated hit dE/dx per bin';
  const expectedLabel = 'expected: the same fit to nominal-model toys of the same hits';
  const lvLabel = `Landau-Vavilov MPV at the hits' pitch and energy, no diffusion${lvShift}`;
  const legendRows = 3;
  const dataLegend = legendChannel('points', dataLabel, DATA_COLOR, 0, legendRows);
  const expectedLegend = legendChannel('line', expectedLabel, FIT_COLOR, 1, legendRows);
  const lvLegend = legendChannel('dashed', lvLabel, REFERENCE_COLOR, 2, legendRows);
  const x = { field: 'residualRangeCm', type: 'quantitative', title: 'residual range (cm)', scale: { domain: [0, rrMax] } };
  const bins = { name: 'bins' };
  const windowLayer: Layer = {
    data: { values: [{ lo: window[0], hi: window[1] }] },
    mark: { type: 'rect', color: '#ffd54f', opacity: 0.25 },
    encoding: { x: { field: 'lo', type: 'quantitative' }, x2: { field: 'hi' } },
  };
  const top: Layer = {
    width: 640,
    height: 330,
    layer: [
      windowLayer,
      {
        data: { name: 'density' },
        mark: { type: 'rect', opacity: 0.85 },
        encoding: {
          x: { field: 'rrLo', type: 'quantitative', title: null, scale: { domain: [0, rrMax] } },
          x2: { field: 'rrHi' },
          y: { field: 'dedxLo', type: 'quantitative', title: 'dE/dx (MeV/cm)', scale: { domain: [yMin, yMax], clamp: true } },
          y2: { field: 'dedxHi' },
          fill: { field: 'hits', type: 'quantitative', scale: { scheme: 'greys', type: 'sqrt' }, legend: { title: ['hits per cell', `(${density.rrCellCm} cm x ${density.dedxCellMeVPerCm} MeV/cm)`], orient: 'right', gradientLength: 120 } },
        },
      },
      {
        data: { values: [{ mid: (window[0] + window[1]) / 2, label: `MIP window of the energy-scale fit (${window[0]}-${window[1]} cm)` }] },
        mark: { type: 'text', baseline: 'top', dy: 4, fontSize: 10, color: '#8a6d00' },
        encoding: { x: { field: 'mid', type: 'quantitative' }, y: { datum: yMax, type: 'quantitative' }, text: { field: 'label' } },
      },
      { data: bins, mark: { type: 'line', strokeWidth: 1.5, color: REFERENCE_COLOR }, encoding: { x, y: { field: 'landauVavilovMpv', type: 'quantitative' }, ...lvLegend } },
      { data: bins, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'expectedMpv', type: 'quantitative' }, ...expectedLegend } },
      { data: bins, mark: { type: 'rule', color: DATA_COLOR }, encoding: { x, y: { field: 'dataLo', type: 'quantitative' }, y2: { field: 'dataHi' } } },
      { data: bins, mark: { type: 'rule', color: DATA_COLOR }, encoding: { x: { field: 'binLowCm', type: 'quantitative' }, x2: { field: 'binHighCm' }, y: { field: 'dataMpv', type: 'quantitative' } } },
      {
        data: bins,
        mark: { type: 'point', filled: true, size: 28, color: DATA_COLOR },
        encoding: {
          x,
          y: { field: 'dataMpv', type: 'quantitative' },
          ...dataLegend,
          tooltip: [{ field: 'binLowCm' }, { field: 'binHighCm' }, { field: 'nHits' }, { field: 'dataMpv', format: '.3f' }, { field: 'expectedMpv', format: '.3f' }],
        },
      },
    ],
  };
  const ratioDomain = [0.9, 1.1];
  const yRatio = (field: string, title?: string): Record<string, unknown> => ({ field, type: 'quantitative', ...(title ? { title } : {}), scale: { domain: ratioDomain, clamp: true } });
  const bottom: Layer = {
    width: 640,
    height: 140,
    layer: [
      windowLayer,
      {
        data: bins,
        mark: { type: 'area', color: FIT_COLOR, opacity: 0.18, interpolate: 'monotone' },
        encoding: { x, y: yRatio('scaleLo', 'ratio to expected'), y2: { field: 'scaleHi' } },
      },
      { data: bins, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: yRatio('one'), ...expectedLegend } },
      { data: bins, mark: { type: 'line', strokeWidth: 1.5, color: REFERENCE_COLOR }, encoding: { x, y: yRatio('landauVavilovRatio'), ...lvLegend } },
      { data: bins, mark: { type: 'rule', color: DATA_COLOR }, encoding: { x, y: yRatio('ratioLo'), y2: { field: 'ratioHi' } } },
      { data: bins, mark: { type: 'rule', color: DATA_COLOR }, encoding: { x: { field: 'binLowCm', type: 'quantitative' }, x2: { field: 'binHighCm' }, y: yRatio('ratio') } },
      { data: bins, mark: { type: 'point', filled: true, size: 28, color: DATA_COLOR }, encoding: { x, y: yRatio('ratio'), ...dataLegend } },
    ],
  };
  return {
    name: 'stopping-muon-dedx-vs-residual-range',
    title: 'Stopping muons: calibrated dE/dx vs residual range, Landau-Gaussian MPV per bin, data vs expectation',
    spec: {
      $schema: SCHEMA,
      title: plotTitle(
        'Stopping muons: calibrated dE/dx vs residual range, data vs expectation',
        [
          'Same estimator for both. Expectation: toys of the same hits from the nominal model',
          "(Landau-Vavilov deposit at each hit's pitch and CSDA energy, recombination, diffusion,",
          'noise). Diffusion mixes each hit with its neighbours: it raises the per-hit MPV above',
          `Landau-Vavilov. ${profile.nTracks} stopping muons, ${profile.hits.residualRangeCm.length} hits. Error bars: statistical`,
          `(HESSE x ${profile.errorScale.toFixed(2)}, from the spread of the toys); band around 1: energy-scale error.`,
          `MIP window: ${windowText}.`,
        ],
      ),
      datasets: { bins: rows, density: densityRows },
      vconcat: [top, bottom],
      resolve: { scale: { x: 'shared' } },
    },
  };
}

/** Readable names of the track classes with their calibration use. */
const CLASS_LABELS: Readonly<Record<string, string>> = {
  all: 'all tracks in the active volume',
  apa: 'APA crossers (t0)',
  apaInner: 'inner-APA crossers',
  cpa: 'CPA crossers (drift velocity)',
  fullTpc: 'full-TPC crossers (vd map)',
  throughgoing: 'through-going (lifetime)',
  stopping: 'stopping (energy scale)',
  michel: 'Michel electrons (energy test)',
};

/**
 * Tracks per day per class (classes overlap: a track can belong to several), with Poisson
 * error bars, on a log scale.
 *
 * @example classRatesPlot(classRates(sample))
 */
export function classRatesPlot(rates: ClassRates): PlotSpec {
  const values = Object.entries(rates).map(([name, r]) => ({
    class: CLASS_LABELS[name] ?? name,
    perDay: r.perDay,
    lo: Math.max(r.perDay - r.errorPerDay, 0.5 * r.perDay),
    hi: r.perDay + r.errorPerDay,
    label: `${r.perDay.toFixed(r.perDay < 100 ? 1 : 0)} ± ${r.errorPerDay.toFixed(r.errorPerDay < 10 ? 1 : 0)}`,
  }));
  const positive = values.filter((v) => v.perDay > 0).map((v) => v.perDay);
  const lo = positive.length > 0 ? 10 ** Math.floor(Math.log10(Math.min(...positive) / 2)) : 1;
  const hi = positive.length > 0 ? 10 ** Math.ceil(Math.log10(Math.max(...positive) * 2)) : 10;
  const days = rates.all.perDay > 0 ? rates.all.count / rates.all.perDay : 0;
  const y = { field: 'class', type: 'nominal', sort: null, title: null, axis: { labelLimit: 260 } };
  const x = { field: 'perDay', type: 'quantitative', title: 'tracks per day', scale: { type: 'log', domain: [lo, hi] } };
  return {
    name: 'cosmic-class-rates',
    title: 'Cosmic-muon track classes per day',
    spec: {
      $schema: SCHEMA,
      title: plotTitle('Cosmic-muon track classes per day', [
        `${days.toFixed(days < 1 ? 2 : 0)} detector-day(s) at the module; classes overlap (a track can be in several);`,
        'error bars: Poisson (statistical).',
      ]),
      width: 420,
      height: 240,
      data: { values },
      layer: [
        { mark: { type: 'rule', color: DATA_COLOR }, encoding: { y, x: { ...x, field: 'lo' }, x2: { field: 'hi' } } },
        { mark: { type: 'point', filled: true, color: DATA_COLOR, size: 40 }, encoding: { y, x } },
        { mark: { type: 'text', align: 'left', dx: 8, dy: -8, fontSize: 9 }, encoding: { y, x, text: { field: 'label' } } },
      ],
    },
  };
}

/**
 * Michel electron reconstructed energies (points with Poisson error bars) with the fitted model
 * (Michel spectrum folded with the detector model, scaled by the fitted factor), as the
 * calibration histogrammed them (`michelSpectrum`).
 *
 * @example michelPlot(michelSpectrum(result), result.scale, result.scaleError)
 */
export function michelPlot(spectrum: MichelSpectrum, scale: number, scaleError: number): PlotSpec {
  const edges = spectrum.edgesMeV;
  const binMeV = edges[1]! - edges[0]!;
  const maxMeV = edges[edges.length - 1]!;
  let n = spectrum.outside;
  for (const c of spectrum.counts) n += c;
  const dataLabel = `data: ${n} Michel electrons${spectrum.outside > 0 ? ` (${spectrum.outside} outside 0-${maxMeV} MeV)` : ''}`;
  const fitLabel = `fit: Michel spectrum folded with the detector model, scale ${scale.toFixed(3)} ± ${scaleError.toFixed(3)}`;
  const hist = Array.from(spectrum.counts, (c, b) => ({ energyMeV: 0.5 * (edges[b]! + edges[b + 1]!), count: c, lo: c - spectrum.errors[b]!, hi: c + spectrum.errors[b]! }));
  const model = Array.from(spectrum.model.energyMeV, (e, i) => ({ energyMeV: e, expected: spectrum.model.expected[i]! }));
  const x = { field: 'energyMeV', type: 'quantitative', title: 'reconstructed energy (MeV)', scale: { domain: [0, maxMeV] } };
  return {
    name: 'michel-spectrum',
    title: `Michel electrons: reconstructed energy, fitted scale ${scale.toFixed(3)} +- ${scaleError.toFixed(3)}`,
    spec: {
      $schema: SCHEMA,
      title: plotTitle(
        'Michel electrons: reconstructed energy with the fitted model',
        ['Unbinned maximum-likelihood fit of E_reco = s E_vis (s = 1: charge calibration right);', `error bars: sqrt(N) per ${binMeV} MeV bin.`],
      ),
      width: 560,
      height: 260,
      layer: [
        { data: { values: model }, mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: { field: 'expected', type: 'quantitative', title: `electrons per ${binMeV} MeV` }, ...legendChannel('line', fitLabel, FIT_COLOR, 1, 2) } },
        { data: { values: hist }, mark: { type: 'rule', color: DATA_COLOR }, encoding: { x, y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
        { data: { values: hist }, mark: { type: 'point', filled: true, size: 30, color: DATA_COLOR }, encoding: { x, y: { field: 'count', type: 'quantitative' }, ...legendChannel('points', dataLabel, DATA_COLOR, 0, 2) } },
      ],
    },
  };
}
