import type { RandomSource } from '@nucal/core';
import { FitError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { normal, truncatedMean } from '@nucal/numeric';
import {
  W_ION_MEV,
  dEdxFromdQdx,
  diffusionSigmaCm,
  larDensityGPerCm3,
  type EnergyScalePayload,
  type LifetimePayload,
  type T0Payload,
} from '@nucal/tpc-drift';
import { betaGammaFromKineticEnergy } from './bethe.js';
import { chargeSharingFraction, shareChargeInPlace } from './charge-sharing.js';
import type { ReconstructedSample } from './cosmic-sample.js';
import { csdaRangeTable } from './csda-range.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { lifetimeLookup, type LifetimeLookup } from './lifetime-lookup.js';
import { TrackClass } from './track-classes.js';
import { wireChargeModel } from './wire-charge-model.js';
import { DEFAULT_WIRES_PER_GROUP, wireGroups, type WireGroups } from './wire-groups.js';
import { DEFAULT_TRUNCATION } from './calibrate-lifetime.js';

/** Options of {@link energyScaleFromStoppingMuons}. */
export interface EnergyScaleOptions {
  /** 'whole' detector (one constant) or one constant per TPC (default 'whole'). */
  readonly binning?: 'whole' | 'tpc';
  /** Residual-range window of the minimum-ionising region, cm (default 100-200). */
  readonly residualRangeCm?: readonly [number, number];
  /** Fractions dropped at the low and high end by the truncated mean (default: the lifetime's, {@link DEFAULT_TRUNCATION}). */
  readonly truncation?: readonly [number, number];
  /** Wires summed per dQ/dx measurement (default {@link DEFAULT_WIRES_PER_GROUP}, as for the lifetime; 1 for single wires). */
  readonly wiresPerGroup?: number;
  /** Model groups drawn per measured group for the prediction (default 10). */
  readonly templateDraws?: number;
  /** Share charge between neighbouring wires in the prediction as transverse diffusion does (nominal D_T; default true). */
  readonly diffusionCorrection?: boolean;
  /**
   * Fewest stopping muons with groups in the window for a per-TPC constant (default 10; a TPC
   * with fewer uses the whole-detector constant). The error is a bootstrap over tracks, which with
   * a handful of tracks is itself uncertain: per-TPC pulls with 2-7 tracks were 1.32 wide, with
   * one-sided outliers to -5.6 (40 toys at 20 ms). The whole-detector constant, which the
   * payload must have, needs at least 5 (else a FitError).
   */
  readonly minTracks?: number;
}

/** Hits of stopping muons in a residual-range window, lifetime-corrected (no expectation: see `stoppingMuonDedxProfile`). */
export interface StoppingMuonHits {
  readonly residualRangeCm: Float64Array;
  /** Lifetime-corrected dQ/dx, ADC/cm. */
  readonly dqdxAdcPerCm: Float64Array;
  readonly pitchCm: Float64Array;
  readonly tpc: Uint8Array;
}

/**
 * Collects hits of stopping muons with lifetime correction (t0 from `dune.t0`, lifetime at the
 * hit's height from `dune.lifetime`, {@link lifetimeLookup}), residual range = track length -
 * path (the endpoint is where the muon stopped).
 *
 * @example const h = stoppingMuonHits(sample, t0, lifetime, [0, 300]);
 */
export function stoppingMuonHits(sample: ReconstructedSample, t0: T0Payload, lifetime: LifetimePayload, rrWindowCm: readonly [number, number]): StoppingMuonHits {
  const { hits, tracks } = sample;
  const offset = new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs]));
  const tau = lifetimeLookup(lifetime);
  const rr: number[] = [];
  const q: number[] = [];
  const p: number[] = [];
  const k: number[] = [];
  for (let j = 0; j < hits.count; j++) {
    const t = hits.track[j]!;
    if (!(tracks.flags[t]! & TrackClass.STOPPING)) continue;
    const r = tracks.lengthCm[t]! - hits.pathCm[j]!;
    if (r < rrWindowCm[0] || r > rrWindowCm[1]) continue;
    const tpc = hits.tpc[j]!;
    const driftUs = hits.timeUs[j]! - (offset.get(tpc) ?? 0);
    rr.push(r);
    q.push((hits.chargeAdc[j]! / hits.pitchCm[j]!) * Math.exp(driftUs / (1000 * tau.lifetimeMs(tpc, hits.yCm[j]!))));
    p.push(hits.pitchCm[j]!);
    k.push(tpc);
  }
  return { residualRangeCm: Float64Array.from(rr), dqdxAdcPerCm: Float64Array.from(q), pitchCm: Float64Array.from(p), tpc: Uint8Array.from(k) };
}

/**
 * Energy scale (charge calibration constant, electrons per ADC) from stopping muons
 * (PHYSICS.md 2.3). Each stopping muon's hits in the minimum-ionising region (default 100-200 cm
 * of residual range) are summed in groups of `wiresPerGroup` consecutive wires
 * ({@link wireGroups}), each hit lifetime-corrected; the measurement is the truncated mean of
 * the groups' dQ/dx. The prediction draws, for every measured group, the same wires plus their
 * two neighbours from the nominal model ({@link wireChargeModel}: Landau deposits at each wire's
 * pitch and CSDA kinetic energy, capped at the MPV plus W_max and at the remaining kinetic
 * energy, through the nominal recombination), shares
 * charge between neighbours as transverse diffusion does at the group's drift time (nominal
 * D_T), adds the nominal noise scaled by the lifetime correction, and sums the group. A truncated
 * mean is scale-equivariant, so the ratio predicted / measured is the constant. Its error adds
 * in quadrature the two truncated means' errors (winsorised) and the lifetime's: the correction
 * exp(t / tau) moves by <t> sigma_tau / tau^2 for the groups' mean drift time <t>.
 *
 * @example const es = energyScaleFromStoppingMuons(sample, t0, lifetime, rng, { binning: 'tpc' });
 */
export function energyScaleFromStoppingMuons(
  sample: ReconstructedSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  rng: RandomSource,
  options: EnergyScaleOptions = {},
): { payload: EnergyScalePayload; hits: StoppingMuonHits } {
  const window = options.residualRangeCm ?? [100, 200];
  const [dropLow, dropHigh] = options.truncation ?? DEFAULT_TRUNCATION;
  const wires = options.wiresPerGroup ?? DEFAULT_WIRES_PER_GROUP;
  const sharing = options.diffusionCorrection ?? true;
  const response = sample.response;
  const density = larDensityGPerCm3(response.temperatureK);
  const nTpc = duneFdSpModule(sample.module).tpcs.length;
  const tau = lifetimeLookup(lifetime);
  const measured = measuredGroups(sample, t0, tau, window, wires);
  const template = groupTemplate(sample, measured, tau, { draws: options.templateDraws ?? 10, sharing, densityGPerCm3: density });
  const minTracks = options.minTracks ?? 10;
  const measure = (select: (tpc: number) => boolean, label: string, required: boolean) =>
    scaleConstant(measured, template, tau, rng, { select, label, required, nTpc, truncation: [dropLow, dropHigh], minTracks: required ? MIN_TRACKS_WHOLE : minTracks });

  const whole = measure(() => true, 'the whole detector', true)!;
  // Per-TPC constants where the TPC has enough MIP-region groups and tracks; the others use the global one.
  const tpcs =
    options.binning === 'tpc'
      ? Array.from({ length: nTpc }, (_, k) => {
          const r = measure((tpc) => tpc === k, `TPC ${k}`, false);
          return r ? { tpc: k, electronsPerAdc: r.c, errorElectronsPerAdc: r.err } : null;
        }).filter((e): e is { tpc: number; electronsPerAdc: number; errorElectronsPerAdc: number } => e !== null)
      : undefined;
  const payload: EnergyScalePayload = {
    electronsPerAdc: whole.c,
    errorElectronsPerAdc: whole.err,
    recombination: response.recombination,
    fieldKvPerCm: response.fieldKvPerCm,
    densityGPerCm3: density,
    wMeV: W_ION_MEV,
    method: `stopping-muon-mip: truncated mean (drop ${dropLow}/${dropHigh}) of lifetime-corrected dQ/dx of ${wires}-wire groups at residual range ${window[0]}-${window[1]} cm vs Landau-Vavilov + ${response.recombination.model}${sharing ? " + diffusion-sharing" : ""} prediction`,
    ...(tpcs ? { tpcs } : {}),
  };
  return { payload, hits: stoppingMuonHits(sample, t0, lifetime, window) };
}

/** Wire groups of stopping muons, and which of them lie in the MIP window with their measured dQ/dx. */
interface MeasuredGroups {
  readonly groups: WireGroups;
  readonly inWindow: Uint8Array;
  /** Lifetime-corrected dQ/dx, ADC/cm, and drift time (group mean time - t0), us; set where in the window. */
  readonly dqdx: Float64Array;
  readonly driftUs: Float64Array;
}

/**
 * Step 1: groups of `wires` consecutive stopping-muon wires whose mean residual range is in the
 * window (the wire beyond each end of a group exists, skipEndWires 1, which the template needs
 * for charge sharing): each wire lifetime-corrected at its height, summed, over the summed pitch.
 */
function measuredGroups(sample: ReconstructedSample, t0: T0Payload, tau: LifetimeLookup, window: readonly [number, number], wires: number): MeasuredGroups {
  const { hits, tracks } = sample;
  const offset = new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs]));
  const groups = wireGroups(sample, (t) => (tracks.flags[t]! & TrackClass.STOPPING) !== 0, { wiresPerGroup: wires, skipEndWires: 1 });
  const dqdx = new Float64Array(groups.count);
  const driftUs = new Float64Array(groups.count);
  const inWindow = new Uint8Array(groups.count);
  for (let g = 0; g < groups.count; g++) {
    const rr = tracks.lengthCm[groups.track[g]!]! - groups.pathCm[g]!;
    if (rr < window[0] || rr > window[1]) continue;
    inWindow[g] = 1;
    const tpc = groups.tpc[g]!;
    const t0k = offset.get(tpc) ?? 0;
    let q = 0;
    for (let j = groups.firstHit[g]!; j < groups.firstHit[g]! + wires; j++) {
      q += hits.chargeAdc[j]! * Math.exp((hits.timeUs[j]! - t0k) / (1000 * tau.lifetimeMs(tpc, hits.yCm[j]!)));
    }
    dqdx[g] = q / (wires * groups.pitchCm[g]!);
    driftUs[g] = groups.timeUs[g]! - t0k;
  }
  return { groups, inWindow, dqdx, driftUs };
}

/** Draws the nominal-model prediction of one measured group into `out[at .. at + draws)`. */
interface GroupTemplate {
  readonly draws: number;
  predict(g: number, rng: RandomSource, out: Float64Array, at: number): void;
}

/**
 * Step 2: the prediction of a measured group: its wires and their two neighbours drawn from the
 * nominal model ({@link wireChargeModel}: Landau deposit at each wire's pitch and CSDA kinetic
 * energy, capped, recombination), shared between neighbours as transverse diffusion does at the
 * group's drift time, plus the nominal noise scaled by the lifetime correction, summed over the
 * group's wires; `draws` times per group.
 */
function groupTemplate(
  sample: ReconstructedSample,
  m: MeasuredGroups,
  tau: LifetimeLookup,
  options: { draws: number; sharing: boolean; densityGPerCm3: number },
): GroupTemplate {
  const { hits, tracks, response } = sample;
  const { groups } = m;
  const wires = groups.wiresPerGroup;
  const range = csdaRangeTable(liquidArgon({ densityGPerCm3: options.densityGPerCm3 }), { maxKineticEnergyMeV: 1e5 });
  const model = wireChargeModel(response);
  const charge = new Float64Array(wires + 2);
  const share = new Float64Array(wires + 2);
  const scratch = new Float64Array(wires + 2);
  const kinetic = new Float64Array(wires + 2);
  return {
    draws: options.draws,
    predict(g, rng, out, at) {
      const lengthCm = tracks.lengthCm[groups.track[g]!]!;
      const first = groups.firstHit[g]!;
      const p = groups.pitchCm[g]!;
      const tpc = groups.tpc[g]!;
      const tDrift = Math.max(0, m.driftUs[g]!);
      const f = options.sharing && response.transverseDiffusionCm2PerS > 0 && tDrift > 0 ? chargeSharingFraction(diffusionSigmaCm(response.transverseDiffusionCm2PerS, tDrift), sample.wirePitchCm) : 0;
      share.fill(f);
      // Wires first-1 .. first+wires, at the residual range of each (path step = pitch).
      for (let w = 0; w < wires + 2; w++) kinetic[w] = range.kineticEnergyMeV_fromRangeCm(Math.max(0, lengthCm - (hits.pathCm[first]! + (w - 1) * p)));
      const noise = response.noiseElectrons * Math.exp(tDrift / (1000 * tau.lifetimeMs(tpc, groups.yCm[g]!)));
      for (let d = 0; d < options.draws; d++) {
        for (let w = 0; w < wires + 2; w++) charge[w] = model.electrons(rng, p, Math.max(0.1, betaGammaFromKineticEnergy(kinetic[w]!)), kinetic[w]!);
        if (f > 0) shareChargeInPlace(charge, share, 0, wires + 2, scratch);
        let q = 0;
        for (let w = 1; w <= wires; w++) q += charge[w]! + (noise > 0 ? normal(rng, 0, noise) : 0);
        out[at + d] = q / (wires * p);
      }
    },
  };
}

/**
 * Step 3: the constant of the selected groups, predicted over measured truncated mean (a
 * truncated mean is scale-equivariant), with its error: the two truncated-mean errors and the
 * lifetime's (per TPC, <t> sigma_tau / tau^2 at its groups' mean drift time) in quadrature.
 * Fewer than 30 groups or `minTracks` tracks: null, or a FitError when `required`.
 */
function scaleConstant(
  m: MeasuredGroups,
  template: GroupTemplate,
  tau: LifetimeLookup,
  rng: RandomSource,
  o: { select: (tpc: number) => boolean; label: string; required: boolean; nTpc: number; truncation: readonly [number, number]; minTracks: number },
): { c: number; err: number; n: number } | null {
  const { groups, inWindow } = m;
  const draws = template.draws;
  let n = 0;
  const tracksSeen = new Set<number>();
  for (let g = 0; g < groups.count; g++) {
    if (!inWindow[g] || !o.select(groups.tpc[g]!)) continue;
    n++;
    tracksSeen.add(groups.track[g]!);
  }
  if ((n < 30 || tracksSeen.size < o.minTracks) && !o.required) return null;
  if (n < 30) throw new FitError(`energy scale for ${o.label}: ${n} groups of ${groups.wiresPerGroup} stopping-muon wires in the MIP window, expected at least 30`);
  if (tracksSeen.size < o.minTracks) throw new FitError(`energy scale for ${o.label}: ${tracksSeen.size} stopping muons in the MIP window, expected at least ${o.minTracks}`);
  const meas = new Float64Array(n);
  const trackOf = new Int32Array(n);
  const pred = new Float64Array(n * draws);
  // Lifetime uncertainty: per TPC, the mean drift time of its groups and its lifetime entry.
  const tSum = new Float64Array(o.nTpc);
  const tCount = new Float64Array(o.nTpc);
  let i = 0;
  for (let g = 0; g < groups.count; g++) {
    if (!inWindow[g] || !o.select(groups.tpc[g]!)) continue;
    meas[i] = m.dqdx[g]!;
    trackOf[i] = groups.track[g]!;
    template.predict(g, rng, pred, i * draws);
    tSum[groups.tpc[g]!]! += m.driftUs[g]!;
    tCount[groups.tpc[g]!]!++;
    i++;
  }
  const [dropLow, dropHigh] = o.truncation;
  const mt = truncatedMean(meas, dropLow, dropHigh);
  const e = truncatedMean(pred, dropLow, dropHigh);
  let lifetimeRel2 = 0;
  for (let k = 0; k < o.nTpc; k++) {
    if (tCount[k] === 0) continue;
    const entry = tau.entry(k);
    const rel = ((tCount[k]! / n) * (tSum[k]! / tCount[k]!) * entry.errorMs) / (1000 * entry.lifetimeMs * entry.lifetimeMs);
    lifetimeRel2 += rel * rel;
  }
  const c = e.mean / mt.mean;
  // The measured truncated mean's error from a bootstrap over tracks: the groups of one track
  // share its reconstructed pitch and direction (errors that do not average within a track),
  // which the winsorised error, counting groups as independent, misses (pulls of width 1.6
  // with it on reconstructed tracks). The larger of the two is used.
  const boot = trackBootstrapError(meas, trackOf, dropLow, dropHigh, rng, BOOTSTRAP_REPLICAS);
  const measRel = Math.max(mt.error, boot) / mt.mean;
  return { c, err: c * Math.sqrt(measRel ** 2 + (e.error / e.mean) ** 2 + lifetimeRel2), n };
}

/** Fewest stopping muons for the whole-detector constant: the track bootstrap needs a few. */
const MIN_TRACKS_WHOLE = 5;

/** Bootstrap replicas of the track-level error of the energy scale. */
const BOOTSTRAP_REPLICAS = 40;

/**
 * Standard deviation of the truncated mean over `replicas` bootstrap samples that draw whole
 * tracks with replacement (all groups of a drawn track enter together).
 */
function trackBootstrapError(values: Float64Array, track: Int32Array, dropLow: number, dropHigh: number, rng: RandomSource, replicas: number): number {
  const byTrack = new Map<number, number[]>();
  for (let i = 0; i < values.length; i++) {
    const l = byTrack.get(track[i]!);
    if (l) l.push(values[i]!);
    else byTrack.set(track[i]!, [values[i]!]);
  }
  const lists = [...byTrack.values()];
  if (lists.length < 5) return 0;
  const means: number[] = [];
  const buf: number[] = [];
  for (let r = 0; r < replicas; r++) {
    buf.length = 0;
    for (let k = 0; k < lists.length; k++) for (const v of lists[Math.floor(rng.uniform() * lists.length)]!) buf.push(v);
    means.push(truncatedMean(buf, dropLow, dropHigh).mean);
  }
  const mu = means.reduce((a, b) => a + b, 0) / replicas;
  // No sqrt(n / (n - 1)) plug-in correction: the whole-detector pulls with 7-9 tracks were already
  // 0.71-0.98 wide without it (40 toys per lifetime), the per-TPC ones with ~250 tracks 0.91-0.96.
  return Math.sqrt(means.reduce((a, b) => a + (b - mu) ** 2, 0) / (replicas - 1));
}

/**
 * dE/dx of stopping-muon hits after calibration: the inverse recombination of electronsPerAdc
 * (the hit's TPC constant when there is one) x dQ/dx; NaN where the inverse does not exist.
 *
 * @example const dedx = calibratedDedx(hits, payload);
 */
export function calibratedDedx(h: StoppingMuonHits, scale: EnergyScalePayload): Float64Array {
  const medium = { fieldKvPerCm: scale.fieldKvPerCm, densityGPerCm3: scale.densityGPerCm3, wMeV: scale.wMeV };
  const out = new Float64Array(h.dqdxAdcPerCm.length);
  for (let i = 0; i < out.length; i++) {
    const c = scale.tpcs?.find((t) => t.tpc === h.tpc[i])?.electronsPerAdc ?? scale.electronsPerAdc;
    try {
      out[i] = dEdxFromdQdx(scale.recombination, Math.max(0, c * h.dqdxAdcPerCm[i]!), medium);
    } catch {
      out[i] = Number.NaN;
    }
  }
  return out;
}

/**
 * Landau-Vavilov most probable dE/dx of a muon at a residual range, MeV/cm (CSDA kinetic energy).
 *
 * @example expectedMpvDedxAtResidualRange(150, 0.6, 1.393) // ~ 1.65
 */
export function expectedMpvDedxAtResidualRange(residualRangeCm: number, pitchCm: number, densityGPerCm3: number): number {
  const lar = liquidArgon({ densityGPerCm3 });
  const t = csdaRangeTable(lar, { maxKineticEnergyMeV: 1e5 }).kineticEnergyMeV_fromRangeCm(residualRangeCm);
  return mostProbableDedxMeVPerCm(lar, betaGammaFromKineticEnergy(t), pitchCm);
}
