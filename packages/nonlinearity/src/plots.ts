import type { PlotSpec } from '@nucal/core';

type Encoding = Record<string, unknown>;
type Layer = Record<string, unknown>;
type Panel = Record<string, unknown>;

const WIDTH = 560;
const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** Colours shared by the plots: data black, fit red, truth green, band blue. */
const COLOR = { data: '#222222', fit: '#d62728', truth: '#2ca02c', band: '#1f77b4', target: '#7f7f7f', outside: '#bbbbbb' } as const;

/**
 * A legend entry for a layer: colour by a constant (`datum`), with the plot's whole legend
 * (labels and colours) repeated in every layer so Vega-Lite merges them into one legend.
 */
function legend(label: string, entries: readonly (readonly [string, string])[]): Encoding {
  return {
    color: {
      datum: label,
      type: 'nominal',
      scale: { domain: entries.map((e) => e[0]), range: entries.map((e) => e[1]) },
      legend: { title: null, orient: 'top', direction: 'horizontal', labelLimit: 360, symbolOpacity: 1 },
    },
  };
}

/** A quantitative axis channel on `field`. */
function q(field: string, title?: string, scale?: Record<string, unknown>): Encoding {
  return { field, type: 'quantitative', ...(title !== undefined ? { title } : {}), ...(scale ? { scale } : {}) };
}

/** A top-level Vega-Lite spec: one panel, or panels stacked with a shared x axis. */
function plot(name: string, title: string, heading: { text: string; subtitle?: string | string[] }, panels: readonly Panel[]): PlotSpec {
  const top = { $schema: SCHEMA, title: { anchor: 'start', ...heading } };
  const spec =
    panels.length === 1
      ? { ...top, width: WIDTH, ...panels[0] }
      : { ...top, vconcat: panels.map((p) => ({ width: WIDTH, ...p })), resolve: { scale: { x: 'shared', color: 'independent', shape: 'independent' } }, spacing: 8 };
  return { name, title, spec };
}

/** A horizontal reference line at y = `value` (in the panel's units). */
function hline(value: number, extra: Layer = {}): Layer {
  return { mark: { type: 'rule', strokeDash: [3, 3], color: COLOR.target, ...extra }, encoding: { y: { datum: value } } };
}

/** One gamma source point of the gamma non-linearity plot. */
export interface GammaPlotPoint {
  readonly source: string;
  readonly gammaMeV: number;
  readonly measuredMeV: number;
  /** sigma_i of the fit (statistical and uncorrelated systematics in quadrature), MeV. */
  readonly errorMeV: number;
  /** The statistical part of `errorMeV`, MeV (named in the subtitle when given). */
  readonly statErrorMeV?: number;
  readonly fittedMeV: number;
  readonly truthMeV?: number;
}

/**
 * Gamma non-linearity E_vis/E_gamma per source: measured peaks with sigma_i error bars and
 * the fitted prediction (and the truth of a simulation when known) on top, and below the
 * residual (data - fit)/fit in percent with sigma_i/fit bars, where the sub-per-mille
 * differences are visible.
 *
 * @example
 * const plot = gammaNonlinearityPlot([{ source: 'nH', gammaMeV: 2.223, measuredMeV: 2.223, errorMeV: 1e-4, fittedMeV: 2.2231 }]);
 */
export function gammaNonlinearityPlot(points: readonly GammaPlotPoint[]): PlotSpec {
  const ratios = points.map((p) => p.measuredMeV / p.gammaMeV);
  const span = Math.max(...ratios) - Math.min(...ratios) || 0.01;
  const order = points.map((p, i) => ({ e: p.gammaMeV, i })).sort((a, b) => a.e - b.e);
  const rank = new Map(order.map((o, k) => [o.i, k]));
  const values = points.map((p, i) => ({
    source: p.source,
    gammaMeV: p.gammaMeV,
    measured: p.measuredMeV / p.gammaMeV,
    low: (p.measuredMeV - p.errorMeV) / p.gammaMeV,
    high: (p.measuredMeV + p.errorMeV) / p.gammaMeV,
    fitted: p.fittedMeV / p.gammaMeV,
    // labels alternate above and below in energy order, so close sources (AmBe, nC12) do not overlap
    labelY: p.measuredMeV / p.gammaMeV + ((rank.get(i)! % 2 === 0 ? 1 : -1) * 0.06 * span),
    residualPercent: (100 * (p.measuredMeV - p.fittedMeV)) / p.fittedMeV,
    residualLowPercent: (100 * (p.measuredMeV - p.errorMeV - p.fittedMeV)) / p.fittedMeV,
    residualHighPercent: (100 * (p.measuredMeV + p.errorMeV - p.fittedMeV)) / p.fittedMeV,
    sigmaPercent: (100 * p.errorMeV) / p.measuredMeV,
    ...(p.statErrorMeV !== undefined ? { statPercent: (100 * p.statErrorMeV) / p.measuredMeV } : {}),
    ...(p.truthMeV !== undefined ? { truth: p.truthMeV / p.gammaMeV } : {}),
  }));
  const hasTruth = points.some((p) => p.truthMeV !== undefined);
  const DATA = 'measured peak, ±σ_i';
  const FIT = 'fit prediction';
  const TRUTH = 'truth (simulation)';
  const entries: [string, string][] = [[DATA, COLOR.data], [FIT, COLOR.fit], ...(hasTruth ? [[TRUTH, COLOR.truth] as [string, string]] : [])];
  const shapes = ['circle', 'diamond', 'cross'].slice(0, entries.length);
  const x = q('gammaMeV', 'gamma energy E_γ (MeV)', { type: 'log', domain: [0.5, 8], nice: false });
  const tooltip = [
    { field: 'source' },
    { field: 'measured', format: '.5f', title: 'E_vis/E_γ' },
    { field: 'fitted', format: '.5f', title: 'fit' },
    { field: 'sigmaPercent', format: '.4f', title: 'σ_i (%)' },
    ...(values.some((v) => 'statPercent' in v) ? [{ field: 'statPercent', format: '.4f', title: 'stat (%)' }] : []),
  ];
  const stat = points.filter((p) => p.statErrorMeV !== undefined).map((p) => (100 * p.statErrorMeV!) / p.measuredMeV);
  const inflated = points.filter((p) => p.statErrorMeV !== undefined && p.errorMeV > 1.01 * p.statErrorMeV).map((p) => `${p.source} ${((100 * p.errorMeV) / p.measuredMeV).toFixed(2)}%`);
  const subtitle = [
    'σ_i = statistical ⊕ uncorrelated systematics, the errors of the χ² fit' + (inflated.length > 0 ? ` (${inflated.join(', ')})` : ''),
    ...(stat.length > 0 ? [`statistical errors ${Math.min(...stat).toFixed(3)}–${Math.max(...stat).toFixed(3)}%: hidden by the markers above, visible in the residuals`] : []),
  ];
  // one row per marker with its series, so colour and shape share one legend; the fit
  // diamonds come first and are drawn under the measured points
  const markers = [FIT, DATA, ...(hasTruth ? [TRUTH] : [])].flatMap((series) =>
    values.flatMap((v) => {
      const y = series === FIT ? v.fitted : series === DATA ? v.measured : v.truth;
      return y === undefined ? [] : [{ series, source: v.source, gammaMeV: v.gammaMeV, y, measured: v.measured, fitted: v.fitted, sigmaPercent: v.sigmaPercent, ...('statPercent' in v ? { statPercent: v.statPercent } : {}) }];
    }),
  );
  const series = {
    field: 'series',
    type: 'nominal',
    sort: null,
    title: null,
    legend: { orient: 'top', direction: 'horizontal', labelLimit: 360, symbolOpacity: 1 },
  };
  const main: Panel = {
    height: 280,
    layer: [
      { data: { values }, mark: { type: 'rule', color: COLOR.data }, encoding: { x, y: q('low', 'E_vis / E_γ', { zero: false }), y2: { field: 'high' } } },
      {
        data: { values: markers },
        mark: { type: 'point', filled: true, opacity: 1 },
        encoding: {
          x,
          y: q('y'),
          color: { ...series, scale: { domain: entries.map((e) => e[0]), range: entries.map((e) => e[1]) } },
          shape: { ...series, scale: { domain: entries.map((e) => e[0]), range: shapes } },
          size: { condition: { test: `datum.series === '${FIT}'`, value: 150 }, value: 40 },
          fillOpacity: { condition: { test: `datum.series === '${FIT}'`, value: 0.45 }, value: 1 },
          tooltip,
        },
      },
      { data: { values }, mark: { type: 'text', fontSize: 10, align: 'center' }, encoding: { x, y: q('labelY'), text: { field: 'source' } } },
    ],
  };
  const residuals: Panel = {
    height: 150,
    data: { values },
    layer: [
      hline(0),
      { mark: { type: 'rule', color: COLOR.data }, encoding: { x, y: q('residualLowPercent', '(data − fit) / fit (%)'), y2: { field: 'residualHighPercent' } } },
      { mark: { type: 'point', filled: true, size: 40, color: COLOR.data }, encoding: { x, y: q('residualPercent'), tooltip } },
    ],
  };
  return plot('gamma-nonlinearity', 'Gamma non-linearity: measured peaks and fit', { text: 'Gamma non-linearity E_vis / E_γ (sources at the centre)', subtitle }, [main, residuals]);
}

/** Input of {@link b12SpectrumPlot}: the measured and predicted spectrum with its pulls, as computed by the calibration. */
export interface B12PlotInput {
  /** The bins + 1 edges, MeV (uniform bins). */
  readonly edgesMeV: readonly number[];
  readonly counts: readonly number[];
  /** Fitted prediction per bin. */
  readonly predicted: readonly number[];
  /** (N - P) / sqrt(N) per bin (N = 1 for empty bins). */
  readonly pulls: readonly number[];
  /** Sum of the squared pulls. */
  readonly sumPull2: number;
  /** Events in the window. */
  readonly events: number;
}

/**
 * B-12 visible-energy spectrum: data with Poisson (sqrt N) error bars and the fitted folded
 * prediction on top, the pulls (N - P)/sqrt(N) below (the Neyman chi2 terms).
 *
 * @example
 * const plot = b12SpectrumPlot(b12Curve(b12, predicted));
 */
export function b12SpectrumPlot(input: B12PlotInput): PlotSpec {
  const { edgesMeV, counts, predicted, pulls } = input;
  const nb = counts.length;
  const values = counts.map((n, j) => ({
    energyMeV: 0.5 * (edgesMeV[j]! + edgesMeV[j + 1]!),
    lo: edgesMeV[j]!,
    hi: edgesMeV[j + 1]!,
    counts: n,
    low: n - Math.sqrt(n),
    high: n + Math.sqrt(n),
    predicted: predicted[j]!,
    pull: pulls[j]!,
  }));
  const widthMeV = (edgesMeV[nb]! - edgesMeV[0]!) / nb;
  const DATA = 'data, ±√N';
  const FIT = 'fit (β spectrum ⊗ f ⊗ resolution)';
  const entries: [string, string][] = [[DATA, COLOR.data], [FIT, COLOR.fit]];
  const x = q('energyMeV', 'visible energy E_vis (MeV)', { domain: [edgesMeV[0]!, edgesMeV[nb]!], nice: false });
  const main: Panel = {
    height: 260,
    data: { values },
    layer: [
      { mark: { type: 'rule' }, encoding: { x, y: q('low', `events / ${+widthMeV.toPrecision(3)} MeV`), y2: { field: 'high' }, ...legend(DATA, entries) } },
      { mark: { type: 'point', filled: true, size: 12 }, encoding: { x, y: q('counts'), ...legend(DATA, entries) } },
      // the prediction per bin as a histogram outline: one horizontal segment per bin
      { mark: { type: 'rule', strokeWidth: 2 }, encoding: { x: q('lo'), x2: { field: 'hi' }, y: q('predicted'), ...legend(FIT, entries) } },
    ],
  };
  const pullPanel: Panel = {
    height: 120,
    data: { values },
    layer: [
      hline(0),
      { mark: { type: 'point', filled: true, size: 12, color: COLOR.data }, encoding: { x, y: q('pull', '(N − P) / √N') } },
    ],
  };
  return plot('b12-spectrum', 'B-12 spectrum with the fitted prediction', {
    text: 'Cosmogenic B-12 (+N-12) spectrum',
    subtitle: `${Math.round(input.events)} events in ${edgesMeV[0]}–${edgesMeV[nb]} MeV, ${nb} bins; Σ pull² = ${input.sumPull2.toFixed(1)}`,
  }, [main, pullPanel]);
}

/** Input of {@link electronNonlinearityPlot}: f on an energy grid with its band and breakdown. */
export interface ElectronPlotInput {
  /** Electron kinetic energies, MeV. */
  readonly energyMeV: readonly number[];
  /** Fitted f at each energy. */
  readonly fitted: readonly number[];
  /** Total band edges relative to f (e.g. -0.004). */
  readonly lowRel: readonly number[];
  readonly highRel: readonly number[];
  /** True f of a simulation at each energy. */
  readonly truth?: readonly number[];
  /** The band of each effect, all correlated effects and the fit covariance (relative edges). */
  readonly effects?: readonly { name: string; lowRel: readonly number[]; highRel: readonly number[] }[];
  /** Calibrated range of the curve, MeV (shaded outside). */
  readonly validityMinMeV?: number;
  readonly validityMaxMeV?: number;
}

/**
 * Electron non-linearity: f(E) with its total 1-sigma band (and the truth of a simulation),
 * the band and the truth relative to the fit in percent, and the 1-sigma half-width of each
 * systematic effect; the energies outside the validity range are greyed.
 *
 * @example
 * const plot = electronNonlinearityPlot({ energyMeV, fitted, lowRel: band.lowRel, highRel: band.highRel, effects: band.effects });
 */
export function electronNonlinearityPlot(input: ElectronPlotInput): PlotSpec {
  const { energyMeV, fitted, lowRel, highRel, truth } = input;
  const values = energyMeV.map((e, i) => ({
    energyMeV: e,
    fitted: fitted[i]!,
    low: fitted[i]! * (1 + lowRel[i]!),
    high: fitted[i]! * (1 + highRel[i]!),
    lowPercent: 100 * lowRel[i]!,
    highPercent: 100 * highRel[i]!,
    ...(truth ? { truth: truth[i]!, truthPercent: 100 * (truth[i]! / fitted[i]! - 1) } : {}),
  }));
  const eMin = Math.min(...energyMeV);
  const eMax = Math.max(...energyMeV);
  const x = q('energyMeV', 'electron kinetic energy E_e (MeV)', { domain: [0, Math.ceil(eMax)], nice: false });
  const vMin = input.validityMinMeV;
  const vMax = input.validityMaxMeV;
  const outside = [
    ...(vMin !== undefined && vMin > 0 ? [{ from: 0, to: vMin }] : []),
    ...(vMax !== undefined && vMax < eMax ? [{ from: vMax, to: Math.ceil(eMax) }] : []),
  ];
  const OUT = `outside the validity range${vMin !== undefined && vMax !== undefined ? ` (${vMin}–${vMax} MeV)` : ''}`;
  const BAND = 'total 1σ band';
  const FIT = 'fit';
  const TRUTH = 'truth (simulation)';
  const entries: [string, string][] = [[FIT, COLOR.fit], [BAND, COLOR.band], ...(truth ? [[TRUTH, COLOR.truth] as [string, string]] : []), ...(outside.length > 0 ? [[OUT, COLOR.outside] as [string, string]] : [])];
  // the first panel's shading carries the legend entry; the others are plain grey
  const shade = (withLegend: boolean): Layer[] =>
    outside.length > 0
      ? [{ data: { values: outside }, mark: { type: 'rect', opacity: 0.35, ...(withLegend ? {} : { color: COLOR.outside }) }, encoding: { x: q('from'), x2: { field: 'to' }, ...(withLegend ? legend(OUT, entries) : {}) } }]
      : [];
  const curve: Panel = {
    height: 240,
    data: { values },
    layer: [
      ...shade(true),
      { mark: { type: 'area', opacity: 0.3 }, encoding: { x, y: q('low', 'f = E_vis / E_e', { zero: false }), y2: { field: 'high' }, ...legend(BAND, entries) } },
      { mark: { type: 'line', strokeWidth: 2 }, encoding: { x, y: q('fitted'), ...legend(FIT, entries) } },
      ...(truth ? [{ mark: { type: 'line', strokeDash: [5, 3], strokeWidth: 2 }, encoding: { x, y: q('truth'), ...legend(TRUTH, entries) } }] : []),
    ],
  };
  const relative: Panel = {
    height: 150,
    data: { values },
    layer: [
      ...shade(false),
      { mark: { type: 'area', opacity: 0.3, color: COLOR.band }, encoding: { x, y: q('lowPercent', 'relative to the fit (%)'), y2: { field: 'highPercent' } } },
      hline(0, { strokeDash: [], color: COLOR.fit }),
      ...(truth ? [{ mark: { type: 'line', strokeDash: [5, 3], strokeWidth: 2, color: COLOR.truth }, encoding: { x, y: q('truthPercent') } }] : []),
    ],
  };
  const panels: Panel[] = [curve, relative];
  // each effect alone and the total; 'all-correlated' is left out (it is the total less the
  // fit covariance, indistinguishable from the total at this scale)
  const shown = (input.effects ?? []).filter((e) => e.name !== 'all-correlated');
  if (shown.length > 0) {
    const rows = shown.flatMap((eff) => energyMeV.map((e, i) => ({ energyMeV: e, effect: eff.name, halfPercent: 50 * (eff.highRel[i]! - eff.lowRel[i]!) })));
    rows.push(...energyMeV.map((e, i) => ({ energyMeV: e, effect: 'total', halfPercent: 50 * (highRel[i]! - lowRel[i]!) })));
    const names = [...shown.map((e) => e.name), 'total'];
    const palette = ['#1f77b4', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf', '#bcbd22', '#2ca02c'];
    panels.push({
      height: 150,
      data: { values: rows },
      layer: [
        ...shade(false),
        {
          mark: { type: 'line' },
          encoding: {
            x,
            y: q('halfPercent', '1σ half-width (%)'),
            color: {
              field: 'effect',
              type: 'nominal',
              title: 'per effect',
              scale: { domain: names, range: names.map((n, i) => (n === 'total' ? COLOR.data : palette[i % palette.length]!)) },
              legend: { orient: 'right', labelLimit: 220, symbolType: 'stroke', symbolStrokeWidth: 2 },
            },
            strokeWidth: { condition: { test: "datum.effect === 'total'", value: 3 }, value: 1.5 },
          },
        },
      ],
    });
  }
  return plot('electron-nonlinearity', 'Electron non-linearity with its band', {
    text: 'Electron non-linearity f = E_vis / E_e',
    subtitle: `band: correlated effects from mock refits ⊕ fit covariance (statistical and uncorrelated), ${eMin.toFixed(2)}–${eMax.toFixed(0)} MeV`,
  }, panels);
}

/** Input of {@link positronBiasPlot}, as computed by the calibration. */
export interface PositronPlotInput {
  /** Positron kinetic energies, MeV. */
  readonly kineticMeV: readonly number[];
  /** E_rec / E_true - 1 in percent against the truth of a simulation (absent for data). */
  readonly biasPercent?: readonly number[];
  /** The non-linearity band propagated to E_rec, percent. */
  readonly bandLowPercent: readonly number[];
  readonly bandHighPercent: readonly number[];
}

/**
 * Positron reconstruction: relative bias (E_rec / E_true - 1, percent) of mono-energetic
 * positrons of a simulation, with the non-linearity band propagated, and the +-0.3% target.
 *
 * @example
 * const plot = positronBiasPlot({ kineticMeV, biasPercent, bandLowPercent, bandHighPercent });
 */
export function positronBiasPlot(input: PositronPlotInput): PlotSpec {
  const { kineticMeV, biasPercent, bandLowPercent, bandHighPercent } = input;
  const values = kineticMeV.map((e, i) => ({
    kineticMeV: e,
    low: bandLowPercent[i]!,
    high: bandHighPercent[i]!,
    ...(biasPercent ? { bias: biasPercent[i]! } : {}),
  }));
  const BIAS = 'E_rec / E_true − 1 against the simulation truth';
  const BAND = 'non-linearity band propagated (1σ)';
  const TARGET = '±0.3% target';
  const entries: [string, string][] = [...(biasPercent ? [[BIAS, COLOR.data] as [string, string]] : []), [BAND, COLOR.band], [TARGET, COLOR.target]];
  const x = q('kineticMeV', 'positron kinetic energy (MeV)', { zero: false });
  const target = (percent: number): Layer => ({ mark: { type: 'rule', strokeDash: [3, 3] }, encoding: { y: { datum: percent }, ...legend(TARGET, entries) } });
  return plot('positron-bias', 'Positron energy reconstruction bias', {
    text: 'Positron kinetic energy: E_rec / E_true − 1 (%)',
    subtitle: 'E_rec solves E_vis,prompt = E_vis,anni (Ge-68) + E f(E) with the fitted f',
  }, [
    {
      height: 300,
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.3 }, encoding: { x, y: q('low', 'E_rec / E_true − 1 (%)'), y2: { field: 'high' }, ...legend(BAND, entries) } },
        target(0.3),
        target(-0.3),
        ...(biasPercent ? [{ mark: { type: 'line', point: true }, encoding: { x, y: q('bias'), ...legend(BIAS, entries) } }] : []),
      ],
    },
  ]);
}
