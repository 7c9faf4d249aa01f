import { ValidationError, type RandomSource } from '@nucal/core';
import { duneFdSpModule, type LArTpcModule } from '@nucal/geometry';
import { createRng, integerAxis, linearInterpolator, median, regularAxis, splitByBin } from '@nucal/numeric';
import {
  fitLifetimeProfile,
  lifetimeProfile,
  larDensityGPerCm3,
  type DriftVelocityPayload,
  type LifetimeEntry,
  type LifetimeEstimator,
  type LifetimePayload,
  type LifetimeProfile,
  type T0Payload,
} from '@nucal/tpc-drift';
import type { ReconstructedSample } from './cosmic-sample.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { sharingResponse } from './sharing-response.js';
import { TrackClass } from './track-classes.js';
import { DEFAULT_WIRES_PER_GROUP, wireGroups, type WireGroupOptions, type WireGroups } from './wire-groups.js';

/**
 * Default truncation of the truncated mean: drop the lowest 5% and the highest 40% of the values.
 * Cutting deep into the Landau tail is what keeps the estimator of wire groups as precise as on
 * single wires (README, "Lifetime").
 */
export const DEFAULT_TRUNCATION: readonly [number, number] = [0.05, 0.4];

/** Options of {@link lifetimeFromCosmics}. */
export interface LifetimeCalibrationOptions extends WireGroupOptions {
  /** Per-bin estimator: truncated mean (default) or Landau-Gaussian most probable value. */
  readonly estimator?: LifetimeEstimator;
  /** Drift-time bins between 0 and the full drift time (default 10). */
  readonly bins?: number;
  /** Fractions dropped at the low and high end by the truncated mean (default {@link DEFAULT_TRUNCATION}). */
  readonly truncation?: readonly [number, number];
  /** Bins with fewer wire groups are dropped (default 40; the Landau-Gaussian fit needs at least 50). */
  readonly minValuesPerBin?: number;
  /**
   * Expected estimator at a drift time relative to zero drift without attenuation; replaces
   * the diffusion response. Default: the diffusion response of {@link sharingResponse}.
   */
  readonly driftResponse?: (driftTimeUs: number) => number;
  /** Minimum track length for the MIP-enriched through-going sample, cm (default 100). */
  readonly minTrackLengthCm?: number;
  /** Number of equal height slices per TPC (default 3; 0 for none). */
  readonly heightSlices?: number;
  /** Divide each group's dQ/dx by the relative Landau-Vavilov MPV for its length (default true; see README). */
  readonly pitchCorrection?: boolean;
  /** Bootstrap replicas over tracks for the whole-TPC lifetime error (truncated mean only; default 20, 0 for none). */
  readonly bootstrapReplicas?: number;
  /**
   * Divide each bin's estimator by the diffusion response of {@link sharingResponse} for the
   * nominal D_T of `sample.response` (default true; ignored when `driftResponse` is given).
   */
  readonly diffusionCorrection?: boolean;
}

/** beta gamma assumed for through-going muons (Fermi plateau; their momentum is not measured). */
const THROUGHGOING_BETA_GAMMA = 1000;
/** Drift-time grid of the diffusion response (uniform in sqrt(t), where the sharing fraction is smooth). */
const RESPONSE_GRID_POINTS = 13;

/** The fitted exponential q0 exp(-t / tau) sampled over the profile's drift times (for plots). */
export interface LifetimeCurve {
  readonly driftTimeUs: Float64Array;
  readonly dqdx: Float64Array;
}

/** One lifetime entry with the dQ/dx profile it was fitted to and the fitted curve. */
export interface LifetimeProfileFit {
  readonly entry: LifetimeEntry;
  readonly profile: LifetimeProfile;
  readonly q0: number;
  readonly curve: LifetimeCurve;
}

/** Lifetime payload plus the dQ/dx profiles behind each entry and their fitted curves (for plots). */
export interface LifetimeCalibration {
  readonly payload: LifetimePayload;
  readonly profiles: readonly LifetimeProfileFit[];
}

/**
 * The fitted exponential q0 exp(-t lambda) (parameters `q0`, `inverseLifetimePerMs` of the
 * entry's fit) at `points` drift times from 0 to 5% beyond the profile's last bin.
 *
 * @example lifetimeFitCurve(entry, profile).dqdx[0] // q0
 */
export function lifetimeFitCurve(entry: LifetimeEntry, profile: LifetimeProfile, points = 41): LifetimeCurve {
  const q0 = entry.fit.values.q0 ?? 0;
  const inv = entry.fit.values.inverseLifetimePerMs ?? 0;
  const tMax = profile.driftTimeUs[profile.driftTimeUs.length - 1] ?? 0;
  const driftTimeUs = Float64Array.from({ length: points }, (_, i) => (tMax * 1.05 * i) / (points - 1));
  return { driftTimeUs, dqdx: Float64Array.from(driftTimeUs, (t) => q0 * Math.exp((-t * inv) / 1000)) };
}

/**
 * Electron lifetime per TPC and per height slice from the MIP-enriched through-going sample:
 * downward through-going tracks (no anode or cathode crossing, not stopping) longer than
 * `minTrackLengthCm`, cut into groups of `wiresPerGroup` consecutive wires ({@link wireGroups});
 * drift time = mean hit time - t0 (from `dune.t0`); dQ/dx = summed charge / summed pitch,
 * divided by the relative Landau-Vavilov MPV of the group's length; per drift-time bin up to
 * the full drift time L / <vd> (from `dune.drift-velocity`) the robust estimator (truncated mean
 * or Landau-Gaussian MPV), divided by the diffusion response, and an exponential fit
 * (`@nucal/tpc-drift`'s `fitLifetimeProfile`). Why groups and the response: see README ("Lifetime").
 *
 * @example const { payload } = lifetimeFromCosmics(sample, t0, vd, { heightSlices: 3 });
 */
export function lifetimeFromCosmics(
  sample: ReconstructedSample,
  t0: T0Payload,
  vd: DriftVelocityPayload,
  options: LifetimeCalibrationOptions = {},
): LifetimeCalibration {
  const module = duneFdSpModule(sample.module);
  const wires = options.wiresPerGroup ?? DEFAULT_WIRES_PER_GROUP;
  const drift = driftRanges(module, t0, vd);
  const { tracks } = sample;
  const minLength = options.minTrackLengthCm ?? 100;
  const groups = wireGroups(sample, (t) => (tracks.flags[t]! & TrackClass.THROUGHGOING) !== 0 && tracks.lengthCm[t]! >= minLength, {
    wiresPerGroup: wires,
    skipEndWires: options.skipEndWires ?? 1,
  });
  const { driftTimeUs, dQdx } = groupDqdx(sample, groups, drift.offsetUs, options.pitchCorrection !== false);
  const estimator = options.estimator ?? 'truncated-mean';
  const truncation = options.truncation ?? DEFAULT_TRUNCATION;
  const driftResponse =
    options.driftResponse ?? (options.diffusionCorrection === false ? undefined : diffusionResponse(sample, groups.pitchCm, Math.max(...drift.fullDriftTimeUs), estimator, truncation, options));
  // A reconstructed group can be unusable (non-positive charge from noise, a mis-measured
  // pitch): the Landau-Gaussian fit needs finite positive values.
  for (let i = 0; i < dQdx.length; i++) if (!(dQdx[i]! > 0 && Number.isFinite(dQdx[i]!))) dQdx[i] = Number.NaN;
  const sets = groupsByTpcAndSlice(module, groups, driftTimeUs, dQdx, options.heightSlices ?? 3).map((set) => {
    const keep: number[] = [];
    for (let i = 0; i < set.dQdx.length; i++) if (!Number.isNaN(set.dQdx[i]!)) keep.push(i);
    if (keep.length === set.dQdx.length) return set;
    const pick = (a: Float64Array): Float64Array => Float64Array.from(keep, (i) => a[i]!);
    return { ...set, driftTimeUs: pick(set.driftTimeUs), dQdx: pick(set.dQdx), ...(set.track ? { track: pick(set.track) } : {}) };
  });
  const profiles: LifetimeProfileFit[] = [];
  const bootstrap = createRng('cosmics.lifetime-bootstrap');
  for (const set of sets) {
    const fitOptions = {
      estimator, truncation, bins: options.bins ?? 10, minHitsPerBin: options.minValuesPerBin ?? 40, tpc: set.tpc,
      ...(set.slice ? { slice: set.slice } : {}),
      driftTimeRangeUs: [0, drift.fullDriftTimeUs[set.tpc]!] as [number, number],
      ...(driftResponse ? { driftCorrection: driftResponse } : {}),
    };
    const r = fitLifetimeProfile(set.driftTimeUs, set.dQdx, fitOptions);
    // Whole-TPC lifetime error: also from a bootstrap over tracks (their groups share the
    // track's reconstructed pitch and direction; README, "Pull study"), the larger one kept.
    const replicas = estimator === 'truncated-mean' && set.track ? (options.bootstrapReplicas ?? 20) : 0;
    const bootError = replicas > 1 ? trackBootstrapLifetimeError(set, fitOptions, replicas, bootstrap) : 0;
    // The payload counts hits; the fit counted wire groups.
    const entry = { ...r.entry, nHits: r.entry.nHits * wires, errorMs: Math.max(r.entry.errorMs, bootError) };
    profiles.push({ ...r, entry, curve: lifetimeFitCurve(entry, r.profile) });
  }
  return { payload: { estimator, entries: profiles.map((p) => p.entry) }, profiles };
}

/**
 * Standard deviation of the lifetime over `replicas` fits of bootstrap samples that draw whole
 * tracks with replacement (all groups of a drawn track together); failed fits are skipped.
 */
function trackBootstrapLifetimeError(set: GroupSet, fitOptions: Parameters<typeof fitLifetimeProfile>[2], replicas: number, rng: RandomSource): number {
  const byTrack = new Map<number, number[]>();
  for (let i = 0; i < set.track!.length; i++) {
    const l = byTrack.get(set.track![i]!);
    if (l) l.push(i);
    else byTrack.set(set.track![i]!, [i]);
  }
  const lists = [...byTrack.values()];
  if (lists.length < 10) return 0;
  const taus: number[] = [];
  for (let r = 0; r < replicas; r++) {
    const t: number[] = [];
    const q: number[] = [];
    for (let k = 0; k < lists.length; k++) {
      for (const i of lists[Math.floor(rng.uniform() * lists.length)]!) {
        t.push(set.driftTimeUs[i]!);
        q.push(set.dQdx[i]!);
      }
    }
    try {
      const tau = fitLifetimeProfile(Float64Array.from(t), Float64Array.from(q), fitOptions).entry.lifetimeMs;
      if (Number.isFinite(tau)) taus.push(tau);
    } catch {
      // A replica without enough bins for a fit says nothing about the spread.
    }
  }
  if (taus.length < 5) return 0;
  const m = taus.reduce((a, b) => a + b, 0) / taus.length;
  return Math.sqrt(taus.reduce((a, b) => a + (b - m) ** 2, 0) / (taus.length - 1));
}

/** Step 1: per TPC, the t0 offset (`dune.t0`) and the full drift time L / <vd> (`dune.drift-velocity`), us. */
function driftRanges(module: LArTpcModule, t0: T0Payload, vd: DriftVelocityPayload): { offsetUs: Float64Array; fullDriftTimeUs: Float64Array } {
  const nTpc = module.tpcs.length;
  const offsetUs = new Float64Array(nTpc);
  const fullDriftTimeUs = new Float64Array(nTpc);
  for (let k = 0; k < nTpc; k++) {
    const e = t0.tpcs.find((x) => x.tpc === k);
    const v = vd.tpcs.find((x) => x.tpc === k);
    if (!e || !v) throw new ValidationError(`TPC ${k} has no ${e ? 'drift velocity' : 't0'}: expected dune.t0 and dune.drift-velocity for every TPC`);
    offsetUs[k] = e.t0OffsetUs;
    fullDriftTimeUs[k] = (10 * module.tpcs[k]!.driftLengthCm) / v.vdMmPerUs;
  }
  return { offsetUs, fullDriftTimeUs };
}

/**
 * Step 2: each wire group's drift time (mean hit time - t0) and dQ/dx (summed charge / summed
 * pitch), scaled by the Landau-Vavilov MPV of the group's length relative to a group of
 * wire-pitch wires: groups of steep and shallow tracks then share one scale, so drift-time bins
 * with different track populations stay comparable (a sum of N Landau deposits is a Landau
 * deposit of N pitches).
 */
function groupDqdx(sample: ReconstructedSample, groups: WireGroups, offsetUs: Float64Array, pitchCorrection: boolean): { driftTimeUs: Float64Array; dQdx: Float64Array } {
  const wires = groups.wiresPerGroup;
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(sample.response.temperatureK) });
  const mpvRef = mostProbableDedxMeVPerCm(lar, THROUGHGOING_BETA_GAMMA, wires * sample.wirePitchCm);
  let lastPitch = -1;
  let lastFactor = 1;
  const driftTimeUs = new Float64Array(groups.count);
  const dQdx = new Float64Array(groups.count);
  for (let i = 0; i < groups.count; i++) {
    const p = groups.pitchCm[i]!;
    if (p !== lastPitch) {
      lastPitch = p;
      lastFactor = pitchCorrection ? mostProbableDedxMeVPerCm(lar, THROUGHGOING_BETA_GAMMA, wires * p) / mpvRef : 1;
    }
    driftTimeUs[i] = groups.timeUs[i]! - offsetUs[groups.tpc[i]!]!;
    dQdx[i] = groups.chargeAdc[i]! / (wires * p) / lastFactor;
  }
  return { driftTimeUs, dQdx };
}

/** One set of wire groups to fit: a whole TPC or one of its height slices. */
interface GroupSet {
  readonly tpc: number;
  readonly slice?: { readonly yMinCm: number; readonly yMaxCm: number };
  readonly driftTimeUs: Float64Array;
  readonly dQdx: Float64Array;
  /** Track of each group (whole-TPC sets only; for the bootstrap over tracks). */
  readonly track?: Float64Array;
}

/**
 * Step 3: the groups of each TPC, then of each of its `nSlices` equal height slices of the
 * active volume (a group below or above counts in the end slice), in sample order; sets ordered
 * by TPC, whole TPC first.
 */
function groupsByTpcAndSlice(module: LArTpcModule, groups: WireGroups, driftTimeUs: Float64Array, dQdx: Float64Array, nSlices: number): GroupSet[] {
  const nTpc = module.tpcs.length;
  const yMin = module.active.yMin;
  const height = module.active.yMax - yMin;
  const tpcAxis = integerAxis(0, nTpc, { label: 'TPC' });
  const t = splitByBin(tpcAxis, groups.tpc, driftTimeUs);
  const tracks = splitByBin(tpcAxis, groups.tpc, Float64Array.from(groups.track));
  const q = splitByBin(tpcAxis, groups.tpc, dQdx);
  let tSlice: Float64Array[] = [];
  let qSlice: Float64Array[] = [];
  if (nSlices > 0) {
    const axis = regularAxis(nSlices, yMin, module.active.yMax, { label: 'height', unit: 'cm' });
    const set = new Float64Array(groups.count);
    for (let i = 0; i < groups.count; i++) set[i] = groups.tpc[i]! * nSlices + Math.min(nSlices - 1, Math.max(0, axis.index(groups.yCm[i]!)));
    const setAxis = integerAxis(0, nTpc * nSlices);
    tSlice = splitByBin(setAxis, set, driftTimeUs);
    qSlice = splitByBin(setAxis, set, dQdx);
  }
  const sets: GroupSet[] = [];
  for (let k = 0; k < nTpc; k++) {
    sets.push({ tpc: k, driftTimeUs: t[k]!, dQdx: q[k]!, track: tracks[k]! });
    for (let s = 0; s < nSlices; s++) {
      const slice = { yMinCm: yMin + (s * height) / nSlices, yMaxCm: yMin + ((s + 1) * height) / nSlices };
      sets.push({ tpc: k, slice, driftTimeUs: tSlice[k * nSlices + s]!, dQdx: qSlice[k * nSlices + s]! });
    }
  }
  return sets;
}

/**
 * The estimator's diffusion response versus drift time for this sample's groups: toy tracks
 * at the median group pitch, interpolated linearly in sqrt(t) between 13 drift times.
 */
function diffusionResponse(
  sample: ReconstructedSample,
  pitchCm: Float64Array,
  maxDriftTimeUs: number,
  estimator: LifetimeEstimator,
  truncation: readonly [number, number],
  options: LifetimeCalibrationOptions,
): ((driftTimeUs: number) => number) | undefined {
  if (!(sample.response.transverseDiffusionCm2PerS > 0) || pitchCm.length === 0) return undefined;
  const tMax = 1.05 * maxDriftTimeUs;
  const roots = Float64Array.from({ length: RESPONSE_GRID_POINTS }, (_, i) => (Math.sqrt(tMax) * i) / (RESPONSE_GRID_POINTS - 1));
  const response = sharingResponse(sample.response, sample.wirePitchCm, {
    wiresPerGroup: options.wiresPerGroup ?? DEFAULT_WIRES_PER_GROUP,
    skipEndWires: options.skipEndWires ?? 1,
    // The very estimator of the fit: tpc-drift's lifetimeProfile with all toy values in its first bin.
    estimator: (v) => {
      const p = lifetimeProfile(new Float64Array(v.length), v, { estimator, truncation, bins: 3, minHitsPerBin: 2, driftTimeRangeUs: [0, 1] });
      return p.value[0]!;
    },
    pitchCm: median(pitchCm),
    betaGamma: THROUGHGOING_BETA_GAMMA,
    driftTimesUs: Array.from(roots, (r) => r * r),
    tracks: 1500,
  });
  const interp = linearInterpolator(roots, response, { outside: 'clamp' });
  return (t) => interp.at(Math.sqrt(Math.max(0, t)));
}
