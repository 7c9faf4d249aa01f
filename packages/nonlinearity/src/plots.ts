import type { PlotSpec } from '@nucal/core';
import {
  PLOT_COLORS, band, fitQuality, histogramSteps, line, plot, points, referenceLine, withResidualPanel, xOf, yOf,
  type PlotAxis, type PlotContext, type PlotLayer,
} from '@nucal/numeric';

/**
 * The four plots of the calibration (and the band breakdown), built with `@nucal/numeric`'s plot
 * kit. They draw the numbers they are given: every curve, ratio, residual, pull and error comes
 * from the calibration steps (`steps/curves.ts`); a builder only arranges, labels and formats.
 */

/** Width of the data area, px. */
const WIDTH = 520;
/** Colours beyond the kit's data / fit / band / reference. */
const COLOR = { truth: '#2ca02c', outside: '#bbbbbb' } as const;

/** The quality of the non-linearity fit (gamma peaks and B-12 together), as the fit plots show it. */
export interface FitQualityInput {
  readonly chi2: number;
  readonly ndof: number;
  /** `null` when not defined (ndof <= 0). */
  readonly pValue: number | null;
}

/** The label of the fit-quality note: one fit of the gamma peaks and the B-12 spectrum. */
const FIT_LABEL = 'γ + B-12 fit';

/** Input of {@link gammaNonlinearityPlot}: one entry per source, in the sample's order. */
export interface GammaPlotInput {
  readonly source: readonly string[];
  readonly gammaMeV: readonly number[];
  /** Measured E_vis / E_γ. */
  readonly measuredRatio: readonly number[];
  /** sigma_i / E_γ (statistical and uncorrelated systematics in quadrature). */
  readonly sigmaRatio: readonly number[];
  /** The fitted prediction / E_γ. */
  readonly fittedRatio: readonly number[];
  /** The truth of a simulation / E_γ, when known. */
  readonly truthRatio?: readonly number[];
  /** (data - fit) / fit, percent, and sigma_i / fit, percent. */
  readonly residualPercent: readonly number[];
  readonly residualSigmaPercent: readonly number[];
  /** sigma_i / data and the statistical error / data, percent (named in the subtitle). */
  readonly sigmaPercent: readonly number[];
  readonly statPercent: readonly number[];
  readonly fit: FitQualityInput;
}

/**
 * Gamma non-linearity E_vis/E_γ per source: measured peaks with sigma_i error bars, the fitted
 * prediction (and the truth of a simulation) and the fit quality (flagged when p < 1e-3); below,
 * (data - fit)/fit in percent with sigma_i/fit bars, where the sub-per-mille differences show.
 *
 * @example
 * const plot = gammaNonlinearityPlot(details.curves.gamma);
 */
export function gammaNonlinearityPlot(input: GammaPlotInput): PlotSpec {
  const { gammaMeV, measuredRatio } = input;
  const DATA = 'measured peak, ±σ_i';
  const FIT = 'fit prediction';
  // labels alternate above and below in energy order, so close sources (AmBe, nC12) do not overlap
  const span = Math.max(...measuredRatio) - Math.min(...measuredRatio) || 0.01;
  const rank = new Map(gammaMeV.map((e, i) => ({ e, i })).sort((a, b) => a.e - b.e).map((o, k) => [o.i, k]));
  const labelY = measuredRatio.map((r, i) => r + (rank.get(i)! % 2 === 0 ? 1 : -1) * 0.06 * span);
  const inflated = input.source.flatMap((s, i) => (input.sigmaPercent[i]! > 1.01 * input.statPercent[i]! ? [`${s} ${input.sigmaPercent[i]!.toFixed(2)}%`] : []));
  const subtitle = [
    'σ_i = statistical ⊕ uncorrelated systematics, the errors of the χ² fit' + (inflated.length > 0 ? ` (${inflated.join(', ')})` : ''),
    `statistical errors ${Math.min(...input.statPercent).toFixed(3)}–${Math.max(...input.statPercent).toFixed(3)}%: hidden by the markers above, visible in the residuals`,
  ];
  const x: PlotAxis = { label: 'gamma energy E_γ', unit: 'MeV', scale: 'log', domain: [0.5, 8] };
  const spec = withResidualPanel(
    { title: 'Gamma non-linearity E_vis / E_γ (sources at the centre)', subtitle, x, y: { label: 'E_vis / E_γ' }, width: WIDTH, height: 280 },
    [
      // the fit under the data, as large red discs
      points({ x: gammaMeV, y: input.fittedRatio, series: FIT, color: PLOT_COLORS.fit, size: 120 }),
      points({ x: gammaMeV, y: measuredRatio, yError: input.sigmaRatio, series: DATA }),
      ...(input.truthRatio ? [points({ x: gammaMeV, y: input.truthRatio, series: 'truth (simulation)', color: COLOR.truth })] : []),
      textLabels(gammaMeV, labelY, input.source),
      fitQuality(input.fit, { label: FIT_LABEL }),
    ],
    {
      y: { label: '(data − fit) / fit', unit: '%' },
      height: 150,
      layers: [referenceLine({ y: 0 }), points({ x: gammaMeV, y: input.residualPercent, yError: input.residualSigmaPercent, series: DATA })],
    },
  );
  return { name: 'gamma-nonlinearity', title: 'Gamma non-linearity: measured peaks and fit', spec };
}

/** Input of {@link b12SpectrumPlot}: the measured and predicted spectrum with its pulls. */
export interface B12PlotInput {
  /** The bins + 1 edges and the bin centres, MeV (uniform bins). */
  readonly edgesMeV: readonly number[];
  readonly centresMeV: readonly number[];
  readonly counts: readonly number[];
  /** sqrt N per bin. */
  readonly countErrors: readonly number[];
  /** Fitted prediction per bin. */
  readonly predicted: readonly number[];
  /** (N - P) / sqrt(N) per bin (N = 1 for empty bins), and their sum of squares. */
  readonly pulls: readonly number[];
  readonly sumPull2: number;
  /** Events in the window. */
  readonly events: number;
  readonly fit: FitQualityInput;
}

/**
 * B-12 visible-energy spectrum: data with sqrt N error bars, the fitted folded prediction as a
 * histogram and the fit quality; below, the pulls (N - P)/sqrt N (the Neyman chi2 terms).
 *
 * @example
 * const plot = b12SpectrumPlot(details.curves.b12!);
 */
export function b12SpectrumPlot(input: B12PlotInput): PlotSpec {
  const { edgesMeV, centresMeV } = input;
  const nb = input.counts.length;
  const lo = edgesMeV[0]!;
  const hi = edgesMeV[nb]!;
  const DATA = 'data, ±√N';
  const spec = withResidualPanel(
    {
      title: 'Cosmogenic B-12 (+N-12) spectrum',
      subtitle: `${Math.round(input.events)} events in ${lo}–${hi} MeV, ${nb} bins; Σ pull² = ${input.sumPull2.toFixed(1)}`,
      x: { label: 'visible energy E_vis', unit: 'MeV', domain: [lo, hi] },
      y: { label: `events / ${+((hi - lo) / nb).toPrecision(3)} MeV` },
      width: WIDTH,
      height: 260,
    },
    [
      histogramSteps({ edges: edgesMeV, values: input.predicted, series: 'fit (β spectrum ⊗ f ⊗ resolution)', color: PLOT_COLORS.fit }),
      points({ x: centresMeV, y: input.counts, yError: input.countErrors, series: DATA, size: 12 }),
      fitQuality(input.fit, { label: FIT_LABEL }),
    ],
    { y: { label: '(N − P) / √N' }, height: 120, layers: [referenceLine({ y: 0 }), points({ x: centresMeV, y: input.pulls, series: DATA, size: 12 })] },
  );
  return { name: 'b12-spectrum', title: 'B-12 spectrum with the fitted prediction', spec };
}

/** Input of {@link electronNonlinearityPlot}: f on an energy grid with its band (and the truth). */
export interface ElectronPlotInput {
  /** Electron kinetic energies, MeV. */
  readonly energyMeV: readonly number[];
  /** Fitted f and the total band edges f (1 + low), f (1 + high). */
  readonly fitted: readonly number[];
  readonly low: readonly number[];
  readonly high: readonly number[];
  /** The band edges relative to f, percent. */
  readonly lowPercent: readonly number[];
  readonly highPercent: readonly number[];
  /** True f of a simulation, and 100 (f_true / f - 1). */
  readonly truth?: readonly number[];
  readonly truthPercent?: readonly number[];
  /** Calibrated range of the curve, MeV (shaded outside). */
  readonly validityMinMeV: number;
  readonly validityMaxMeV: number;
}

/**
 * Electron non-linearity: f(E) with its total 1-sigma band (and the truth of a simulation);
 * below, the band and the truth relative to the fit in percent; the energies outside the
 * validity range shaded.
 *
 * @example
 * const plot = electronNonlinearityPlot(details.curves.electron);
 */
export function electronNonlinearityPlot(input: ElectronPlotInput): PlotSpec {
  const { energyMeV: x } = input;
  const eMin = Math.min(...x);
  const eMax = Math.max(...x);
  const BAND = 'total 1σ band';
  const outside = outsideValidity(input.validityMinMeV, input.validityMaxMeV, Math.ceil(eMax));
  const spec = withResidualPanel(
    {
      title: 'Electron non-linearity f = E_vis / E_e',
      subtitle: `band: correlated effects from mock refits ⊕ fit covariance (statistical and uncorrelated), ${eMin.toFixed(2)}–${eMax.toFixed(0)} MeV`,
      x: electronAxis(eMax),
      y: { label: 'f = E_vis / E_e' },
      width: WIDTH,
      height: 240,
    },
    [
      ...outside.withLegend,
      band({ x, low: input.low, high: input.high, series: BAND }),
      line({ x, y: input.fitted, series: 'fit' }),
      ...(input.truth ? [line({ x, y: input.truth, series: 'truth (simulation)', color: COLOR.truth, dashed: true })] : []),
    ],
    {
      y: { label: 'relative to the fit', unit: '%' },
      height: 150,
      layers: [
        ...outside.plain,
        band({ x, low: input.lowPercent, high: input.highPercent, series: BAND }),
        referenceLine({ y: 0, color: PLOT_COLORS.fit, dashed: false }),
        ...(input.truthPercent ? [line({ x, y: input.truthPercent, series: 'truth (simulation)', color: COLOR.truth, dashed: true })] : []),
      ],
    },
  );
  return { name: 'electron-nonlinearity', title: 'Electron non-linearity with its band', spec };
}

/** Input of {@link bandBreakdownPlot}: the 1-sigma half-width of each effect and of the total. */
export interface BandBreakdownPlotInput {
  readonly energyMeV: readonly number[];
  readonly effects: readonly { readonly name: string; readonly halfWidthPercent: readonly number[] }[];
  readonly totalHalfWidthPercent: readonly number[];
  readonly validityMinMeV: number;
  readonly validityMaxMeV: number;
}

/**
 * The systematic band by effect: the 1-sigma half-width of each effect alone, of the fit
 * covariance and of the total, percent of f, against the electron energy.
 *
 * @example
 * const plot = bandBreakdownPlot(details.curves.bandBreakdown);
 */
export function bandBreakdownPlot(input: BandBreakdownPlotInput): PlotSpec {
  const { energyMeV: x } = input;
  const eMax = Math.max(...x);
  const palette = PLOT_COLORS.series;
  const spec = plot(
    {
      title: 'Systematic band of f by effect',
      subtitle: 'each correlated effect from its mock refits, the fit covariance (statistical and uncorrelated), the total',
      x: electronAxis(eMax),
      y: { label: '1σ half-width', unit: '%', zero: true },
      width: WIDTH,
      height: 220,
    },
    [
      ...outsideValidity(input.validityMinMeV, input.validityMaxMeV, Math.ceil(eMax)).withLegend,
      ...input.effects.map((e, i) => line({ x, y: e.halfWidthPercent, series: e.name, color: palette[i % palette.length]!, width: 1.5 })),
      line({ x, y: input.totalHalfWidthPercent, series: 'total', color: PLOT_COLORS.data, width: 3 }),
    ],
  );
  return { name: 'nonlinearity-band-breakdown', title: 'Systematic band of the electron non-linearity by effect', spec };
}

/** Input of {@link positronBiasPlot}. */
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
 * const plot = positronBiasPlot(details.curves.positron);
 */
export function positronBiasPlot(input: PositronPlotInput): PlotSpec {
  const { kineticMeV: x, biasPercent } = input;
  const BIAS = 'E_rec / E_true − 1 against the simulation truth';
  const TARGET = '±0.3% target';
  const spec = plot(
    {
      title: 'Positron kinetic energy: E_rec / E_true − 1',
      subtitle: 'E_rec solves E_vis,prompt = E_vis,anni (Ge-68) + E f(E) with the fitted f',
      x: { label: 'positron kinetic energy', unit: 'MeV' },
      y: { label: 'E_rec / E_true − 1', unit: '%' },
      width: WIDTH,
      height: 300,
    },
    [
      band({ x, low: input.bandLowPercent, high: input.bandHighPercent, series: 'non-linearity band propagated (1σ)' }),
      referenceLine({ y: 0.3, series: TARGET }),
      referenceLine({ y: -0.3, series: TARGET }),
      ...(biasPercent ? [line({ x, y: biasPercent, series: BIAS, color: PLOT_COLORS.data }), points({ x, y: biasPercent, series: BIAS })] : []),
    ],
  );
  return { name: 'positron-bias', title: 'Positron energy reconstruction bias', spec };
}

/** The electron-energy axis of the f plots: 0 to the next whole MeV above the grid. */
function electronAxis(eMaxMeV: number): PlotAxis {
  return { label: 'electron kinetic energy E_e', unit: 'MeV', domain: [0, Math.ceil(eMaxMeV)] };
}

/** Text at (x, y) in data coordinates, e.g. the source names beside their points. */
function textLabels(x: readonly number[], y: readonly number[], text: readonly string[]): PlotLayer {
  const values = x.map((xi, i) => ({ x: xi, y: y[i]!, text: text[i]! }));
  return {
    layers: (ctx) => [
      { data: { values }, mark: { type: 'text', fontSize: 10, align: 'center' }, encoding: { x: xOf(ctx, 'x'), y: yOf(ctx, 'y'), text: { field: 'text', type: 'nominal' } } },
    ],
  };
}

/**
 * Grey shading of the energies outside the validity range [min, max] up to `toMeV`: with a
 * legend entry (first panel) and without (further panels).
 */
function outsideValidity(minMeV: number, maxMeV: number, toMeV: number): { withLegend: PlotLayer[]; plain: PlotLayer[] } {
  const ranges = [...(minMeV > 0 ? [{ from: 0, to: minMeV }] : []), ...(maxMeV < toMeV ? [{ from: maxMeV, to: toMeV }] : [])];
  if (ranges.length === 0) return { withLegend: [], plain: [] };
  const layers = (ctx: PlotContext) => [{ data: { values: ranges }, mark: { type: 'rect' as const, color: COLOR.outside, opacity: 0.35 }, encoding: { x: xOf(ctx, 'from'), x2: { field: 'to' } } }];
  return {
    withLegend: [{ layers, legend: { label: `outside the validity range (${minMeV}–${maxMeV} MeV)`, color: COLOR.outside, symbol: 'band' } }],
    plain: [{ layers }],
  };
}
