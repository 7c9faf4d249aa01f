/**
 * Closure study behind the README numbers (larger statistics than the unit tests):
 * pulls of t0, vd and lifetime, and the lifetime bias of the physical toy with and without
 * the diffusion drift correction. Prints one JSON object; takes about half a minute.
 *
 * Run: npx tsx --tsconfig tsconfig.json bench/closure-study.ts   (from packages/tpc-drift; the
 * tsconfig maps @nucal/* to the sibling sources, so nothing needs building)
 */
import { duneFdSpModule } from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import {
  estimatorDriftResponse,
  fitLifetimes,
  simulateAnodeCrossers,
  simulateCathodeCrossers,
  simulateLifetimeHits,
  t0FromAnodeCrossers,
  vdFromCathodeCrossers,
  type LifetimeEstimator,
  type LifetimeToyConfig,
} from '@nucal/tpc-drift';

const summary = (a: number[]) => {
  const m = a.reduce((s, v) => s + v, 0) / a.length;
  const sd = Math.sqrt(a.reduce((s, v) => s + (v - m) ** 2, 0) / (a.length - 1));
  return { n: a.length, mean: +m.toFixed(4), sd: +sd.toFixed(4), se: +(sd / Math.sqrt(a.length)).toFixed(4) };
};
const coverage = (pulls: number[]) => +(pulls.filter((p) => Math.abs(p) < 1).length / pulls.length).toFixed(3);

const module = duneFdSpModule();
const T0 = [4, -3, 7.5, 1];
const VD = [1.6, 1.58, 1.62, 1.605];
const t0Pulls: number[] = [];
const vdPulls: number[] = [];
for (let k = 0; k < 500; k++) {
  const rng = createRng(`study-${k}`);
  const cfg = { module, t0OffsetsUs: T0, vdMmPerUs: VD, segmentsPerTpc: 100 };
  const t0 = t0FromAnodeCrossers(simulateAnodeCrossers(cfg, rng.fork('apa')).input);
  for (const e of t0.tpcs) t0Pulls.push((e.t0OffsetUs - T0[e.tpc]!) / e.errorUs);
  const vd = vdFromCathodeCrossers(simulateCathodeCrossers(cfg, rng.fork('cpa')).input, { module, t0 });
  for (const e of vd.tpcs) vdPulls.push((e.vdMmPerUs - VD[e.tpc]!) / e.errorMmPerUs);
}

const TAU = [3, 5, 10, 20];
function lifetimeStudy(estimator: LifetimeEstimator, toys: number, toy: Partial<LifetimeToyConfig>, correction?: (t: number) => number, scaleErrorByChi2 = false) {
  const pulls: number[] = [];
  const rel: number[][] = [[], [], [], []];
  for (let k = 0; k < toys; k++) {
    const { hits } = simulateLifetimeHits({ lifetimesMs: TAU, hitsPerTpc: 20_000, ...toy }, createRng(`lt-${estimator}-${k}`));
    const { payload } = fitLifetimes(hits, { estimator, scaleErrorByChi2, ...(correction ? { driftCorrection: correction } : {}) });
    for (const e of payload.entries) {
      pulls.push((e.lifetimeMs - TAU[e.tpc]!) / e.errorMs);
      rel[e.tpc]!.push(e.lifetimeMs / TAU[e.tpc]! - 1);
    }
  }
  return {
    pulls: summary(pulls),
    coverage: coverage(pulls),
    relativeBiasByLifetimeMs: Object.fromEntries(TAU.map((t, i) => [t, summary(rel[i]!)])),
  };
}
const inFamily = { response: { noiseElectrons: 0 }, diffusion: false };
const noiseOnly = { diffusion: false };
const respTm = estimatorDriftResponse({ hitsPerTpc: 250_000 }, createRng('resp-tm'), { estimator: 'truncated-mean' });
const respMpv = estimatorDriftResponse({ hitsPerTpc: 250_000 }, createRng('resp-mpv'), { estimator: 'langau-mpv' });

console.log(
  JSON.stringify({
    t0: { pulls: summary(t0Pulls), coverage: coverage(t0Pulls) },
    vd: { pulls: summary(vdPulls), coverage: coverage(vdPulls) },
    lifetime: {
      inFamily: { truncatedMean: lifetimeStudy('truncated-mean', 200, inFamily), langauMpv: lifetimeStudy('langau-mpv', 50, inFamily) },
      noiseAndRecombination: { truncatedMean: lifetimeStudy('truncated-mean', 50, noiseOnly), langauMpv: lifetimeStudy('langau-mpv', 20, noiseOnly) },
      diffusionUncorrected: { truncatedMean: lifetimeStudy('truncated-mean', 50, {}), langauMpv: lifetimeStudy('langau-mpv', 20, {}) },
      diffusionResponseAt2250Us: { truncatedMean: +respTm.at(2250).toFixed(4), langauMpv: +respMpv.at(2250).toFixed(4) },
      diffusionCorrected: {
        truncatedMean: lifetimeStudy('truncated-mean', 50, {}, respTm.at),
        langauMpv: lifetimeStudy('langau-mpv', 20, {}, respMpv.at),
      },
      diffusionCorrectedChi2Scaled: { truncatedMean: lifetimeStudy('truncated-mean', 50, {}, respTm.at, true) },
    },
  }),
);
