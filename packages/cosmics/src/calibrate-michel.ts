import { FitError } from '@nucal/core';
import type { FitSummary } from '@nucal/core';
import { chi2Survival, Hist1D, minimize, regularAxis, toFitSummary } from '@nucal/numeric';
import { W_ION_MEV, larDensityGPerCm3, recombinationFactor, type EnergyScalePayload, type LifetimePayload, type T0Payload } from '@nucal/tpc-drift';
import type { ReconstructedSample } from './cosmic-sample.js';
import { lifetimeLookup } from './lifetime-lookup.js';
import { MichelResponseSchema, michelVisibleSpectrum, type MichelResponseInput } from './michel.js';

/** Michel electron energies and the fitted energy-scale factor relative to the model. */
export interface MichelScaleResult {
  /** Reconstructed energies, MeV. */
  readonly energyMeV: Float64Array;
  /** Fitted factor s in E_reco = s x E_visible (1 when the charge calibration is right). */
  readonly scale: number;
  readonly scaleError: number;
  readonly fit: FitSummary;
  /** Model density on a grid (per MeV, normalised), scaled by the fitted s, for plots. */
  readonly template: { readonly energyMeV: Float64Array; readonly density: Float64Array };
}

/** Michel energies as a histogram with the fitted model in expected counts per bin (for plots). */
export interface MichelSpectrum {
  /** Bin edges, MeV, and counts with their Poisson errors sqrt(N). */
  readonly edgesMeV: Float64Array;
  readonly counts: Float64Array;
  readonly errors: Float64Array;
  /** Electrons outside the histogram's range. */
  readonly outside: number;
  /** The fitted model on its grid, in electrons per bin width. */
  readonly model: { readonly energyMeV: Float64Array; readonly expected: Float64Array };
  /** Expected electrons in each bin (the fitted model integrated over the bin). */
  readonly expectedPerBin: Float64Array;
  /**
   * Goodness of fit of the histogram: Baker-Cousins chi2 2 sum(mu - n + n ln(n / mu)) over the
   * bins with mu > 0, ndof = those bins - 1 (the scale was fitted), and its p-value. The
   * unbinned fit itself has none.
   */
  readonly goodnessOfFit: { readonly chi2: number; readonly ndof: number; readonly pValue: number | null };
}

/**
 * The reconstructed Michel energies in bins of `binMeV` from 0 to `maxMeV` and the fitted
 * template scaled to counts per bin (density x electrons x bin width), up to `maxMeV`.
 *
 * @example michelSpectrum(michelScaleFromCosmics(sample, t0, lifetime, scale)).counts
 */
export function michelSpectrum(result: MichelScaleResult, options: { binMeV?: number; maxMeV?: number } = {}): MichelSpectrum {
  const binMeV = options.binMeV ?? 5;
  const maxMeV = options.maxMeV ?? 80;
  const h = new Hist1D(regularAxis(Math.round(maxMeV / binMeV), 0, maxMeV, { label: 'reconstructed energy', unit: 'MeV' }));
  h.fillArray(result.energyMeV);
  const counts = h.values();
  const n = result.energyMeV.length;
  const keep: number[] = [];
  for (let i = 0; i < result.template.energyMeV.length; i++) if (result.template.energyMeV[i]! <= maxMeV) keep.push(i);
  const edges = h.edges();
  const expectedPerBin = Float64Array.from(counts, (_, b) => n * integratePiecewiseLinear(result.template.energyMeV, result.template.density, edges[b]!, edges[b + 1]!));
  let chi2 = 0;
  let used = 0;
  for (let b = 0; b < counts.length; b++) {
    const mu = expectedPerBin[b]!;
    const k = counts[b]!;
    if (!(mu > 0)) continue;
    chi2 += 2 * (mu - k + (k > 0 ? k * Math.log(k / mu) : 0));
    used++;
  }
  const ndof = used - 1;
  return {
    edgesMeV: edges,
    counts,
    errors: Float64Array.from(h.variances(), Math.sqrt),
    outside: h.underflow + h.overflow + h.nan,
    model: {
      energyMeV: Float64Array.from(keep, (i) => result.template.energyMeV[i]!),
      expected: Float64Array.from(keep, (i) => result.template.density[i]! * n * binMeV),
    },
    expectedPerBin,
    goodnessOfFit: { chi2, ndof, pValue: ndof > 0 ? chi2Survival(chi2, ndof) : null },
  };
}

/** Integral over [a, b] of the linear interpolation of (x, y) (x increasing; zero outside). */
function integratePiecewiseLinear(x: Float64Array, y: Float64Array, a: number, b: number): number {
  let s = 0;
  for (let i = 0; i + 1 < x.length; i++) {
    const lo = Math.max(a, x[i]!);
    const hi = Math.min(b, x[i + 1]!);
    if (!(hi > lo)) continue;
    const slope = (y[i + 1]! - y[i]!) / (x[i + 1]! - x[i]!);
    const at = (v: number): number => y[i]! + slope * (v - x[i]!);
    s += 0.5 * (at(lo) + at(hi)) * (hi - lo);
  }
  return s;
}

/** Electron showers recombine about like a MIP; the same assumption as the simulation makes. */
const MICHEL_DEDX_MEV_PER_CM = 2.1;

/**
 * Michel-electron energy-scale test: each Michel cluster's charge is lifetime-corrected,
 * converted with the energy-scale constant and a MIP-like recombination factor to energy, and
 * an unbinned maximum-likelihood fit of E_reco = s E_vis against the Michel model folded with
 * the detector response ({@link michelVisibleSpectrum}) gives s with its error (errorDef 0.5).
 *
 * @example const m = michelScaleFromCosmics(sample, t0, lifetime, energyScale);
 */
export function michelScaleFromCosmics(
  sample: ReconstructedSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  scale: EnergyScalePayload,
  response: MichelResponseInput = {},
): MichelScaleResult {
  const model = MichelResponseSchema.parse(response);
  const density = larDensityGPerCm3(sample.response.temperatureK);
  const r = recombinationFactor(scale.recombination, MICHEL_DEDX_MEV_PER_CM, { fieldKvPerCm: scale.fieldKvPerCm, densityGPerCm3: density });
  const m = sample.michel;
  const lifetimes = lifetimeLookup(lifetime);
  const e = new Float64Array(m.count);
  for (let i = 0; i < m.count; i++) {
    const tpc = m.tpc[i]!;
    const offset = t0.tpcs.find((x) => x.tpc === tpc)?.t0OffsetUs ?? 0;
    const tau = lifetimes.lifetimeMs(tpc, m.yCm[i]!);
    const c = scale.tpcs?.find((x) => x.tpc === tpc)?.electronsPerAdc ?? scale.electronsPerAdc;
    const electrons = c * m.chargeAdc[i]! * Math.exp((m.timeUs[i]! - offset) / (1000 * tau));
    e[i] = (electrons * W_ION_MEV) / r;
  }
  if (m.count < 5) throw new FitError(`Michel scale fit: ${m.count} Michel electrons, expected at least 5`);
  const grid = michelVisibleSpectrum(model, 0, 90, 451);
  const step = grid.energyMeV[1]! - grid.energyMeV[0]!;
  const density0 = (x: number): number => {
    const f = x / step;
    const i = Math.floor(f);
    if (i < 0 || i >= grid.density.length - 1) return 0;
    return grid.density[i]! + (f - i) * (grid.density[i + 1]! - grid.density[i]!);
  };
  const nll = (p: Readonly<Record<'scale', number>>): number => {
    let s = 0;
    for (let i = 0; i < e.length; i++) s -= Math.log(Math.max(1e-12, density0(e[i]! / p.scale) / p.scale));
    return s;
  };
  const result = minimize(nll, [{ name: 'scale', start: 1, step: 0.02, limits: [0.5, 2] }], { errorDef: 0.5, nData: e.length });
  if (!result.valid) throw new FitError(`Michel scale fit did not converge: ${result.message}`);
  const s = result.values.scale;
  const fit = { ...toFitSummary(result), chi2: Math.max(0, result.chi2) };
  const template = { energyMeV: grid.energyMeV, density: Float64Array.from(grid.energyMeV, (x) => density0(x / s) / s) };
  return { energyMeV: e, scale: s, scaleError: result.errors.scale, fit, template };
}
