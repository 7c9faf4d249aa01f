// Benchmark: simulated muons per second (with a same-run baseline: drawing as many uniform
// deviates as the simulation consumed per muon would take) and wall time for one detector-day
// simulated and calibrated (and calibrated again with the Landau-Gaussian lifetime estimator);
// the calibration includes the plots, of which the stopping-muon dE/dx profile (Landau-Gaussian
// fits of data and toys per residual-range bin) is timed alone too. Prints one JSON object.
import { createRng } from '@nucal/numeric';
import { silentLogger, silentProgress, type RandomSource } from '@nucal/core';
import type { EnergyScalePayload, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import { cosmicsPlugin, stoppingMuonDedxProfile } from '@nucal/cosmics';

const plugin = cosmicsPlugin();
const counting = createRng('bench-count');
let uniforms = 0;
// Counts the draws of the simulation's own stream (forks are independent streams, not counted).
const countingRng: RandomSource = { seed: counting.seed, uniform: (): number => (uniforms++, counting.uniform()), fork: (label) => counting.fork(label) };

const t0 = performance.now();
const { input } = plugin.simulate({ days: 1 }, countingRng);
const simMs = performance.now() - t0;
const t1 = performance.now();
const result = await plugin.calibrate(input, { rng: createRng('bench-cal'), logger: silentLogger, progress: silentProgress });
const calMs = performance.now() - t1;
// The alternative lifetime estimator (Landau-Gaussian MPV per drift-time bin) on the same sample.
const t3 = performance.now();
await cosmicsPlugin({ lifetime: { estimator: 'langau-mpv' } }).calibrate(input, { rng: createRng('bench-cal'), logger: silentLogger, progress: silentProgress });
const calLangauMs = performance.now() - t3;

// The dE/dx plot's profile alone (also inside calibrateMs).
const payload = <T>(name: string): T => result.payloads.find((p) => p.record.name === name)!.payload as T;
const t4 = performance.now();
stoppingMuonDedxProfile(input, payload<T0Payload>('dune.t0'), payload<LifetimePayload>('dune.lifetime'), payload<EnergyScalePayload>('dune.energy-scale'), createRng('bench-dedx'));
const dedxProfileMs = performance.now() - t4;

const baseRng = createRng('bench-baseline');
const t2 = performance.now();
let sink = 0;
for (let i = 0; i < uniforms; i++) sink += baseRng.uniform();
const baseMs = performance.now() - t2;

const muonsPerS = input.tracks.count / (simMs / 1000);
console.log(
  JSON.stringify({
    muonsPerDay: input.tracks.count,
    hitsPerDay: input.hits.count,
    simulateMs: Math.round(simMs),
    calibrateMs: Math.round(calMs),
    calibrateLangauMs: Math.round(calLangauMs),
    dedxProfileMs: Math.round(dedxProfileMs),
    detectorDayWallS: Number(((simMs + calMs) / 1000).toFixed(2)),
    muonsPerS: Math.round(muonsPerS),
    uniformsDrawn: uniforms,
    baselineUniformLoopMs: Math.round(baseMs),
    simulationOverUniformLoop: Number((simMs / baseMs).toFixed(1)),
    payloads: result.payloads.length,
    sink: sink > 0,
  }),
);
