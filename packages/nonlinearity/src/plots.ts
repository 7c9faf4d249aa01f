import type { PlotSpec } from '@nucal/core';

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

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
  return {
    name: 'gamma-nonlinearity',
    title: 'Gamma non-linearity: measured peaks and fit',
    spec: {
      $schema: SCHEMA,
      title: 'Gamma non-linearity E_vis / E_gamma',
      width: 560,
      height: 320,
      data: { values },
      layer: [
        { mark: { type: 'rule' }, encoding: { x, y: { field: 'low', type: 'quantitative', scale: { zero: false }, title: 'E_vis / E_gamma' }, y2: { field: 'high' } } },
        { mark: { type: 'point', filled: true, color: 'black' }, encoding: { x, y: { field: 'measured', type: 'quantitative' }, tooltip: [{ field: 'source' }, { field: 'measured', format: '.5f' }] } },
        { mark: { type: 'point', shape: 'diamond', color: '#d62728', size: 80 }, encoding: { x, y: { field: 'fitted', type: 'quantitative' } } },
        { mark: { type: 'text', dy: -12, fontSize: 9 }, encoding: { x, y: { field: 'measured', type: 'quantitative' }, text: { field: 'source' } } },
        ...(points.some((p) => p.truthMeV !== undefined)
          ? [{ mark: { type: 'point', shape: 'cross', color: '#2ca02c', size: 60 }, encoding: { x, y: { field: 'truth', type: 'quantitative' } } }]
          : []),
      ],
    },
  };
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
  return {
    name: 'b12-spectrum',
    title: 'B-12 spectrum with the fitted prediction',
    spec: {
      $schema: SCHEMA,
      title: 'Cosmogenic B-12 (+N-12) spectrum',
      width: 560,
      height: 320,
      data: { values },
      layer: [
        { mark: 'rule', encoding: { x, y: { field: 'low', type: 'quantitative', title: 'events / bin' }, y2: { field: 'high' } } },
        { mark: { type: 'point', filled: true, color: 'black', size: 12 }, encoding: { x, y: { field: 'counts', type: 'quantitative' } } },
        { mark: { type: 'line', color: '#d62728', interpolate: 'step' }, encoding: { x, y: { field: 'predicted', type: 'quantitative' } } },
      ],
    },
  };
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
  return {
    name: 'electron-nonlinearity',
    title: 'Electron non-linearity with its band',
    spec: {
      $schema: SCHEMA,
      title: 'Electron non-linearity f = E_vis / E_e',
      width: 560,
      height: 320,
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.3, color: '#1f77b4' }, encoding: { x, y: { field: 'low', type: 'quantitative', scale: { zero: false }, title: 'f' }, y2: { field: 'high' } } },
        { mark: { type: 'line', color: '#1f77b4' }, encoding: { x, y: { field: 'fitted', type: 'quantitative' } } },
        ...(truth ? [{ mark: { type: 'line', color: '#2ca02c', strokeDash: [4, 3] }, encoding: { x, y: { field: 'truth', type: 'quantitative' } } }] : []),
      ],
    },
  };
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
  return {
    name: 'positron-bias',
    title: 'Positron energy reconstruction bias',
    spec: {
      $schema: SCHEMA,
      title: 'Positron kinetic energy: E_rec / E_true - 1 (%)',
      width: 560,
      height: 320,
      data: { values },
      layer: [
        { mark: { type: 'area', opacity: 0.3, color: '#1f77b4' }, encoding: { x, y: { field: 'low', type: 'quantitative', title: 'bias (%)' }, y2: { field: 'high' } } },
        { mark: { type: 'rule', strokeDash: [2, 2], color: 'gray' }, encoding: { y: { datum: 0.3 } } },
        { mark: { type: 'rule', strokeDash: [2, 2], color: 'gray' }, encoding: { y: { datum: -0.3 } } },
        ...(biasPercent ? [{ mark: { type: 'line', point: true, color: 'black' }, encoding: { x, y: { field: 'bias', type: 'quantitative' } } }] : []),
      ],
    },
  };
}
