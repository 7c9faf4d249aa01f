import type { PlotSpec } from '@nucal/core';

type Encoding = Record<string, unknown>;
type Layer = Record<string, unknown>;

/** The frame all four plots share: Vega-Lite v5, 560 x 320, values inlined, layered marks. */
function layeredPlot(name: string, title: string, specTitle: string, values: readonly object[], layer: readonly Layer[]): PlotSpec {
  return {
    name,
    title,
    spec: { $schema: 'https://vega.github.io/schema/vega-lite/v5.json', title: specTitle, width: 560, height: 320, data: { values }, layer },
  };
}

/** A quantitative y channel on `field` (the axis title and a non-zero scale on the first layer only). */
function yOf(field: string, axis?: { title: string; zero?: boolean }): Encoding {
  if (!axis) return { field, type: 'quantitative' };
  return { field, type: 'quantitative', ...(axis.zero === false ? { scale: { zero: false } } : {}), title: axis.title };
}

/** A mark spanning the fields `low` to `high` in y: error bars ('rule') or a band ('area'). */
function lowHighLayer(mark: string | Layer, x: Encoding, axis: { title: string; zero?: boolean }): Layer {
  return { mark, encoding: { x, y: yOf('low', axis), y2: { field: 'high' } } };
}

/** The shaded 1-sigma band of the non-linearity plots. */
const BAND: Layer = { type: 'area', opacity: 0.3, color: '#1f77b4' };

/** A mark of `field` against x. */
function fieldLayer(mark: Layer, x: Encoding, field: string): Layer {
  return { mark, encoding: { x, y: yOf(field) } };
}

/** One gamma source point of the gamma non-linearity plot. */
export interface GammaPlotPoint {
  readonly source: string;
  readonly gammaMeV: number;
  readonly measuredMeV: number;
  readonly errorMeV: number;
  readonly fittedMeV: number;
  readonly truthMeV?: number;
}

/**
 * Gamma non-linearity E_vis/E_gamma per source: measured points with error bars and the
 * fitted prediction (and the truth of a simulation when known).
 *
 * @example
 * const plot = gammaNonlinearityPlot(points);
 */
export function gammaNonlinearityPlot(points: readonly GammaPlotPoint[]): PlotSpec {
  const values = points.map((p) => ({
    source: p.source,
    gammaMeV: p.gammaMeV,
    measured: p.measuredMeV / p.gammaMeV,
    low: (p.measuredMeV - p.errorMeV) / p.gammaMeV,
    high: (p.measuredMeV + p.errorMeV) / p.gammaMeV,
    fitted: p.fittedMeV / p.gammaMeV,
    ...(p.truthMeV !== undefined ? { truth: p.truthMeV / p.gammaMeV } : {}),
  }));
  const x = { field: 'gammaMeV', type: 'quantitative', title: 'E_gamma (MeV)', scale: { type: 'log' } };
  return layeredPlot('gamma-nonlinearity', 'Gamma non-linearity: measured peaks and fit', 'Gamma non-linearity E_vis / E_gamma', values, [
    lowHighLayer({ type: 'rule' }, x, { title: 'E_vis / E_gamma', zero: false }),
    { mark: { type: 'point', filled: true, color: 'black' }, encoding: { x, y: yOf('measured'), tooltip: [{ field: 'source' }, { field: 'measured', format: '.5f' }] } },
    fieldLayer({ type: 'point', shape: 'diamond', color: '#d62728', size: 80 }, x, 'fitted'),
    { mark: { type: 'text', dy: -12, fontSize: 9 }, encoding: { x, y: yOf('measured'), text: { field: 'source' } } },
    ...(points.some((p) => p.truthMeV !== undefined) ? [fieldLayer({ type: 'point', shape: 'cross', color: '#2ca02c', size: 60 }, x, 'truth')] : []),
  ]);
}

/**
 * B-12 visible-energy spectrum: data with Poisson error bars and the fitted folded prediction.
 *
 * @example
 * const plot = b12SpectrumPlot(edges, counts, predicted);
 */
export function b12SpectrumPlot(edgesMeV: ArrayLike<number>, counts: ArrayLike<number>, predicted: ArrayLike<number>): PlotSpec {
  const values = Array.from({ length: counts.length }, (_, j) => {
    const n = counts[j]!;
    return { energyMeV: 0.5 * (edgesMeV[j]! + edgesMeV[j + 1]!), counts: n, low: n - Math.sqrt(n), high: n + Math.sqrt(n), predicted: predicted[j]! };
  });
  const x = { field: 'energyMeV', type: 'quantitative', title: 'visible energy (MeV)' };
  return layeredPlot('b12-spectrum', 'B-12 spectrum with the fitted prediction', 'Cosmogenic B-12 (+N-12) spectrum', values, [
    lowHighLayer('rule', x, { title: 'events / bin' }),
    fieldLayer({ type: 'point', filled: true, color: 'black', size: 12 }, x, 'counts'),
    fieldLayer({ type: 'line', color: '#d62728', interpolate: 'step' }, x, 'predicted'),
  ]);
}

/**
 * Electron non-linearity f(E) with its 1-sigma band (and the truth of a simulation).
 *
 * @example
 * const plot = electronNonlinearityPlot(energyMeV, fitted, lowRel, highRel, truth);
 */
export function electronNonlinearityPlot(
  energyMeV: readonly number[],
  fitted: readonly number[],
  lowRel: readonly number[],
  highRel: readonly number[],
  truth?: readonly number[],
): PlotSpec {
  const values = energyMeV.map((e, i) => ({
    energyMeV: e,
    fitted: fitted[i]!,
    low: fitted[i]! * (1 + lowRel[i]!),
    high: fitted[i]! * (1 + highRel[i]!),
    ...(truth ? { truth: truth[i]! } : {}),
  }));
  const x = { field: 'energyMeV', type: 'quantitative', title: 'electron kinetic energy (MeV)' };
  return layeredPlot('electron-nonlinearity', 'Electron non-linearity with its band', 'Electron non-linearity f = E_vis / E_e', values, [
    lowHighLayer(BAND, x, { title: 'f', zero: false }),
    fieldLayer({ type: 'line', color: '#1f77b4' }, x, 'fitted'),
    ...(truth ? [fieldLayer({ type: 'line', color: '#2ca02c', strokeDash: [4, 3] }, x, 'truth')] : []),
  ]);
}

/**
 * Positron reconstruction: relative bias (E_rec / E_true - 1, percent) of mono-energetic
 * positrons, with the non-linearity band propagated, and the +-0.3% target.
 *
 * @example
 * const plot = positronBiasPlot(kineticMeV, biasPercent, lowPercent, highPercent);
 */
export function positronBiasPlot(
  kineticMeV: readonly number[],
  biasPercent: readonly number[] | undefined,
  bandLowPercent: readonly number[],
  bandHighPercent: readonly number[],
): PlotSpec {
  const values = kineticMeV.map((e, i) => ({
    kineticMeV: e,
    low: bandLowPercent[i]!,
    high: bandHighPercent[i]!,
    ...(biasPercent ? { bias: biasPercent[i]! } : {}),
  }));
  const x = { field: 'kineticMeV', type: 'quantitative', title: 'positron kinetic energy (MeV)' };
  const target = (percent: number): Layer => ({ mark: { type: 'rule', strokeDash: [2, 2], color: 'gray' }, encoding: { y: { datum: percent } } });
  return layeredPlot('positron-bias', 'Positron energy reconstruction bias', 'Positron kinetic energy: E_rec / E_true - 1 (%)', values, [
    lowHighLayer(BAND, x, { title: 'bias (%)' }),
    target(0.3),
    target(-0.3),
    ...(biasPercent ? [fieldLayer({ type: 'line', point: true, color: 'black' }, x, 'bias')] : []),
  ]);
}
