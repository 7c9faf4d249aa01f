import type { RandomSource } from '@nucal/core';
import { FitError } from '@nucal/core';
import { duneFdSpModule } from '@nucal/geometry';
import { LANDAU_MPV_STANDARD, landau, normal } from '@nucal/numeric';
import {
  W_ION_MEV,
  dEdxFromdQdx,
  larDensityGPerCm3,
  recombinationFactor,
  recombinationMinimumdEdxMeVPerCm,
  type EnergyScalePayload,
  type LifetimePayload,
  type T0Payload,
} from '@nucal/tpc-drift';
import { betaGammaFromKineticEnergy, maxEnergyTransferMeV } from './bethe.js';
import type { CosmicSample } from './cosmic-sample.js';
import { csdaRangeTable } from './csda-range.js';
import { landauXiMeV, mostProbableDedxMeVPerCm, mostProbableEnergyLossMeV } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { TrackClass } from './track-classes.js';
import { truncatedMean } from './truncated-mean.js';

/** Options of {@link energyScaleFromStoppingMuons}. */
export interface EnergyScaleOptions {
  /** 'whole' detector (one constant) or one constant per TPC (default 'whole'). */
  readonly binning?: 'whole' | 'tpc';
  /** Residual-range window of the minimum-ionising region, cm (default 100-200). */
  readonly residualRangeCm?: readonly [number, number];
  /** Truncation quantiles of the estimator (default 0.05-0.8). */
  readonly truncation?: readonly [number, number];
  /** Model deposits drawn per selected hit for the prediction (default 10). */
  readonly templateDraws?: number;
}

/** Hits of stopping muons in the MIP window, lifetime-corrected, with their expectations (for plots). */
export interface StoppingMuonHits {
  readonly residualRangeCm: Float64Array;
  /** Lifetime-corrected dQ/dx, ADC/cm. */
  readonly dqdxAdcPerCm: Float64Array;
  readonly pitchCm: Float64Array;
  readonly tpc: Uint8Array;
}

/**
 * Collects hits of stopping muons with lifetime correction (t0 from `dune.t0`, lifetime from
 * the `dune.lifetime` height slice containing the hit, else the TPC's value), residual range
 * = track length - path (the endpoint is where the muon stopped).
 *
 * @example const h = stoppingMuonHits(sample, t0, lifetime, [0, 300]);
 */
export function stoppingMuonHits(sample: CosmicSample, t0: T0Payload, lifetime: LifetimePayload, rrWindowCm: readonly [number, number]): StoppingMuonHits {
  const { hits, tracks } = sample;
  const offset = new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs]));
  // Lifetime at the hit's height: linear interpolation between height-slice centres (a linear
  // height dependence is then corrected exactly), the whole-TPC value when there are no slices.
  const tauAt = (tpc: number, y: number): number => {
    const slices = lifetime.entries
      .filter((e) => e.tpc === tpc && e.yMinCm !== undefined && e.yMaxCm !== undefined)
      .map((e) => ({ y: (e.yMinCm! + e.yMaxCm!) / 2, tau: e.lifetimeMs }))
      .sort((a, b) => a.y - b.y);
    if (slices.length >= 2) {
      let i = 0;
      while (i < slices.length - 2 && y > slices[i + 1]!.y) i++;
      const a = slices[i]!;
      const b = slices[i + 1]!;
      return Math.max(1e-3, a.tau + ((y - a.y) * (b.tau - a.tau)) / (b.y - a.y));
    }
    const whole = lifetime.entries.find((e) => e.tpc === tpc && e.yMinCm === undefined) ?? lifetime.entries.find((e) => e.tpc === tpc);
    if (whole === undefined) throw new FitError(`no lifetime for TPC ${tpc}: expected a dune.lifetime entry`);
    return whole.lifetimeMs;
  };
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
    q.push((hits.chargeAdc[j]! / hits.pitchCm[j]!) * Math.exp(driftUs / (1000 * tauAt(tpc, hits.yCm[j]!))));
    p.push(hits.pitchCm[j]!);
    k.push(tpc);
  }
  return { residualRangeCm: Float64Array.from(rr), dqdxAdcPerCm: Float64Array.from(q), pitchCm: Float64Array.from(p), tpc: Uint8Array.from(k) };
}

/**
 * Energy scale (charge calibration constant, electrons per ADC) from stopping muons
 * (PHYSICS.md 2.3). The minimum-ionising region (default 100-200 cm of residual range) is
 * compared with the model: for each selected hit, deposits are drawn from the Landau
 * distribution around the Landau-Vavilov MPV for its pitch and for the kinetic energy its
 * residual range implies (CSDA), converted to electrons with the nominal recombination model
 * plus the nominal noise; the constant is the ratio of the predicted to the measured truncated
 * mean. A truncated mean is scale-equivariant, so the ratio is the scale itself; its error
 * combines the two truncated means' errors. Diffusion is not in the prediction.
 *
 * @example const es = energyScaleFromStoppingMuons(sample, t0, lifetime, rng, { binning: 'tpc' });
 */
export function energyScaleFromStoppingMuons(
  sample: CosmicSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  rng: RandomSource,
  options: EnergyScaleOptions = {},
): { payload: EnergyScalePayload; hits: StoppingMuonHits } {
  const window = options.residualRangeCm ?? [100, 200];
  const [lo, hi] = options.truncation ?? [0.05, 0.8];
  const draws = options.templateDraws ?? 10;
  const model = sample.response.recombination;
  const density = larDensityGPerCm3(sample.response.temperatureK);
  const medium = { fieldKvPerCm: sample.response.fieldKvPerCm, densityGPerCm3: density };
  const lar = liquidArgon({ densityGPerCm3: density });
  const range = csdaRangeTable(lar, { maxKineticEnergyMeV: 1e5 });
  const minDedx = recombinationMinimumdEdxMeVPerCm(model, medium) * 1.0001;
  const h = stoppingMuonHits(sample, t0, lifetime, window);
  const nTpc = duneFdSpModule(sample.module).tpcs.length;
  const noise = sample.response.noiseElectrons;

  const measure = (select: (i: number) => boolean, label: string, required: boolean): { c: number; err: number; n: number } | null => {
    const meas: number[] = [];
    const pred: number[] = [];
    for (let i = 0; i < h.tpc.length; i++) {
      if (!select(i)) continue;
      meas.push(h.dqdxAdcPerCm[i]!);
      const p = h.pitchCm[i]!;
      const tKin = range.kineticEnergyMeV_fromRangeCm(h.residualRangeCm[i]!);
      const bg = betaGammaFromKineticEnergy(tKin);
      const mpv = mostProbableEnergyLossMeV(lar, bg, p);
      const xi = landauXiMeV(lar, bg, p);
      const wMax = maxEnergyTransferMeV(bg);
      for (let d = 0; d < draws; d++) {
        const dE = Math.min(landau(rng, mpv - LANDAU_MPV_STANDARD * xi, xi), wMax, tKin);
        const dedx = Math.max(dE / p, minDedx);
        const electrons = (recombinationFactor(model, dedx, medium) * dedx * p) / W_ION_MEV + (noise > 0 ? normal(rng, 0, noise) : 0);
        pred.push(electrons / p);
      }
    }
    if (meas.length < 50 && !required) return null;
    if (meas.length < 50) throw new FitError(`energy scale for ${label}: ${meas.length} stopping-muon hits in the MIP window, expected at least 50`);
    const m = truncatedMean(Float64Array.from(meas), lo, hi);
    const e = truncatedMean(Float64Array.from(pred), lo, hi);
    const c = e.mean / m.mean;
    return { c, err: c * Math.hypot(m.error / m.mean, e.error / e.mean), n: meas.length };
  };

  const whole = measure(() => true, 'the whole detector', true)!;
  // Per-TPC constants where the TPC has enough MIP-region hits; the others use the global one.
  const tpcs =
    options.binning === 'tpc'
      ? Array.from({ length: nTpc }, (_, k) => {
          const r = measure((i) => h.tpc[i] === k, `TPC ${k}`, false);
          return r ? { tpc: k, electronsPerAdc: r.c, errorElectronsPerAdc: r.err } : null;
        }).filter((e): e is { tpc: number; electronsPerAdc: number; errorElectronsPerAdc: number } => e !== null)
      : undefined;
  const payload: EnergyScalePayload = {
    electronsPerAdc: whole.c,
    errorElectronsPerAdc: whole.err,
    recombination: model,
    fieldKvPerCm: medium.fieldKvPerCm,
    densityGPerCm3: density,
    wMeV: W_ION_MEV,
    method: `stopping-muon-mip: truncated mean (${lo}-${hi}) of lifetime-corrected dQ/dx at residual range ${window[0]}-${window[1]} cm vs Landau-Vavilov + ${model.model} prediction`,
    ...(tpcs ? { tpcs } : {}),
  };
  return { payload, hits: h };
}

/**
 * dE/dx of stopping-muon hits after calibration (inverse recombination of electronsPerAdc x dQ/dx),
 * and the Landau-Vavilov MPV expected at each residual range for a given pitch, for the
 * dE/dx-versus-residual-range plot.
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
 * @example expectedMpvDedxAtResidualRange(150, 0.6, 1.393) // ~ 1.7
 */
export function expectedMpvDedxAtResidualRange(residualRangeCm: number, pitchCm: number, densityGPerCm3: number): number {
  const lar = liquidArgon({ densityGPerCm3 });
  const t = csdaRangeTable(lar, { maxKineticEnergyMeV: 1e5 }).kineticEnergyMeV_fromRangeCm(residualRangeCm);
  return mostProbableDedxMeVPerCm(lar, betaGammaFromKineticEnergy(t), pitchCm);
}
