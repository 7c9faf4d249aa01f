import { ValidationError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import type { DriftVelocityPayload, LifetimeEntry, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import type { CosmicSample } from './cosmic-sample.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { larDensityGPerCm3 } from '@nucal/tpc-drift';
import { fitLifetime, type LifetimeFitOptions, type LifetimeProfile } from './lifetime-fit.js';
import { TrackClass } from './track-classes.js';

/** Options of {@link lifetimeFromCosmics}. */
export interface LifetimeCalibrationOptions extends LifetimeFitOptions {
  /** Minimum track length for the MIP-enriched through-going sample, cm (default 100). */
  readonly minTrackLengthCm?: number;
  /** Number of equal height slices per TPC (default 3; 0 for none). */
  readonly heightSlices?: number;
  /** Divide each hit's dQ/dx by the relative Landau-Vavilov MPV for its pitch (default true; see README). */
  readonly pitchCorrection?: boolean;
}

/** beta gamma assumed for through-going muons (Fermi plateau; their momentum is not measured). */
const THROUGHGOING_BETA_GAMMA = 1000;

/** Lifetime payload plus the dQ/dx profiles behind each entry (for plots). */
export interface LifetimeCalibration {
  readonly payload: LifetimePayload;
  readonly profiles: readonly { readonly entry: LifetimeEntry; readonly profile: LifetimeProfile }[];
}

/**
 * Electron lifetime per TPC and per height slice from the MIP-enriched through-going sample:
 * downward through-going tracks (no anode or cathode crossing, not stopping) longer than
 * `minTrackLengthCm`; drift time = hit time - t0 (from `dune.t0`); dQ/dx = charge / pitch;
 * truncated mean per drift-time bin up to the full drift time L / <vd> (from
 * `dune.drift-velocity`) and an exponential fit ({@link fitLifetime}).
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
  const { hits, tracks } = sample;
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
  // Per-pitch MPV relative to the wire pitch: hits of steep and shallow tracks then share one scale,
  // so drift-time bins with different track populations stay comparable.
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(sample.response.temperatureK) });
  const mpvRef = mostProbableDedxMeVPerCm(lar, THROUGHGOING_BETA_GAMMA, sample.wirePitchCm);
  const pitchFactor = (p: number): number => (options.pitchCorrection === false ? 1 : mostProbableDedxMeVPerCm(lar, THROUGHGOING_BETA_GAMMA, p) / mpvRef);
  let lastPitch = -1;
  let lastFactor = 1;
  const yMin = module.active.yMin;
  const height = module.active.yMax - yMin;
  // Count, then fill per (tpc, slice) group; group 0 of each TPC is the whole TPC.
  const groups = nTpc * (nSlices + 1);
  const counts = new Int32Array(groups);
  const keep = new Uint8Array(hits.count);
  for (let j = 0; j < hits.count; j++) {
    const t = hits.track[j]!;
    if (!(tracks.flags[t]! & TrackClass.THROUGHGOING) || tracks.lengthCm[t]! < minLength) continue;
    keep[j] = 1;
    const k = hits.tpc[j]!;
    counts[k * (nSlices + 1)]!++;
    if (nSlices > 0) counts[k * (nSlices + 1) + 1 + sliceOf(hits.yCm[j]!, yMin, height, nSlices)]!++;
  }
  const dt = Array.from(counts, (c) => new Float64Array(c));
  const q = Array.from(counts, (c) => new Float64Array(c));
  const fill = new Int32Array(groups);
  for (let j = 0; j < hits.count; j++) {
    if (!keep[j]) continue;
    const k = hits.tpc[j]!;
    const time = hits.timeUs[j]! - offset[k]!;
    const p = hits.pitchCm[j]!;
    if (p !== lastPitch) {
      lastPitch = p;
      lastFactor = pitchFactor(p);
    }
    const dqdx = hits.chargeAdc[j]! / p / lastFactor;
    const g0 = k * (nSlices + 1);
    dt[g0]![fill[g0]!] = time;
    q[g0]![fill[g0]!++] = dqdx;
    if (nSlices > 0) {
      const g = g0 + 1 + sliceOf(hits.yCm[j]!, yMin, height, nSlices);
      dt[g]![fill[g]!] = time;
      q[g]![fill[g]!++] = dqdx;
    }
  }
  const profiles: { entry: LifetimeEntry; profile: LifetimeProfile }[] = [];
  for (let k = 0; k < nTpc; k++) {
    for (let s = 0; s <= nSlices; s++) {
      const g = k * (nSlices + 1) + s;
      const slice = s === 0 ? undefined : { yMinCm: yMin + ((s - 1) * height) / nSlices, yMaxCm: yMin + (s * height) / nSlices };
      const r = fitLifetime(k, dt[g]!, q[g]!, maxT[k]!, options, slice);
      profiles.push({ entry: r.entry, profile: r.profile });
    }
  }
  return { payload: { estimator: 'truncated-mean', entries: profiles.map((p) => p.entry) }, profiles };
}

function sliceOf(y: number, yMin: number, height: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.floor(((y - yMin) / height) * n)));
}
