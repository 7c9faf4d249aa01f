import { truncatedMean } from '@nucal/numeric';
import { larDensityGPerCm3, type LifetimePayload, type T0Payload } from '@nucal/tpc-drift';
import type { CosmicSample } from './cosmic-sample.js';
import { mostProbableDedxMeVPerCm } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { MichelResponseSchema, michelVisibleSpectrum, type MichelResponseInput } from './michel.js';
import { TrackClass } from './track-classes.js';

/**
 * Relative spread s of one event's estimator, the input of the statistics planner, measured on
 * a sample: for stopping muons (hits at 100-200 cm residual range) and through-going tracks,
 * the RMS over mean between tracks of each track's truncated-mean (0.05-0.8) dQ/dx, lifetime-
 * and pitch-corrected; for Michel electrons, RMS over mean of the visible spectrum model.
 *
 * @example measureEventSpreads(sample, t0, lifetime).stopping // ~ 0.035
 */
export function measureEventSpreads(
  sample: CosmicSample,
  t0: T0Payload,
  lifetime: LifetimePayload,
  michel: MichelResponseInput = {},
): { stopping: number; throughgoing: number; michel: number } {
  const { hits, tracks } = sample;
  const lar = liquidArgon({ densityGPerCm3: larDensityGPerCm3(sample.response.temperatureK) });
  const ref = mostProbableDedxMeVPerCm(lar, 1000, sample.wirePitchCm);
  const offset = new Map(t0.tpcs.map((e) => [e.tpc, e.t0OffsetUs]));
  const tau = new Map(lifetime.entries.filter((e) => e.yMinCm === undefined).map((e) => [e.tpc, e.lifetimeMs]));
  const perTrack = (mask: number, window: [number, number] | null): number => {
    const means: number[] = [];
    let buf: number[] = [];
    let current = -1;
    const flush = (): void => {
      if (buf.length >= 20) means.push(truncatedMean(buf, 0.05, 0.2).mean);
      buf = [];
    };
    for (let j = 0; j < hits.count; j++) {
      const t = hits.track[j]!;
      if (t !== current) {
        flush();
        current = t;
      }
      if (!(tracks.flags[t]! & mask)) continue;
      if (window) {
        const rr = tracks.lengthCm[t]! - hits.pathCm[j]!;
        if (rr < window[0] || rr > window[1]) continue;
      }
      const k = hits.tpc[j]!;
      const p = hits.pitchCm[j]!;
      const corr = Math.exp((hits.timeUs[j]! - (offset.get(k) ?? 0)) / (1000 * (tau.get(k) ?? Infinity)));
      buf.push(((hits.chargeAdc[j]! / p) * corr * ref) / mostProbableDedxMeVPerCm(lar, 1000, p));
    }
    flush();
    if (means.length < 2) return Number.NaN;
    const m = means.reduce((a, b) => a + b, 0) / means.length;
    const v = means.reduce((a, b) => a + (b - m) * (b - m), 0) / (means.length - 1);
    return Math.sqrt(v) / m;
  };
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
  return {
    stopping: perTrack(TrackClass.STOPPING, [100, 200]),
    throughgoing: perTrack(TrackClass.THROUGHGOING, null),
    michel: Math.sqrt(m2 / w - mean * mean) / mean,
  };
}
