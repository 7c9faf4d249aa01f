import { z } from 'zod';
import { ValidationError } from '@nucal/core';
import type { B12Folder } from './b12-prediction.js';
import type { ElectronGrid } from './electron-grid.js';
import { predictGammaVisibleMeV, type GammaKernel } from './gamma-prediction.js';
import { gridVisibleInto, type NonlinParams } from './model.js';

/**
 * A measured gamma peak (visible energy, MeV) with its prepared prediction kernel.
 * `errorMeV` is the sigma_i of the chi2: the statistical error and the point's uncorrelated
 * systematic uncertainties in quadrature (see `withUncorrelatedErrors`); `statErrorMeV`, when
 * given, is the statistical part alone (for plots and reports; the chi2 does not use it).
 */
export interface GammaPoint {
  readonly kernel: GammaKernel;
  readonly measuredMeV: number;
  readonly errorMeV: number;
  readonly statErrorMeV?: number;
}

/** The measured B-12 histogram with its folder. */
export interface B12Data {
  readonly folder: B12Folder;
  readonly counts: ArrayLike<number>;
  /**
   * Visible energy (MeV) of every selected event, inside the fit window or not, when the sample
   * gives events: the systematic mocks move them and refill the histogram. The chi2 uses `counts`.
   */
  readonly eventsMeV?: ArrayLike<number>;
}

/**
 * How the B-12 bins enter chi2. `neyman` is the published form sum (M - P)^2 / M
 * (arXiv:2011.06405 eq. 4.3; empty bins use M = 1); `poisson` is the Baker-Cousins
 * likelihood ratio, unbiased at low counts.
 */
export const B12Statistic = z.enum(['neyman', 'poisson']);
export type B12Statistic = z.infer<typeof B12Statistic>;

/** Options of {@link nonlinearityChi2}. */
export interface Chi2Options {
  readonly statistic?: B12Statistic;
  /** If true a multiplicative `norm` scales the data-normalised prediction; else norm = 1. */
  readonly floatNormalisation?: boolean;
}

/** Predictions for a parameter point. */
export interface NonlinPrediction {
  readonly gammaMeV: Float64Array;
  /** Predicted B-12 counts per bin (empty when no B-12 data). */
  readonly b12Counts: Float64Array;
}

/** A ready-to-minimise chi2 of gamma peaks plus the B-12 spectrum. */
export interface NonlinChi2 {
  /** chi2 at `p`; `norm` is the B-12 normalisation factor (1 when not floated). */
  evaluate(p: NonlinParams, norm?: number): number;
  predict(p: NonlinParams, norm?: number): NonlinPrediction;
  /** Number of data points (gamma peaks + B-12 bins). */
  readonly nData: number;
  /** Parameters the data normalisation removes (1 with B-12 normalised to the data, else 0). */
  readonly constraintsFromNormalisation: number;
}

/**
 * chi2 = sum_gamma ((M_i - P_i)/sigma_i)^2 + sum_bins (M_j - P_j)^2 / M_j
 * (PHYSICS.md 1.4; arXiv:2011.06405 eq. 4.3). The B-12 prediction is normalised to the
 * number of measured events in the window (times `norm` when floated). All buffers are
 * allocated once; one evaluation is one model pass over the grid plus dot products.
 *
 * @example
 * const chi2 = nonlinearityChi2(grid, gammaPoints, { folder, counts });
 * chi2.evaluate({ p0: 1.02, p1: 0.1, p2: 1.2, p3: -0.01 });
 */
export function nonlinearityChi2(grid: ElectronGrid, gammas: readonly GammaPoint[], b12?: B12Data, options: Chi2Options = {}): NonlinChi2 {
  const statistic = options.statistic ?? 'neyman';
  for (const g of gammas) {
    if (!(g.errorMeV > 0)) throw new ValidationError(`gamma point ${g.kernel.id} has error ${g.errorMeV} MeV: expected > 0`);
  }
  const g = new Float64Array(grid.centresMeV.length);
  const nBins = b12 ? b12.folder.binning.bins : 0;
  if (b12 && b12.counts.length !== nBins) {
    throw new ValidationError(`B-12 histogram has ${b12.counts.length} bins: expected ${nBins}`);
  }
  const counts = Float64Array.from(b12?.counts ?? []);
  let nEvents = 0;
  for (const c of counts) nEvents += c;
  if (b12 && !(nEvents > 0)) throw new ValidationError('B-12 histogram is empty: expected events in the window');
  const invVar = Float64Array.from(counts, (m) => 1 / Math.max(m, 1));
  const shape = new Float64Array(nBins);
  const logTerm = Float64Array.from(counts, (m) => (m > 0 ? m * Math.log(m) : 0));

  function fill(p: NonlinParams): void {
    gridVisibleInto(grid, p, g);
  }
  function b12Prediction(norm: number): number {
    if (!b12) return 0;
    b12.folder.predictShape(g, shape);
    let s = 0;
    for (let j = 0; j < nBins; j++) s += shape[j]!;
    return s > 0 ? (norm * nEvents) / s : NaN;
  }
  return {
    nData: gammas.length + nBins,
    constraintsFromNormalisation: b12 && !options.floatNormalisation ? 1 : 0,
    evaluate(p: NonlinParams, norm = 1): number {
      fill(p);
      let chi2 = 0;
      for (const gp of gammas) {
        const r = (gp.measuredMeV - predictGammaVisibleMeV(gp.kernel, g)) / gp.errorMeV;
        chi2 += r * r;
      }
      if (b12) {
        const scale = b12Prediction(norm);
        if (!Number.isFinite(scale)) return 1e30;
        if (statistic === 'neyman') {
          for (let j = 0; j < nBins; j++) {
            const d = counts[j]! - scale * shape[j]!;
            chi2 += d * d * invVar[j]!;
          }
        } else {
          for (let j = 0; j < nBins; j++) {
            const pj = Math.max(scale * shape[j]!, 1e-300);
            const m = counts[j]!;
            chi2 += 2 * (pj - m + (m > 0 ? logTerm[j]! - m * Math.log(pj) : 0));
          }
        }
      }
      return Number.isFinite(chi2) ? chi2 : 1e30;
    },
    predict(p: NonlinParams, norm = 1): NonlinPrediction {
      fill(p);
      const gammaMeV = Float64Array.from(gammas, (gp) => predictGammaVisibleMeV(gp.kernel, g));
      const scale = b12Prediction(norm);
      const b12Counts = Float64Array.from(shape, (s) => s * scale);
      return { gammaMeV, b12Counts };
    },
  };
}
