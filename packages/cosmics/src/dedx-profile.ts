import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { langauMpv, median, normal, type LangauMpv } from '@nucal/numeric';
import { dEdxFromdQdx, dQdxFromdEdx, diffusionSigmaCm, larDensityGPerCm3, type EnergyScalePayload, type LifetimePayload, type T0Payload } from '@nucal/tpc-drift';
import { betaGammaFromKineticEnergy } from './bethe.js';
import { chargeSharingFraction, shareChargeInPlace } from './charge-sharing.js';
import type { CosmicSample } from './cosmic-sample.js';
import { csdaRangeTable } from './csda-range.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { lifetimeLookup } from './lifetime-lookup.js';
import { TrackClass } from './track-classes.js';
import { wireChargeModel } from './wire-charge-model.js';

/**
 * Default residual-range bins, cm: 5 cm where dE/dx rises steeply towards the stopping point
 * (the Bragg rise), 10 cm to 60 cm, then 20 cm up to 300 cm (past the default 100-200 cm MIP
 * window). About 550 hits per 20 cm bin per detector-day: fewer make the three-parameter
 * Landau-Gaussian fits erratic (width and Gaussian sigma trade off, HESSE errors jump).
 */
export const DEFAULT_DEDX_PROFILE_BINS_CM: readonly number[] = [0, 5, 10, 15, 20, 30, 40, 50, 60, ...Array.from({ length: 12 }, (_, i) => 80 + 20 * i)];

/** Options of {@link stoppingMuonDedxProfile}. */
export interface DedxProfileOptions {
  /** Residual-range bin edges, cm, increasing (default {@link DEFAULT_DEDX_PROFILE_BINS_CM}). */
  readonly binEdgesCm?: readonly number[];
  /** Toy replicas of the measured hits for the expectation, each fitted like the data (default 4). */
  readonly templateReplicas?: number;
  /** Fewest hits in a bin for the Landau-Gaussian fits (default 100). */
  readonly minHitsPerBin?: number;
  /** Share charge between neighbouring wires in the expectation as transverse diffusion does (nominal D_T; default true). */
  readonly diffusion?: boolean;
}

/** Stopping-muon dE/dx versus residual range: per-bin Landau-Gaussian MPVs of data and of the nominal-model expectation. */
export interface DedxProfile {
  /** Edges of each fitted bin, cm (bins with too few hits or failed fits are left out). */
  readonly binLowCm: Float64Array;
  readonly binHighCm: Float64Array;
  /** Mean residual range of the bin's hits, cm. */
  readonly residualRangeCm: Float64Array;
  readonly nHits: Int32Array;
  /**
   * Landau-Gaussian MPV (numeric's `langauMpv`) of the calibrated per-hit dE/dx, MeV/cm, and its
   * error: {@link DedxProfile.errorScale} x the median HESSE error of the bin's data and replica fits.
   */
  readonly dataMpvMeVPerCm: Float64Array;
  readonly dataMpvErrorMeVPerCm: Float64Array;
  /** Mean of the same fit over the toy replicas of the same hits (the expectation) and its error (the data's / sqrt(replicas)), MeV/cm. */
  readonly expectedMpvMeVPerCm: Float64Array;
  readonly expectedMpvErrorMeVPerCm: Float64Array;
  /**
   * Landau-Vavilov most probable dE/dx (PDG eq. 34.12) at each hit's pitch and CSDA energy,
   * averaged over the bin's hits, MeV/cm: the textbook value before diffusion and noise.
   */
  readonly landauVavilovMpvMeVPerCm: Float64Array;
  /** Relative change of the expected dE/dx for a one-sigma change of the whole-detector energy-scale constant, per bin. */
  readonly energyScaleRelativeError: Float64Array;
  /**
   * Factor applied to the HESSE errors of the fits: the robust spread of the replica MPVs about
   * their mean in units of the bin's median HESSE error (HESSE treats hits as independent, but
   * diffusion shares charge between neighbours). 1 with fewer than 10 replica fits in all.
   */
  readonly errorScale: number;
  /** Stopping muons with hits in the binned range. */
  readonly nTracks: number;
  /** Every hit in the binned range: residual range (cm) and calibrated dE/dx (MeV/cm), for a 2D density. */
  readonly hits: { readonly residualRangeCm: Float64Array; readonly dedxMeVPerCm: Float64Array };
}

/**
 * Calibrated dE/dx of stopping-muon hits versus residual range, with the same estimator applied
 * to data and expectation. Data: each hit's charge, lifetime-corrected (t0 from `dune.t0`,
 * lifetime at the hit's height from `dune.lifetime`), times the energy-scale constant, through
 * the inverse of the recombination model (the calorimetric conversion). Expectation: toy
 * replicas of the very same hits from the nominal model the energy-scale method uses
 * ({@link wireChargeModel}: Landau deposit at the hit's pitch and CSDA kinetic energy at its
 * residual range, capped, then recombination), charge shared between neighbouring hits of the
 * track piece as transverse diffusion does at the hit's drift time (nominal D_T; the end wires
 * of a piece lose charge to wires without track charge), the nominal noise scaled by the
 * lifetime correction, and the same calorimetric conversion. Per residual-range bin the data
 * and each replica (as many values as the data, so any small-sample bias of the estimator is
 * common) get a Landau-Gaussian MPV fit (`langauMpv`, same histogram binning); the expectation
 * is the replicas' mean. The replicas' scatter also calibrates the errors ({@link DedxProfile.errorScale}).
 *
 * The Landau-Vavilov MPV is not the expectation of a per-hit MPV: diffusion makes each hit a
 * weighted sum of its own and its neighbours' Landau deposits, and a weighted sum of Landau
 * variables is a Landau variable with a higher location (measured: +4.4% in the 100-200 cm
 * window of a detector-day; without diffusion the toy MPV is within 0.1% of Landau-Vavilov).
 * It is returned as a reference.
 *
 * @param rng - stream for the toy (use a stream of its own so that calibration numbers do not depend on it)
 * @throws ValidationError for bin edges that are not increasing and >= 0, or templateReplicas < 1
 * @example
 * const p = stoppingMuonDedxProfile(sample, t0, lifetime.payload, energyScale, createRng('dedx'));
 * p.dataMpvMeVPerCm[20] / p.expectedMpvMeVPerCm[20] // ~ 1 in the MIP region
 */
export function stoppingMuonDedxProfile(
  sample: CosmicSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  scale: EnergyScalePayload,
  rng: RandomSource,
  options: DedxProfileOptions = {},
): DedxProfile {
  const edges = options.binEdgesCm ?? DEFAULT_DEDX_PROFILE_BINS_CM;
  if (edges.length < 2 || !(edges[0]! >= 0) || edges.some((e, i) => i > 0 && !(e > edges[i - 1]!))) {
    throw new ValidationError(`dE/dx profile bin edges [${edges.join(', ')}] cm: expected at least two increasing values >= 0`);
  }
  const replicas = options.templateReplicas ?? 4;
  if (!Number.isInteger(replicas) || replicas < 1) throw new ValidationError(`templateReplicas ${replicas}: expected an integer >= 1`);
  const minHits = options.minHitsPerBin ?? 100;
  const rrMin = edges[0]!;
  const rrMax = edges[edges.length - 1]!;
  const { hits, tracks, segments } = sample;
  const response = sample.response;
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(response.temperatureK) });
  const range = csdaRangeTable(lar, { maxKineticEnergyMeV: 1e5 });
  const model = wireChargeModel(response);
  const tau = lifetimeLookup(lifetime);
  const offset = new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs]));
  const constant = new Map((scale.tpcs ?? []).map((e) => [e.tpc, e.electronsPerAdc]));
  const medium = { fieldKvPerCm: scale.fieldKvPerCm, densityGPerCm3: scale.densityGPerCm3, wMeV: scale.wMeV };
  const diffusion = (options.diffusion ?? true) && response.transverseDiffusionCm2PerS > 0;
  const toDedx = (electronsPerCm: number): number => dEdxFromdQdx(scale.recombination, Math.max(0, electronsPerCm), medium);
  const binOf = (rr: number): number => {
    if (rr < rrMin || rr >= rrMax) return -1;
    let lo = 0;
    let hi = edges.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (rr >= edges[mid]!) lo = mid;
      else hi = mid;
    }
    return lo;
  };

  const nBins = edges.length - 1;
  const dataByBin: number[][] = Array.from({ length: nBins }, () => []);
  const toyByBin: number[][][] = Array.from({ length: replicas }, () => Array.from({ length: nBins }, () => []));
  const rrSum = new Float64Array(nBins);
  const lvSum = new Float64Array(nBins);
  const tracksSeen = new Set<number>();
  const allRr: number[] = [];
  const allDedx: number[] = [];
  // Per track piece: kinetic energy, sharing fraction and lifetime correction of each hit
  // (hits of a segment are consecutive wires along the track), reused by every replica.
  let kinetic = new Float64Array(1024);
  let share = new Float64Array(1024);
  let correction = new Float64Array(1024);
  let charge = new Float64Array(1024);
  let scratch = new Float64Array(1024);
  for (let s = 0; s < segments.count; s++) {
    const track = segments.track[s]!;
    const nh = segments.hitCount[s]!;
    if (!(tracks.flags[track]! & TrackClass.STOPPING) || nh === 0) continue;
    const first = segments.firstHit[s]!;
    const lengthCm = tracks.lengthCm[track]!;
    // Residual range falls along the piece; skip pieces entirely beyond the binned range.
    if (lengthCm - hits.pathCm[first + nh - 1]! >= rrMax) continue;
    if (nh > kinetic.length) {
      kinetic = new Float64Array(2 * nh);
      share = new Float64Array(2 * nh);
      correction = new Float64Array(2 * nh);
      charge = new Float64Array(2 * nh);
      scratch = new Float64Array(2 * nh);
    }
    const tpc = segments.tpc[s]!;
    const t0k = offset.get(tpc) ?? 0;
    const c = constant.get(tpc) ?? scale.electronsPerAdc;
    const pitch = hits.pitchCm[first]!;
    // The toy covers the hits in the binned range and the neighbour just before it (whose
    // charge the first hit in range shares); that neighbour's own value is not used.
    let h0 = 0;
    while (h0 < nh - 1 && lengthCm - hits.pathCm[first + h0 + 1]! >= rrMax) h0++;
    const count = nh - h0;
    for (let h = 0; h < count; h++) {
      const j = first + h0 + h;
      const rr = lengthCm - hits.pathCm[j]!;
      const driftUs = Math.max(0, hits.timeUs[j]! - t0k);
      kinetic[h] = range.kineticEnergyMeV_fromRangeCm(Math.max(0, rr));
      share[h] = diffusion && driftUs > 0 ? chargeSharingFraction(diffusionSigmaCm(response.transverseDiffusionCm2PerS, driftUs), sample.wirePitchCm) : 0;
      correction[h] = Math.exp(driftUs / (1000 * tau.lifetimeMs(tpc, hits.yCm[j]!)));
      const b = binOf(rr);
      if (b < 0) continue;
      const dedx = toDedx((c * hits.chargeAdc[j]! * correction[h]!) / pitch);
      dataByBin[b]!.push(dedx);
      tracksSeen.add(track);
      allRr.push(rr);
      allDedx.push(dedx);
      rrSum[b]! += rr;
      lvSum[b]! += mostProbableDedxMeVPerCm(lar, Math.max(0.1, betaGammaFromKineticEnergy(kinetic[h]!)), pitch);
    }
    for (let r = 0; r < replicas; r++) {
      for (let h = 0; h < count; h++) charge[h] = model.electrons(rng, pitch, Math.max(0.1, betaGammaFromKineticEnergy(kinetic[h]!)), kinetic[h]!);
      if (diffusion) shareChargeInPlace(charge, share, 0, count, scratch);
      for (let h = 0; h < count; h++) {
        const b = binOf(lengthCm - hits.pathCm[first + h0 + h]!);
        if (b < 0) continue;
        const noise = response.noiseElectrons > 0 ? normal(rng, 0, response.noiseElectrons * correction[h]!) : 0;
        toyByBin[r]![b]!.push(toDedx((charge[h]! + noise) / pitch));
      }
    }
  }

  // A bin whose fits do not converge is left out of the plot rather than failing the calibration.
  const fit = (values: readonly number[], bins: number): LangauMpv | null => {
    try {
      return langauMpv(values, { bins });
    } catch {
      return null;
    }
  };
  const rows: { b: number; data: LangauMpv; toy: LangauMpv[] }[] = [];
  for (let b = 0; b < nBins; b++) {
    const data = dataByBin[b]!;
    if (data.length < minHits) continue;
    // The same histogram binning for data and replicas, so that any binning bias is common.
    const bins = Math.min(60, Math.max(20, Math.round(Math.sqrt(0.84 * data.length))));
    const fd = fit(data, bins);
    if (!fd) continue;
    // Replica fits stop once the bin can no longer reach the two it needs: a failed fit costs
    // several retries, so a bin whose fits fail is given up early.
    const needed = Math.min(2, replicas);
    const toy: LangauMpv[] = [];
    for (let r = 0; r < replicas && toy.length + (replicas - r) >= needed; r++) {
      const f = fit(toyByBin[r]![b]!, bins);
      if (f) toy.push(f);
    }
    if (toy.length >= needed) rows.push({ b, data: fd, toy });
  }
  // A fit's HESSE error scatters from fit to fit (width and Gaussian sigma trade off), so each
  // bin's error is the median of the HESSE errors of its data and replica fits (same number of
  // values, nearly the same distribution). The error scale is the robust spread of the replica
  // MPVs about their bin's mean in units of that error (sqrt(R / (R - 1)) undoes the deviation
  // from a mean that includes the value itself); a median keeps a rare bad fit from driving it.
  const typicalError = rows.map(({ data, toy }) => median([data.error, ...toy.map((f) => f.error)]));
  const z: number[] = [];
  rows.forEach(({ toy }, i) => {
    if (toy.length < 2) return;
    const m = toy.reduce((a, f) => a + f.mpv, 0) / toy.length;
    for (const f of toy) z.push((Math.abs(f.mpv - m) / typicalError[i]!) * Math.sqrt(toy.length / (toy.length - 1)));
  });
  const errorScale = z.length >= 10 ? 1.4826 * median(z) : 1;
  const relScale = scale.errorElectronsPerAdc / scale.electronsPerAdc;
  const n = rows.length;
  const out = {
    lo: new Float64Array(n), hi: new Float64Array(n), rr: new Float64Array(n), n: new Int32Array(n),
    dm: new Float64Array(n), de: new Float64Array(n), em: new Float64Array(n), ee: new Float64Array(n),
    lv: new Float64Array(n), es: new Float64Array(n),
  };
  rows.forEach(({ b, data, toy }, i) => {
    const count = dataByBin[b]!.length;
    const expected = toy.reduce((a, f) => a + f.mpv, 0) / toy.length;
    out.lo[i] = edges[b]!;
    out.hi[i] = edges[b + 1]!;
    out.rr[i] = rrSum[b]! / count;
    out.n[i] = count;
    out.dm[i] = data.mpv;
    out.de[i] = errorScale * typicalError[i]!;
    out.em[i] = expected;
    out.ee[i] = (errorScale * typicalError[i]!) / Math.sqrt(toy.length);
    out.lv[i] = lvSum[b]! / count;
    out.es[i] = toDedx(dQdxFromdEdx(scale.recombination, expected, medium) * (1 + relScale)) / expected - 1;
  });
  return {
    binLowCm: out.lo,
    binHighCm: out.hi,
    residualRangeCm: out.rr,
    nHits: out.n,
    dataMpvMeVPerCm: out.dm,
    dataMpvErrorMeVPerCm: out.de,
    expectedMpvMeVPerCm: out.em,
    expectedMpvErrorMeVPerCm: out.ee,
    landauVavilovMpvMeVPerCm: out.lv,
    energyScaleRelativeError: out.es,
    errorScale,
    nTracks: tracksSeen.size,
    hits: { residualRangeCm: Float64Array.from(allRr), dedxMeVPerCm: Float64Array.from(allDedx) },
  };
}
