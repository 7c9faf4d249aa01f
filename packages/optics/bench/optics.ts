/**
 * Optics benchmark: gamma transport (gammas/s) and electron-response evaluations/s, each with
 * a baseline measured in the same run so that a busy machine does not mislead:
 * - transport: a plain loop drawing the same number of uniform deviates as the transport used;
 * - response: a loop of Math.log over the same energies (one log is the lookup's main cost).
 * Prints one JSON object. Run: npm run bench -w @nucal/optics (dependencies built to dist).
 */
import type { RandomSource } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { createLpmtChannels, electronResponse, fitChannelNonlinearity, simulateLaserScan, transportGammas } from '../src/index.js';

function time<T>(f: () => T): { ms: number; value: T } {
  const t0 = performance.now();
  const value = f();
  return { ms: performance.now() - t0, value };
}

// --- gamma transport: 2.223 MeV n-H gammas from the centre of the 17.7 m LAB sphere
const gammas = 200_000;
const inner = createRng('bench-transport');
let uniforms = 0;
const counting: RandomSource = { seed: inner.seed, uniform: () => (uniforms++, inner.uniform()), fork: (l) => inner.fork(l) };
transportGammas({ energiesMeV: [2.223247], events: 5_000, rng: createRng('warm-up') });
const transport = time(() => transportGammas({ energiesMeV: [2.223247], events: gammas, rng: counting }));
const baselineRng = createRng('bench-baseline');
const baseline = time(() => {
  let s = 0;
  for (let i = 0; i < uniforms; i++) s += baselineRng.uniform();
  return s;
});

// --- electron response: table build and evaluations
const build = time(() => electronResponse());
const response = build.value;
const n = 1_000_000;
const energies = new Float64Array(n);
const er = createRng('bench-energies');
for (let i = 0; i < n; i++) energies[i] = 1e-3 + 12 * er.uniform();
const out = new Float64Array(n);
response.visibleEnergyArray(energies, out);
const repeats = 5;
const evals = time(() => {
  for (let r = 0; r < repeats; r++) response.visibleEnergyArray(energies, out);
  return out[0];
});
const logBaseline = time(() => {
  let s = 0;
  for (let r = 0; r < repeats; r++) for (let i = 0; i < n; i++) s += Math.log(energies[i] as number);
  return s;
});

// --- channel non-linearity fit (dual calorimetry), 2000 channels
const rng = createRng('bench-lpmt');
const channels = createLpmtChannels({ channels: 2000 }, rng);
const scan = simulateLaserScan(channels, {}, rng);
const fits = time(() => fitChannelNonlinearity(scan, { form: 'quadratic' }));

const gammasPerSecond = gammas / (transport.ms / 1000);
const uniformsPerSecond = uniforms / (baseline.ms / 1000);
console.log(
  JSON.stringify({
    transport: {
      gammaMeV: 2.223247,
      gammas,
      gammasPerSecond: Math.round(gammasPerSecond),
      secondariesPerGamma: transport.value.electronEnergiesMeV.length / gammas,
      uniformsPerGamma: uniforms / gammas,
      baselineUniformsPerSecond: Math.round(uniformsPerSecond),
      transportTimeOverBaselineTime: transport.ms / baseline.ms,
    },
    electronResponse: {
      buildMs: Math.round(build.ms),
      evaluationsPerSecond: Math.round((n * repeats) / (evals.ms / 1000)),
      baselineLogsPerSecond: Math.round((n * repeats) / (logBaseline.ms / 1000)),
      evaluationTimeOverLogTime: evals.ms / logBaseline.ms,
    },
    channelFit: { channels: 2000, fitsPerSecond: Math.round(2000 / (fits.ms / 1000)), invalid: fits.value.invalidCount },
  }),
);
