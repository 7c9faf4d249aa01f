import { truncatedMean } from '@nucal/numeric';
import { larDensityGPerCm3, type LifetimePayload, type T0Payload } from '@nucal/tpc-drift';
import type { CosmicSample } from './cosmic-sample.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { MichelResponseSchema, michelVisibleSpectrum, type MichelResponseInput } from './michel.js';
import { TrackClass } from './track-classes.js';

/** Fewest hits a track needs for its truncated-mean dQ/dx to count. */
const MIN_HITS_PER_TRACK = 20;

/**
 * One value per selected track: the truncated mean (lowest 5%, highest 20% dropped) of its
 * hits' dQ/dx, lifetime-corrected (t0 from `dune.t0`, whole-TPC lifetime from `dune.lifetime`)
 * and scaled to the Landau-Vavilov MPV of one wire pitch at beta gamma 1000 (so steep and shallow
 * tracks share a scale). `residualRangeCm` keeps only hits in that residual-range window (stopping
 * muons); tracks with fewer than 20 kept hits are left out.
 *
 * @example const m = perTrackDqdx(sample, t0, lifetime, TrackClass.STOPPING, [100, 200]);
 */
export function perTrackDqdx(
  sample: CosmicSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  mask: number,
  residualRangeCm: readonly [number, number] | null = null,
): Float64Array {
  const { hits, tracks } = sample;
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(sample.response.temperatureK) });
  const ref = mostProbableDedxMeVPerCm(lar, 1000, sample.wirePitchCm);
  const offset = new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs]));
  const tau = new Map(lifetime.entries.filter((e) => e.yMinCm === undefined).map((e) => [e.tpc, e.lifetimeMs]));
  const means: number[] = [];
  let buf: number[] = [];
  let current = -1;
  const flush = (): void => {
    if (buf.length >= MIN_HITS_PER_TRACK) means.push(truncatedMean(buf, 0.05, 0.2).mean);
    buf = [];
  };
  // Hits of one track are consecutive in the sample.
  for (let j = 0; j < hits.count; j++) {
    const t = hits.track[j]!;
    if (t !== current) {
      flush();
      current = t;
    }
    if (!(tracks.flags[t]! & mask)) continue;
    if (residualRangeCm) {
      const rr = tracks.lengthCm[t]! - hits.pathCm[j]!;
      if (rr < residualRangeCm[0] || rr > residualRangeCm[1]) continue;
    }
    const k = hits.tpc[j]!;
    const p = hits.pitchCm[j]!;
    const corr = Math.exp((hits.timeUs[j]! - (offset.get(k) ?? 0)) / (1000 * (tau.get(k) ?? Infinity)));
    buf.push(((hits.chargeAdc[j]! / p) * corr * ref) / mostProbableDedxMeVPerCm(lar, 1000, p));
  }
  flush();
  return Float64Array.from(means);
}

/**
 * Relative spread RMS / mean of per-event values (sample standard deviation, n - 1) and its
 * standard error from the fourth central moment, Var(s^2) ~ (m4 - s^4) / n, so
 * sigma_s = sqrt(m4 - s^4) / (2 s sqrt(n)) (exact for any distribution as n grows), divided by
 * the mean. NaN for fewer than 2 values.
 *
 * @example relativeSpread([9, 10, 11]).spread // 0.1
 */
export function relativeSpread(values: ArrayLike<number>): { spread: number; error: number; n: number } {
  const n = values.length;
  if (n < 2) return { spread: Number.NaN, error: Number.NaN, n };
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i]!;
  m /= n;
  let m2 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d2 = (values[i]! - m) ** 2;
    m2 += d2;
    m4 += d2 * d2;
  }
  const s2 = m2 / (n - 1);
  m4 /= n;
  const s = Math.sqrt(s2);
  return { spread: s / m, error: Math.sqrt(Math.max(0, m4 - s2 * s2)) / (2 * s * Math.sqrt(n)) / m, n };
}

/**
 * RMS over mean of the visible Michel energy under a response model (the model's spectrum on a
 * 0.1 MeV grid from 0 to 90 MeV; no sampling).
 *
 * @example michelRelativeSpread() // 0.358
 */
export function michelRelativeSpread(michel: MichelResponseInput = {}): number {
  const spec = michelVisibleSpectrum(MichelResponseSchema.parse(michel), 0, 90, 901);
  let w = 0;
  let m1 = 0;
  let m2 = 0;
  for (let i = 0; i < spec.energyMeV.length; i++) {
    const d = spec.density[i]!;
    const e = spec.energyMeV[i]!;
    w += d;
    m1 += d * e;
    m2 += d * e * e;
  }
  const mean = m1 / w;
  return Math.sqrt(m2 / w - mean * mean) / mean;
}

/**
 * Relative spread s of one event's estimator, the input of the statistics planner, measured on
 * a sample: for stopping muons (hits at 100-200 cm residual range) and through-going tracks,
 * {@link relativeSpread} of {@link perTrackDqdx}; for Michel electrons, {@link michelRelativeSpread}.
 *
 * @example measureEventSpreads(sample, t0, lifetime).stopping // ~ 0.03
 */
export function measureEventSpreads(
  sample: CosmicSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  michel: MichelResponseInput = {},
): { stopping: number; throughgoing: number; michel: number } {
  return {
    stopping: relativeSpread(perTrackDqdx(sample, t0, lifetime, TrackClass.STOPPING, [100, 200])).spread,
    throughgoing: relativeSpread(perTrackDqdx(sample, t0, lifetime, TrackClass.THROUGHGOING)).spread,
    michel: michelRelativeSpread(michel),
  };
}
