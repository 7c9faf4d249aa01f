import { ValidationError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { linearInterpolator, median } from '@nucal/numeric';
import { larDensityGPerCm3, type DriftVelocityPayload, type LifetimeEntry, type LifetimePayload, type T0Payload } from '@nucal/tpc-drift';
import type { CosmicSample } from './cosmic-sample.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { binEstimate, fitLifetime, type LifetimeFitOptions, type LifetimeProfile } from './lifetime-fit.js';
import { sharingResponse } from './sharing-response.js';
import { TrackClass } from './track-classes.js';
import { DEFAULT_WIRES_PER_GROUP, wireGroups, type WireGroupOptions } from './wire-groups.js';

/** Options of {@link lifetimeFromCosmics}. */
export interface LifetimeCalibrationOptions extends LifetimeFitOptions, WireGroupOptions {
  /** Minimum track length for the MIP-enriched through-going sample, cm (default 100). */
  readonly minTrackLengthCm?: number;
  /** Number of equal height slices per TPC (default 3; 0 for none). */
  readonly heightSlices?: number;
  /** Divide each group's dQ/dx by the relative Landau-Vavilov MPV for its length (default true; see README). */
  readonly pitchCorrection?: boolean;
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

/** Lifetime payload plus the dQ/dx profiles behind each entry (for plots). */
export interface LifetimeCalibration {
  readonly payload: LifetimePayload;
  readonly profiles: readonly { readonly entry: LifetimeEntry; readonly profile: LifetimeProfile }[];
}

/**
 * Electron lifetime per TPC and per height slice from the MIP-enriched through-going sample:
 * downward through-going tracks (no anode or cathode crossing, not stopping) longer than
 * `minTrackLengthCm`, cut into groups of `wiresPerGroup` consecutive wires ({@link wireGroups});
 * drift time = mean hit time - t0 (from `dune.t0`); dQ/dx = summed charge / summed pitch,
 * divided by the relative Landau-Vavilov MPV of the group's length; per drift-time bin up to
 * the full drift time L / <vd> (from `dune.drift-velocity`) the robust estimator (truncated mean
 * or Landau-Gaussian MPV), divided by the diffusion response, and an exponential fit
 * ({@link fitLifetime}). Why groups and the response: see README ("Lifetime").
 *
 * @example const { payload } = lifetimeFromCosmics(sample, t0, vd, { heightSlices: 3 });
 */
export function lifetimeFromCosmics(
  sample: CosmicSample,
  t0: T0Payload,
  vd: DriftVelocityPayload,
  options: LifetimeCalibrationOptions = {},
): LifetimeCalibration {
  const module = duneFdSpModule(sample.module);
  const minLength = options.minTrackLengthCm ?? 100;
  const nSlices = options.heightSlices ?? 3;
  const wires = options.wiresPerGroup ?? DEFAULT_WIRES_PER_GROUP;
  const skip = options.skipEndWires ?? 1;
  const { tracks } = sample;
  const nTpc = module.tpcs.length;
  const offset = new Float64Array(nTpc);
  const maxT = new Float64Array(nTpc);
  for (let k = 0; k < nTpc; k++) {
    const e = t0.tpcs.find((x) => x.tpc === k);
    const v = vd.tpcs.find((x) => x.tpc === k);
    if (!e || !v) throw new ValidationError(`TPC ${k} has no ${e ? 'drift velocity' : 't0'}: expected dune.t0 and dune.drift-velocity for every TPC`);
    offset[k] = e.t0OffsetUs;
    maxT[k] = (10 * module.tpcs[k]!.driftLengthCm) / v.vdMmPerUs;
  }
  const groups = wireGroups(sample, (t) => (tracks.flags[t]! & TrackClass.THROUGHGOING) !== 0 && tracks.lengthCm[t]! >= minLength, {
    wiresPerGroup: wires,
    skipEndWires: skip,
  });
  // dQ/dx scaled by the MPV of the group's length relative to a group of wire-pitch wires: groups
  // of steep and shallow tracks then share one scale, so drift-time bins with different track
  // populations stay comparable (a sum of N Landau deposits is a Landau deposit of N pitches).
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(sample.response.temperatureK) });
  const mpvRef = mostProbableDedxMeVPerCm(lar, THROUGHGOING_BETA_GAMMA, wires * sample.wirePitchCm);
  let lastPitch = -1;
  let lastFactor = 1;
  const yMin = module.active.yMin;
  const height = module.active.yMax - yMin;
  // Count, then fill per (tpc, slice) group of values; group 0 of each TPC is the whole TPC.
  const sets = nTpc * (nSlices + 1);
  const counts = new Int32Array(sets);
  for (let i = 0; i < groups.count; i++) {
    const k = groups.tpc[i]!;
    counts[k * (nSlices + 1)]!++;
    if (nSlices > 0) counts[k * (nSlices + 1) + 1 + sliceOf(groups.yCm[i]!, yMin, height, nSlices)]!++;
  }
  const dt = Array.from(counts, (c) => new Float64Array(c));
  const q = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(sets);
  for (let i = 0; i < groups.count; i++) {
    const k = groups.tpc[i]!;
    const time = groups.timeUs[i]! - offset[k]!;
    const p = groups.pitchCm[i]!;
    if (p !== lastPitch) {
      lastPitch = p;
      lastFactor = options.pitchCorrection === false ? 1 : mostProbableDedxMeVPerCm(lar, THROUGHGOING_BETA_GAMMA, wires * p) / mpvRef;
    }
    const dqdx = groups.chargeAdc[i]! / (wires * p) / lastFactor;
    const g0 = k * (nSlices + 1);
    dt[g0]![fill[g0]!] = time;
    q[g0]![fill[g0]!++] = dqdx;
    if (nSlices > 0) {
      const g = g0 + 1 + sliceOf(groups.yCm[i]!, yMin, height, nSlices);
      dt[g]![fill[g]!] = time;
      q[g]![fill[g]!++] = dqdx;
    }
  }
  const driftResponse = options.driftResponse ?? (options.diffusionCorrection === false ? undefined : diffusionResponse(sample, groups.pitchCm, Math.max(...maxT), options));
  const fitOptions: LifetimeFitOptions = { ...options, ...(driftResponse ? { driftResponse } : {}) };
  const profiles: { entry: LifetimeEntry; profile: LifetimeProfile }[] = [];
  for (let k = 0; k < nTpc; k++) {
    for (let s = 0; s <= nSlices; s++) {
      const g = k * (nSlices + 1) + s;
      const slice = s === 0 ? undefined : { yMinCm: yMin + ((s - 1) * height) / nSlices, yMaxCm: yMin + (s * height) / nSlices };
      const r = fitLifetime(k, dt[g]!, q[g]!, maxT[k]!, fitOptions, slice, wires);
      profiles.push({ entry: r.entry, profile: r.profile });
    }
  }
  return { payload: { estimator: options.estimator ?? 'truncated-mean', entries: profiles.map((p) => p.entry) }, profiles };
}

/**
 * The estimator's diffusion response versus drift time for this sample's groups: toy tracks
 * at the median group pitch, interpolated linearly in sqrt(t) between 13 drift times.
 */
function diffusionResponse(
  sample: CosmicSample,
  pitchCm: Float64Array,
  maxDriftTimeUs: number,
  options: LifetimeCalibrationOptions,
): ((driftTimeUs: number) => number) | undefined {
  if (!(sample.response.transverseDiffusionCm2PerS > 0) || pitchCm.length === 0) return undefined;
  const tMax = 1.05 * maxDriftTimeUs;
  const roots = Float64Array.from({ length: RESPONSE_GRID_POINTS }, (_, i) => (Math.sqrt(tMax) * i) / (RESPONSE_GRID_POINTS - 1));
  const response = sharingResponse(sample.response, sample.wirePitchCm, {
    wiresPerGroup: options.wiresPerGroup ?? DEFAULT_WIRES_PER_GROUP,
    skipEndWires: options.skipEndWires ?? 1,
    estimator: (v) => binEstimate(v, options).value,
    pitchCm: median(pitchCm),
    betaGamma: THROUGHGOING_BETA_GAMMA,
    driftTimesUs: Array.from(roots, (r) => r * r),
    tracks: 1500,
  });
  const interp = linearInterpolator(roots, response, { outside: 'clamp' });
  return (t) => interp.at(Math.sqrt(Math.max(0, t)));
}

function sliceOf(y: number, yMin: number, height: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor(((y - yMin) / height) * n)));
}
