import type { RandomSource } from '@nucal/core';
import { normal, poisson } from '@nucal/numeric';
import type { B12Folder } from './b12-prediction.js';
import type { GammaPoint } from './chi2.js';
import type { ElectronGrid } from './electron-grid.js';
import { predictGammaVisibleMeV, type GammaKernel } from './gamma-prediction.js';
import { gridVisibleInto, type NonlinParams } from './model.js';
import { applySystematics, type SystematicEffect } from './systematics.js';
import { withUncorrelatedErrors } from './uncorrelated-errors.js';

/** What an in-family toy needs: the prepared sources with their peak errors and the B-12 folder. */
export interface ModelToyTemplate {
  readonly grid: ElectronGrid;
  /** The sources with the statistical error of their peak (MeV). */
  readonly gammas: readonly { kernel: GammaKernel; errorMeV: number }[];
  readonly b12?: { folder: B12Folder; expectedEvents: number };
  /**
   * Systematic effects whose `uncorrelated` members bias each toy's peaks at random (one
   * z_i x magnitude per concerned source, as `applySystematics` draws them) and enter the
   * toy points' sigma_i (`withUncorrelatedErrors`): the smearing model of the calibration's fit.
   */
  readonly effects?: readonly SystematicEffect[];
}

/** One in-family toy data set. */
export interface ModelToy {
  readonly gammas: GammaPoint[];
  readonly b12Counts?: Float64Array;
}

/**
 * Draws a data set from the fit model itself (in-family closure, PHYSICS.md 4): each gamma
 * peak Gaussian around its prediction with the template's statistical error, then shifted by
 * the template's uncorrelated effects (the toy points carry sigma_i = stat (+) uncorrelated),
 * each B-12 bin Poisson around the folded prediction for `expectedEvents` decays in the window.
 *
 * @example
 * const toy = drawModelToy(template, { p0: 1.03, p1: 0.1, p2: 1.2, p3: -0.01 }, rng.fork('toy-1'));
 */
export function drawModelToy(template: ModelToyTemplate, truth: NonlinParams, rng: RandomSource): ModelToy {
  const g = gridVisibleInto(template.grid, truth, new Float64Array(template.grid.centresMeV.length));
  const statOnly = template.gammas.map((t) => ({
    kernel: t.kernel,
    errorMeV: t.errorMeV,
    measuredMeV: normal(rng, predictGammaVisibleMeV(t.kernel, g), t.errorMeV),
  }));
  const uncorrelated = (template.effects ?? []).filter((e) => e.mode === 'uncorrelated');
  const gammas = uncorrelated.length > 0 ? withUncorrelatedErrors(applySystematics(statOnly, uncorrelated, rng), uncorrelated) : statOnly;
  if (!template.b12) return { gammas };
  const shape = template.b12.folder.predictShape(g, new Float64Array(template.b12.folder.binning.bins));
  let s = 0;
  for (const v of shape) s += v;
  const b12Counts = Float64Array.from(shape, (v) => poisson(rng, (template.b12!.expectedEvents * v) / s));
  return { gammas, b12Counts };
}
