import type { Progress, RandomSource } from '@nucal/core';
import { ValidationError, silentProgress } from '@nucal/core';
import { quantileSorted } from '@nucal/numeric';
import { nonlinearityChi2, type B12Data, type Chi2Options, type GammaPoint } from './chi2.js';
import type { ElectronGrid } from './electron-grid.js';
import { fitNonlinearity } from './fit.js';
import { fNonlin, type NonlinParams } from './model.js';
import type { NonlinBand } from './records.js';
import { residualMapFunction } from './b12-residual-map.js';
import { shiftedB12Counts } from './b12-systematics.js';
import { drawSystematics, type SystematicEffect } from './systematics.js';

/**
 * Relative 1-sigma uncertainty of f(E) at each energy from the 4x4 parameter covariance
 * (linear propagation, analytic gradient). With the chi2's sigma_i (statistical and
 * uncorrelated systematic errors in quadrature) this is the statistical plus point-to-point
 * part of the band.
 *
 * @example
 * const rel = covarianceBandRel(fit.params, fit.result.covariance, [1, 2, 4]);
 */
export function covarianceBandRel(p: NonlinParams, covariance: readonly (readonly number[])[], energyMeV: readonly number[]): number[] {
  return energyMeV.map((e) => {
    const x = Math.exp(-p.p2 * e);
    const d = 1 + p.p1 * x;
    const n = p.p0 + p.p3 / e;
    const j = [1 / d, (-n * x) / (d * d), (n * p.p1 * e * x) / (d * d), 1 / (e * d)];
    let v = 0;
    for (let a = 0; a < 4; a++) for (let b = 0; b < 4; b++) v += j[a]! * j[b]! * covariance[a]![b]!;
    return Math.sqrt(Math.max(v, 0)) / (n / d);
  });
}

/** Options of {@link systematicBand}. */
export interface SystematicBandOptions {
  readonly grid: ElectronGrid;
  /** The measured points with their sigma_i (statistical and uncorrelated, see `withUncorrelatedErrors`). */
  readonly gammas: readonly GammaPoint[];
  readonly b12?: B12Data;
  readonly chi2Options?: Chi2Options;
  readonly nominal: { params: NonlinParams; covariance: readonly (readonly number[])[] };
  readonly effects: readonly SystematicEffect[];
  /** Mock data sets per effect and for the correlated effects together. */
  readonly mocks: number;
  readonly energyMeV: readonly number[];
  /**
   * Residual of the uniformity map at a B-12 vertex, s(rho) with rho = r / R_fiducial, in units
   * of a `vertex` effect's magnitude (default: `residualMapFunction({ kind: 'power', power: 3 })`,
   * sqrt(3) rho^3, RMS 1 over the volume).
   */
  readonly b12ResidualMap?: (rho: number) => number;
  /** Mock k of set s draws from `rng.fork(s).fork(String(k))`; `rng` itself is not consumed. */
  readonly rng: RandomSource;
  readonly progress?: Progress;
}

const Q_LOW = 0.15865525393145707;
const Q_HIGH = 1 - Q_LOW;

/** Name of the band entry of all correlated effects together (mocks). */
export const ALL_CORRELATED_BAND = 'all-correlated';
/** Name of the band entry from the fit covariance (statistical and uncorrelated systematics). */
export const FIT_COVARIANCE_BAND = 'fit-covariance';

/**
 * Systematic band of the electron non-linearity (PHYSICS.md 1.4): for each effect alone and
 * for the correlated effects together, `mocks` data sets with the peaks shifted at random
 * (see `applySystematics`) and, for effects with a `b12` mode, the B-12 events moved with the
 * same z (`shiftedB12Counts`), each refitted from the nominal point with the same sigma_i; the
 * band is the central 68% of f_mock/f_nominal - 1 at each energy. Each mock draws from its
 * own forked stream (`rng.fork(<set>).fork(<k>)`), so the band does not depend on the order of the loops.
 *
 * Uncorrelated effects are already in sigma_i, hence in the fit covariance; their own mock
 * band is reported (it estimates their share of the covariance band) but not added again.
 * The total is `all-correlated` (+) `fit-covariance` in quadrature, edge by edge.
 *
 * @example
 * const band = systematicBand({ grid, gammas, b12, nominal: fit, effects: DEFAULT_SYSTEMATICS, mocks: 100, energyMeV, rng });
 * band.effects.map((e) => e.name); // [...effects, 'all-correlated', 'fit-covariance']
 */
export function systematicBand(o: SystematicBandOptions): NonlinBand {
  if (!(Number.isInteger(o.mocks) && o.mocks >= 1)) throw new ValidationError(`systematic band with ${o.mocks} mocks: expected an integer >= 1`);
  const progress = o.progress ?? silentProgress;
  const residualMap = o.b12ResidualMap ?? residualMapFunction({ kind: 'power', power: 3 });
  const correlated = o.effects.filter((e) => e.mode === 'correlated');
  const sets: { name: string; effects: readonly SystematicEffect[] }[] = [
    ...o.effects.map((e) => ({ name: e.name, effects: [e] })),
    ...(correlated.length > 0 ? [{ name: ALL_CORRELATED_BAND, effects: correlated }] : []),
  ];
  const fNominal = o.energyMeV.map((e) => fNonlin(e, o.nominal.params));
  const bands: { name: string; lowRel: number[]; highRel: number[] }[] = [];
  progress.start(sets.length * o.mocks, 'systematic mocks');
  for (const set of sets) {
    const dev = o.energyMeV.map(() => new Float64Array(o.mocks));
    const setRng = o.rng.fork(set.name);
    for (let k = 0; k < o.mocks; k++) {
      const rng = setRng.fork(String(k));
      const { gammas: mock, z } = drawSystematics(o.gammas, set.effects, rng);
      // the B-12 events move with the same z (effects with a b12 mode); vertices from their own stream
      const b12 = o.b12 && { folder: o.b12.folder, counts: shiftedB12Counts(o.b12, o.gammas, set.effects, z, residualMap, rng.fork('b12-vertex')) };
      const chi2 = nonlinearityChi2(o.grid, mock, b12, o.chi2Options);
      const fit = fitNonlinearity(o.grid, mock, chi2, { start: o.nominal.params, floatNormalisation: o.chi2Options?.floatNormalisation ?? false });
      o.energyMeV.forEach((e, i) => {
        dev[i]![k] = fNonlin(e, fit.params) / fNominal[i]! - 1;
      });
      progress.advance();
    }
    bands.push({
      name: set.name,
      lowRel: dev.map((d) => quantileSorted(d.sort(), Q_LOW)),
      highRel: dev.map((d) => quantileSorted(d, Q_HIGH)),
    });
  }
  progress.stop();
  const cov = covarianceBandRel(o.nominal.params, o.nominal.covariance, o.energyMeV);
  const all = correlated.length > 0 ? bands[bands.length - 1]! : { lowRel: cov.map(() => 0), highRel: cov.map(() => 0) };
  bands.push({ name: FIT_COVARIANCE_BAND, lowRel: cov.map((s) => -s), highRel: cov });
  return {
    energyMeV: [...o.energyMeV],
    lowRel: all.lowRel.map((l, i) => -Math.hypot(Math.min(l, 0), cov[i]!)),
    highRel: all.highRel.map((h, i) => Math.hypot(Math.max(h, 0), cov[i]!)),
    mocks: o.mocks,
    effects: bands,
  };
}
