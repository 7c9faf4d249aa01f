import type { RandomSource } from '@nucal/core';
import { ValidationError } from '@nucal/core';
import { duneFdSpModule, type LArTpcModule } from '@nucal/geometry';
import { LANDAU_MPV_STANDARD, landau, normal, normalCdfFast } from '@nucal/numeric';
import { W_ION_MEV, recombinationFactor } from './recombination.js';
import { diffusionSigmaCm, responseModel, type ResponseModelInput } from './response-model.js';
import type { LifetimeHits } from './lifetime-sample.js';

/** Configuration of {@link simulateLifetimeHits}. */
export interface LifetimeToyConfig {
  /** Default: {@link duneFdSpModule}(). */
  readonly module?: LArTpcModule;
  /** True lifetime per TPC id (ms), or a function of TPC and height (cm) for a height dependence. */
  readonly lifetimesMs: readonly number[] | ((tpc: number, yCm: number) => number);
  /** Hits per TPC (default 20 000; rounded to whole tracks). */
  readonly hitsPerTpc?: number;
  /** Hits kept per toy track, all at one drift time (default 40). */
  readonly hitsPerTrack?: number;
  /** Field, temperature, recombination, transverse diffusion, gain, noise (defaults of ResponseModelSchema). */
  readonly response?: ResponseModelInput;
  /** Most probable dE/dx of a wire deposit, MeV/cm (default 1.75, a few-GeV muon over ~0.5 cm). */
  readonly dEdxMpvMeVPerCm?: number;
  /** Landau scale xi/dx = 0.1535 (Z/A) rho MeV/cm (default 0.0963 for LAr at 87 K). */
  readonly landauScaleMeVPerCm?: number;
  /** Track pitch per wire is drawn uniformly in this range, cm (default [0.479, 0.8]). */
  readonly pitchRangeCm?: readonly [number, number];
  /** Mix charge between neighbouring wires by transverse diffusion (default true). */
  readonly diffusion?: boolean;
}

/** Truth of a lifetime toy. */
export interface LifetimeToyTruth {
  readonly lifetimeMs: (tpc: number, yCm: number) => number;
  readonly vdMmPerUs: number;
  readonly fullDriftTimeUs: number;
}

/** Cap on a single wire's dE/dx: harder delta rays are separate tracks after reconstruction. */
const MAX_DEDX_MEV_PER_CM = 100;
/** Extra wires simulated on each side of a track so the kept hits receive diffused charge from both sides. */
const MARGIN = 2;

/**
 * A minimal toy of the lifetime calibration sample (the full cosmic-muon simulation is in
 * @nucal/cosmics): toy tracks parallel to the anode, each at one drift time drawn uniformly
 * over the full drift and one height drawn uniformly. Per wire: a Landau dE/dx (capped at
 * 100 MeV/cm), recombination of that local dE/dx (the response model's), optionally transverse
 * diffusion that shares each wire's charge with its neighbours (a uniform cell smeared by
 * sqrt(2 D_T t), collection pitch from the module), attenuation exp(-t/tau), gain and Gaussian
 * noise of `noiseElectrons` per hit; dQ/dx in ADC/cm.
 *
 * With noise 0 and diffusion off the dQ/dx distribution only scales with drift time (the
 * in-family case); noise and diffusion change its shape along the drift (out-of-family).
 *
 * @example
 * const { hits, truth } = simulateLifetimeHits({ lifetimesMs: [3, 5, 10, 20] }, createRng(7));
 */
export function simulateLifetimeHits(config: LifetimeToyConfig, rng: RandomSource): { hits: LifetimeHits; truth: LifetimeToyTruth } {
  const module = config.module ?? duneFdSpModule();
  const { model, conditions } = responseModel(config.response ?? {});
  const lifetimes = config.lifetimesMs;
  const lifetimeMs =
    typeof lifetimes === 'function'
      ? lifetimes
      : (tpc: number): number => {
          const v = lifetimes[tpc];
          if (v === undefined) throw new ValidationError(`no lifetime for TPC ${tpc}: expected one per TPC (${module.tpcs.length})`);
          return v;
        };
  const perTrack = config.hitsPerTrack ?? 40;
  const nTracks = Math.max(1, Math.round((config.hitsPerTpc ?? 20_000) / perTrack));
  const mpv = config.dEdxMpvMeVPerCm ?? 1.75;
  const scale = config.landauScaleMeVPerCm ?? 0.0963;
  const location = mpv - LANDAU_MPV_STANDARD * scale;
  const [pLo, pHi] = config.pitchRangeCm ?? [0.479, 0.8];
  const wirePitchCm = (module.wirePlanes.find((w) => w.role === 'collection')?.pitchMm ?? 4.79) / 10;
  const medium = { fieldKvPerCm: conditions.fieldKvPerCm, densityGPerCm3: conditions.densityGPerCm3 };
  const diffusion = config.diffusion ?? true;

  const nt = module.tpcs.length;
  const total = nt * nTracks * perTrack;
  const tpcCol = new Int32Array(total);
  const tCol = new Float64Array(total);
  const qCol = new Float64Array(total);
  const yCol = new Float64Array(total);
  const nWires = perTrack + 2 * MARGIN;
  const dq = new Float64Array(nWires);
  const frac = new Float64Array(2 * MARGIN + 1);
  const { yMin, yMax } = module.active;
  let k = 0;
  let fullDriftTimeUs = 0;
  for (const tpc of module.tpcs) {
    const tFull = (10 * tpc.driftLengthCm) / conditions.vdMmPerUs;
    fullDriftTimeUs = Math.max(fullDriftTimeUs, tFull);
    for (let j = 0; j < nTracks; j++) {
      const t = tFull * rng.uniform();
      const y = yMin + (yMax - yMin) * rng.uniform();
      const pitch = pLo + (pHi - pLo) * rng.uniform();
      const tau = lifetimeMs(tpc.id, y);
      for (let w = 0; w < nWires; w++) {
        const dEdx = Math.min(landau(rng, location, scale), MAX_DEDX_MEV_PER_CM);
        dq[w] = (recombinationFactor(model.recombination, dEdx, medium) * dEdx * pitch) / W_ION_MEV;
      }
      if (diffusion) shareFractions(diffusionSigmaCm(model.transverseDiffusionCm2PerS, t) / wirePitchCm, frac);
      const att = Math.exp(-t / (1000 * tau)) * model.gainAdcPerElectron;
      const noiseAdc = model.noiseElectrons * model.gainAdcPerElectron;
      for (let w = MARGIN; w < nWires - MARGIN; w++) {
        let q = 0;
        if (diffusion) {
          for (let d = -MARGIN; d <= MARGIN; d++) q += frac[d + MARGIN]! * dq[w - d]!;
        } else {
          q = dq[w]!;
        }
        const adc = q * att + (noiseAdc > 0 ? normal(rng, 0, noiseAdc) : 0);
        tpcCol[k] = tpc.id;
        tCol[k] = t;
        qCol[k] = adc / pitch;
        yCol[k] = y;
        k++;
      }
    }
  }
  return {
    hits: { tpc: tpcCol, driftTimeUs: tCol, dQdx: qCol, yCm: yCol },
    truth: {
      lifetimeMs: (tpc, yCm) => lifetimeMs(tpc, yCm),
      vdMmPerUs: conditions.vdMmPerUs,
      fullDriftTimeUs,
    },
  };
}

/**
 * Fractions of charge spread uniformly over one wire cell that land d cells away after a
 * Gaussian smear of s cells: integral over u in [0, 1] of Phi((d + 1 - u)/s) - Phi((d - u)/s),
 * by Simpson's rule (once per track: numeric's fast Phi, 1.2e-7, is ample). The fractions beyond
 * +-MARGIN are folded into the outermost ones.
 */
function shareFractions(s: number, out: Float64Array): void {
  const m = (out.length - 1) / 2;
  if (!(s > 1e-6)) {
    out.fill(0);
    out[m] = 1;
    return;
  }
  const steps = 16;
  let sum = 0;
  for (let d = -m; d <= m; d++) {
    let acc = 0;
    for (let i = 0; i <= steps; i++) {
      const u = i / steps;
      const wgt = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
      const hi = d === m ? 1 : normalCdfFast((d + 1 - u) / s);
      const lo = d === -m ? 0 : normalCdfFast((d - u) / s);
      acc += wgt * (hi - lo);
    }
    out[d + m] = acc / (3 * steps);
    sum += out[d + m]!;
  }
  for (let i = 0; i < out.length; i++) out[i] = out[i]! / sum;
}
