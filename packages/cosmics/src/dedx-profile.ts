import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { langauMpv, median, normal, splitByBin, variableAxis, type LangauMpv, type VariableAxis } from '@nucal/numeric';
import { dEdxFromdQdx, dQdxFromdEdx, diffusionSigmaCm, larDensityGPerCm3, type EnergyScalePayload, type LifetimePayload, type ResponseModel, type T0Payload } from '@nucal/tpc-drift';
import { betaGammaFromKineticEnergy } from './bethe.js';
import { chargeSharingFraction, shareChargeInPlace } from './charge-sharing.js';
import type { ReconstructedSample } from './cosmic-sample.js';
import { csdaRangeTable, type CsdaRangeTable } from './csda-range.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon, type StoppingMaterial } from './lar-material.js';
import { lifetimeLookup, type LifetimeLookup } from './lifetime-lookup.js';
import { TrackClass } from './track-classes.js';
import { wireChargeModel, type WireChargeModel } from './wire-charge-model.js';

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
  /**
   * Every hit in the binned range: residual range (cm), calibrated dE/dx (MeV/cm) and the index
   * of its reconstructed track in the sample (hits of one track are correlated: shared charge,
   * common stopping point), for a 2D density and for {@link dedxShapeTest}.
   */
  readonly hits: { readonly residualRangeCm: Float64Array; readonly dedxMeVPerCm: Float64Array; readonly track: Int32Array };
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
  sample: ReconstructedSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  scale: EnergyScalePayload,
  rng: RandomSource,
  options: DedxProfileOptions = {},
): DedxProfile {
  const settings = profileSettings(options, sample.response);
  const conversion = calorimetry(sample, t0, lifetime, scale, settings);
  const hits = collectStoppingMuonHits(sample, conversion, settings, rng);
  const bins = fitProfileBins(hits, settings);
  const { errorScale, typicalError } = replicaErrorScale(bins);
  const n = bins.length;
  const out = {
    lo: new Float64Array(n), hi: new Float64Array(n), rr: new Float64Array(n), n: new Int32Array(n),
    dm: new Float64Array(n), de: new Float64Array(n), em: new Float64Array(n), ee: new Float64Array(n),
    lv: new Float64Array(n), es: new Float64Array(n),
  };
  const relScale = scale.errorElectronsPerAdc / scale.electronsPerAdc;
  const edges = settings.axis.edgeTable;
  bins.forEach(({ b, data, toy }, i) => {
    const count = hits.data[b]!.length;
    const expected = toy.reduce((a, f) => a + f.mpv, 0) / toy.length;
    out.lo[i] = edges[b]!;
    out.hi[i] = edges[b + 1]!;
    out.rr[i] = sumInOrder(hits.residualRange[b]!) / count;
    out.n[i] = count;
    out.dm[i] = data.mpv;
    out.de[i] = errorScale * typicalError[i]!;
    out.em[i] = expected;
    out.ee[i] = (errorScale * typicalError[i]!) / Math.sqrt(toy.length);
    out.lv[i] = sumInOrder(hits.landauVavilov[b]!) / count;
    out.es[i] = conversion.toDedx(dQdxFromdEdx(scale.recombination, expected, conversion.medium) * (1 + relScale)) / expected - 1;
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
    nTracks: hits.nTracks,
    hits: { residualRangeCm: hits.allResidualRange, dedxMeVPerCm: hits.allDedx, track: hits.allTrack },
  };
}

/** Sum of the values in their order (the order the per-bin sums always had). */
function sumInOrder(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]!;
  return s;
}

/** Checked options of the profile: the residual-range axis, toy replicas, fewest hits per bin, diffusion. */
interface ProfileSettings {
  readonly axis: VariableAxis;
  readonly replicas: number;
  readonly minHits: number;
  readonly diffusion: boolean;
}

/** Step 1: the residual-range axis (bin edges) and the other options, checked; diffusion only where the response has some. */
function profileSettings(options: DedxProfileOptions, response: ResponseModel): ProfileSettings {
  const edges = options.binEdgesCm ?? DEFAULT_DEDX_PROFILE_BINS_CM;
  if (edges.length < 2 || !(edges[0]! >= 0) || edges.some((e, i) => i > 0 && !(e > edges[i - 1]!))) {
    throw new ValidationError(`dE/dx profile bin edges [${edges.join(', ')}] cm: expected at least two increasing values >= 0`);
  }
  const replicas = options.templateReplicas ?? 4;
  if (!Number.isInteger(replicas) || replicas < 1) throw new ValidationError(`templateReplicas ${replicas}: expected an integer >= 1`);
  return {
    axis: variableAxis(edges, { label: 'residual range', unit: 'cm' }),
    replicas,
    minHits: options.minHitsPerBin ?? 100,
    diffusion: (options.diffusion ?? true) && response.transverseDiffusionCm2PerS > 0,
  };
}

/** What turns a hit into calibrated dE/dx, and the nominal model of the toy. */
interface Calorimetry {
  readonly settings: ProfileSettings;
  readonly lar: StoppingMaterial;
  readonly range: CsdaRangeTable;
  readonly model: WireChargeModel;
  readonly tau: LifetimeLookup;
  readonly offset: ReadonlyMap<number, number>;
  /** Per-TPC energy-scale constants (whole-detector constant where absent). */
  readonly constant: ReadonlyMap<number, number>;
  readonly scale: EnergyScalePayload;
  readonly medium: { fieldKvPerCm: number; densityGPerCm3: number; wMeV: number };
  /** dE/dx, MeV/cm, of a charge per length, electrons/cm, through the payload's inverse recombination. */
  toDedx(electronsPerCm: number): number;
}

/** Step 2: the calorimetric conversion of the payloads (t0, lifetime, energy scale) and the nominal model of the sample's response. */
function calorimetry(
  sample: ReconstructedSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  scale: EnergyScalePayload,
  settings: ProfileSettings,
): Calorimetry {
  const response = sample.response;
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(response.temperatureK) });
  const medium = { fieldKvPerCm: scale.fieldKvPerCm, densityGPerCm3: scale.densityGPerCm3, wMeV: scale.wMeV };
  return {
    settings,
    lar,
    range: csdaRangeTable(lar, { maxKineticEnergyMeV: 1e5 }),
    model: wireChargeModel(response),
    tau: lifetimeLookup(lifetime),
    offset: new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs])),
    constant: new Map((scale.tpcs ?? []).map((e) => [e.tpc, e.electronsPerAdc])),
    scale,
    medium,
    toDedx: (electronsPerCm) => dEdxFromdQdx(scale.recombination, Math.max(0, electronsPerCm), medium),
  };
}

/** Stopping-muon hits in the binned range, per residual-range bin (views in hit order), data and toy replicas alike. */
interface ProfileHits {
  /** Calibrated dE/dx of the data per bin. */
  readonly data: readonly Float64Array[];
  /** Per replica, per bin: the toy's dE/dx of the same hits. */
  readonly toy: readonly (readonly Float64Array[])[];
  /** Per bin: residual range and Landau-Vavilov MPV of each hit. */
  readonly residualRange: readonly Float64Array[];
  readonly landauVavilov: readonly Float64Array[];
  readonly allResidualRange: Float64Array;
  readonly allDedx: Float64Array;
  readonly allTrack: Int32Array;
  readonly nTracks: number;
}

/** Per-hit working arrays of one track piece, grown as needed. */
class PieceScratch {
  kinetic = new Float64Array(1024);
  share = new Float64Array(1024);
  correction = new Float64Array(1024);
  charge = new Float64Array(1024);
  scratch = new Float64Array(1024);

  ensure(n: number): void {
    if (n <= this.kinetic.length) return;
    this.kinetic = new Float64Array(2 * n);
    this.share = new Float64Array(2 * n);
    this.correction = new Float64Array(2 * n);
    this.charge = new Float64Array(2 * n);
    this.scratch = new Float64Array(2 * n);
  }
}

/**
 * Step 3: every stopping-muon track piece reaching the binned range: the data (each hit's
 * calibrated dE/dx, {@link pieceData}), then the toy replicas of the same hits
 * ({@link pieceReplicas}), piece after piece; then the values split by residual-range bin.
 */
function collectStoppingMuonHits(sample: ReconstructedSample, c: Calorimetry, settings: ProfileSettings, rng: RandomSource): ProfileHits {
  const { hits, tracks, segments } = sample;
  const rrMax = settings.axis.hi;
  const rr: number[] = [];
  const dedx: number[] = [];
  const lv: number[] = [];
  const trackOf: number[] = [];
  const toy: number[][] = Array.from({ length: settings.replicas }, () => []);
  const seen = new Set<number>();
  const work = new PieceScratch();
  for (let s = 0; s < segments.count; s++) {
    const track = segments.track[s]!;
    const nh = segments.hitCount[s]!;
    if (!(tracks.flags[track]! & TrackClass.STOPPING) || nh === 0) continue;
    const first = segments.firstHit[s]!;
    const lengthCm = tracks.lengthCm[track]!;
    // Residual range falls along the piece; skip pieces entirely beyond the binned range.
    if (lengthCm - hits.pathCm[first + nh - 1]! >= rrMax) continue;
    work.ensure(nh);
    // The toy covers the hits in the binned range and the neighbour just before it (whose
    // charge the first hit in range shares); that neighbour's own value is not used.
    let h0 = 0;
    while (h0 < nh - 1 && lengthCm - hits.pathCm[first + h0 + 1]! >= rrMax) h0++;
    const piece = { segment: s, track, first: first + h0, count: nh - h0, lengthCm };
    const inRange = pieceData(sample, c, piece, work, { rr, dedx, lv });
    for (let k = 0; k < inRange; k++) trackOf.push(track);
    if (inRange > 0) seen.add(track);
    pieceReplicas(sample, c, piece, work, rng, toy);
  }
  const axis = settings.axis;
  return {
    data: splitByBin(axis, rr, dedx),
    toy: toy.map((values) => splitByBin(axis, rr, values)),
    residualRange: splitByBin(axis, rr, rr),
    landauVavilov: splitByBin(axis, rr, lv),
    allResidualRange: Float64Array.from(rr),
    allDedx: Float64Array.from(dedx),
    allTrack: Int32Array.from(trackOf),
    nTracks: seen.size,
  };
}

/** A stopping muon's piece in one TPC from the first hit the toy needs: hit `first` and the `count - 1` after it. */
interface Piece {
  readonly segment: number;
  readonly track: number;
  readonly first: number;
  readonly count: number;
  readonly lengthCm: number;
}

/**
 * The data of one piece: per hit its CSDA kinetic energy, diffusion sharing fraction and
 * lifetime correction (kept in `work` for the replicas) and, for hits in the binned range, the
 * residual range, the calibrated dE/dx (lifetime-corrected charge x energy-scale constant
 * through the inverse recombination) and the Landau-Vavilov MPV at the hit's pitch and energy.
 * Returns the number of hits in range.
 */
function pieceData(sample: ReconstructedSample, c: Calorimetry, piece: Piece, work: PieceScratch, out: { rr: number[]; dedx: number[]; lv: number[] }): number {
  const { hits, segments, response } = sample;
  const tpc = segments.tpc[piece.segment]!;
  const t0k = c.offset.get(tpc) ?? 0;
  const constant = c.constant.get(tpc) ?? c.scale.electronsPerAdc;
  const pitch = hits.pitchCm[piece.first]!;
  const axis = c.settings.axis;
  let inRange = 0;
  for (let h = 0; h < piece.count; h++) {
    const j = piece.first + h;
    const rr = piece.lengthCm - hits.pathCm[j]!;
    const driftUs = Math.max(0, hits.timeUs[j]! - t0k);
    work.kinetic[h] = c.range.kineticEnergyMeV_fromRangeCm(Math.max(0, rr));
    work.share[h] = c.settings.diffusion && driftUs > 0 ? chargeSharingFraction(diffusionSigmaCm(response.transverseDiffusionCm2PerS, driftUs), sample.wirePitchCm) : 0;
    work.correction[h] = Math.exp(driftUs / (1000 * c.tau.lifetimeMs(tpc, hits.yCm[j]!)));
    const b = axis.index(rr);
    if (b < 0 || b >= axis.bins) continue;
    inRange++;
    out.rr.push(rr);
    out.dedx.push(c.toDedx((constant * hits.chargeAdc[j]! * work.correction[h]!) / pitch));
    out.lv.push(mostProbableDedxMeVPerCm(c.lar, Math.max(0.1, betaGammaFromKineticEnergy(work.kinetic[h]!)), pitch));
  }
  return inRange;
}

/**
 * The toy replicas of one piece, each from the nominal model the energy-scale method uses
 * ({@link wireChargeModel}: deposit at the hit's pitch and CSDA energy, recombination), shared
 * between neighbouring hits as transverse diffusion does at each hit's drift time, plus the
 * nominal noise times the lifetime correction, through the same calorimetric conversion. Per
 * replica: every hit's charge, then the noise of each hit in range (the draw order).
 */
function pieceReplicas(sample: ReconstructedSample, c: Calorimetry, piece: Piece, work: PieceScratch, rng: RandomSource, toy: number[][]): void {
  const { hits, response } = sample;
  const pitch = hits.pitchCm[piece.first]!;
  const axis = c.settings.axis;
  for (let r = 0; r < toy.length; r++) {
    for (let h = 0; h < piece.count; h++) work.charge[h] = c.model.electrons(rng, pitch, Math.max(0.1, betaGammaFromKineticEnergy(work.kinetic[h]!)), work.kinetic[h]!);
    if (c.settings.diffusion) shareChargeInPlace(work.charge, work.share, 0, piece.count, work.scratch);
    for (let h = 0; h < piece.count; h++) {
      const b = axis.index(piece.lengthCm - hits.pathCm[piece.first + h]!);
      if (b < 0 || b >= axis.bins) continue;
      const noise = response.noiseElectrons > 0 ? normal(rng, 0, response.noiseElectrons * work.correction[h]!) : 0;
      toy[r]!.push(c.toDedx((work.charge[h]! + noise) / pitch));
    }
  }
}

/** One fitted residual-range bin: its index, the data fit and the replica fits. */
interface FittedBin {
  readonly b: number;
  readonly data: LangauMpv;
  readonly toy: readonly LangauMpv[];
}

/**
 * Step 4: per bin with enough hits, a Landau-Gaussian MPV fit of the data and of each replica
 * with the same histogram binning (so any binning bias is common). A bin whose data fit, or
 * all but one replica fit, does not converge is left out rather than failing the calibration.
 */
function fitProfileBins(hits: ProfileHits, settings: ProfileSettings): FittedBin[] {
  const fit = (values: ArrayLike<number>, bins: number): LangauMpv | null => {
    try {
      return langauMpv(values, { bins });
    } catch {
      return null;
    }
  };
  const rows: FittedBin[] = [];
  const replicas = settings.replicas;
  for (let b = 0; b < settings.axis.bins; b++) {
    const data = hits.data[b]!;
    if (data.length < settings.minHits) continue;
    const bins = Math.min(60, Math.max(20, Math.round(Math.sqrt(0.84 * data.length))));
    const fd = fit(data, bins);
    if (!fd) continue;
    // Replica fits stop once the bin can no longer reach the two it needs: a failed fit costs
    // several retries, so a bin whose fits fail is given up early.
    const needed = Math.min(2, replicas);
    const toy: LangauMpv[] = [];
    for (let r = 0; r < replicas && toy.length + (replicas - r) >= needed; r++) {
      const f = fit(hits.toy[r]![b]!, bins);
      if (f) toy.push(f);
    }
    if (toy.length >= needed) rows.push({ b, data: fd, toy });
  }
  return rows;
}

/**
 * Step 5: the error of each bin and their common scale. A fit's HESSE error scatters from fit
 * to fit (width and Gaussian sigma trade off), so each bin's error is the median of the HESSE
 * errors of its data and replica fits (same number of values, nearly the same distribution).
 * The error scale is the robust spread of the replica MPVs about their bin's mean in units of
 * that error (sqrt(R / (R - 1)) undoes the deviation from a mean that includes the value
 * itself); a median keeps a rare bad fit from driving it. 1 with fewer than 10 replica fits.
 */
function replicaErrorScale(rows: readonly FittedBin[]): { errorScale: number; typicalError: number[] } {
  const typicalError = rows.map(({ data, toy }) => median([data.error, ...toy.map((f) => f.error)]));
  const z: number[] = [];
  rows.forEach(({ toy }, i) => {
    if (toy.length < 2) return;
    const m = toy.reduce((a, f) => a + f.mpv, 0) / toy.length;
    for (const f of toy) z.push((Math.abs(f.mpv - m) / typicalError[i]!) * Math.sqrt(toy.length / (toy.length - 1)));
  });
  return { errorScale: z.length >= 10 ? 1.4826 * median(z) : 1, typicalError };
}
