// Benchmark: one detector-day simulated (hits), reconstructed from hits and calibrated, with
// same-run baselines: the simulation against drawing as many uniform deviates as it consumed in
// a plain loop, the reconstruction against one plain pass over the hit arrays that sums every
// column (the least any reader of the hits must do). Reports hits reconstructed per second,
// the wall time of the detector-day (target < 10 s), the calibration after reconstruction and
// the stopping-muon dE/dx profile alone. Prints one JSON object.
import { createRng } from '@nucal/numeric';
import { silentLogger, silentProgress, type RandomSource } from '@nucal/core';
import type { EnergyScalePayload, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import { cosmicsPlugin, reconstructCosmics, stoppingMuonDedxProfile } from '@nucal/cosmics';

const plugin = cosmicsPlugin();
const counting = createRng('bench-count');
let uniforms = 0;
// Counts the draws of the simulation's own stream (forks are independent streams, not counted).
const countingRng: RandomSource = { seed: counting.seed, uniform: (): number => (uniforms++, counting.uniform()), fork: (label) => counting.fork(label) };

const t0 = performance.now();
const { input } = plugin.simulate({ days: 1 }, countingRng);
const simMs = performance.now() - t0;
const t1 = performance.now();
const reco = reconstructCosmics(input);
const recoMs = performance.now() - t1;
const t2 = performance.now();
const result = await plugin.calibrate(input, { rng: createRng('bench-cal'), logger: silentLogger, progress: silentProgress });
const calMs = performance.now() - t2;

// The dE/dx plot's profile alone (also inside calibrateMs).
const payload = <T>(name: string): T => result.payloads.find((p) => p.record.name === name)!.payload as T;
const t4 = performance.now();
stoppingMuonDedxProfile(reco, payload<T0Payload>('dune.t0'), payload<LifetimePayload>('dune.lifetime'), payload<EnergyScalePayload>('dune.energy-scale'), createRng('bench-dedx'));
const dedxProfileMs = performance.now() - t4;

const baseRng = createRng('bench-baseline');
const t5 = performance.now();
let sink = 0;
for (let i = 0; i < uniforms; i++) sink += baseRng.uniform();
const baseMs = performance.now() - t5;
const h = input.hits;
const t6 = performance.now();
let pass = 0;
for (let i = 0; i < h.count; i++) pass += h.tpc[i]! + h.view[i]! + h.wire[i]! + h.tick[i]! + h.widthTicks[i]! + h.chargeAdc[i]! + h.event[i]!;
const passMs = performance.now() - t6;

console.log(
  JSON.stringify({
    muonsPerDay: input.events.count,
    hitsPerDay: h.count,
    reconstructedTracks: reco.tracks.count,
    simulateMs: Math.round(simMs),
    reconstructMs: Math.round(recoMs),
    calibrateMs: Math.round(calMs),
    calibrateAfterRecoMs: Math.round(calMs - recoMs),
    dedxProfileMs: Math.round(dedxProfileMs),
    detectorDayWallS: Number(((simMs + calMs) / 1000).toFixed(2)),
    hitsReconstructedPerS: Math.round(h.count / (recoMs / 1000)),
    baselineHitPassMs: Math.round(passMs),
    reconstructionOverHitPass: Number((recoMs / passMs).toFixed(1)),
    uniformsDrawn: uniforms,
    baselineUniformLoopMs: Math.round(baseMs),
    simulationOverUniformLoop: Number((simMs / baseMs).toFixed(1)),
    payloads: result.payloads.length,
    sink: sink > 0 && pass > 0,
  }),
);
