// Benchmark of space charge: the surface module (SURFACE_PROTODUNE) for 0.05 day (~7.7 M hits,
// about a far-detector day's worth), simulated with the distortion off and on (same seed), then
// calibrated without and with the space-charge step; and dune.hits applying the map to 100
// events of 1,000 hits against the same events without a map. Each figure has its same-run
// baseline (the run without space charge), so the ratios are what to read. Prints JSON.
// Usage: tsx bench/space-charge.ts [days]
import { InMemoryConditions, IovCache, silentLogger, silentProgress, timestampTime } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { driftVelocityRecord, duneEnergyScaleRecord, hitsPlugin, lifetimeRecord, spaceChargeRecord, t0Record } from '@nucal/tpc-drift';
import { duneFdSpModule } from '@nucal/geometry';
import { PROTODUNE_MODULE, SURFACE_PROTODUNE, cosmicsPlugin } from '@nucal/cosmics';

const days = Number(process.argv[2] ?? 0.05);
const ms = (t: number) => Math.round(performance.now() - t);
const off = { ...SURFACE_PROTODUNE, spaceCharge: { transverseCm: 0, driftCm: 0 } };
let t = performance.now();
const simOff = cosmicsPlugin().simulate({ ...off, days }, createRng('sce-bench'));
const simOffMs = ms(t);
t = performance.now();
const simOn = cosmicsPlugin().simulate({ ...SURFACE_PROTODUNE, days }, createRng('sce-bench'));
const simOnMs = ms(t);
const ctx = { rng: createRng('sce-bench-cal'), logger: silentLogger, progress: silentProgress };
t = performance.now();
await cosmicsPlugin({ skipMichel: true }).calibrate(simOn.input, ctx);
const calOffMs = ms(t);
t = performance.now();
const result = await cosmicsPlugin({ skipMichel: true, spaceCharge: true }).calibrate(simOn.input, ctx);
const calOnMs = ms(t);

// dune.hits: the payloads just calibrated, 100 events of 1,000 raw hits with tracking positions
const conditions = new InMemoryConditions();
for (const p of result.payloads) conditions.put(p.record, timestampTime(0n), p.payload as never);
const rng = createRng('sce-bench-hits');
const events = Array.from({ length: 100 }, (_, e) => ({
  time: timestampTime(BigInt(1 + e)),
  hits: Array.from({ length: 1000 }, (_, i) => ({ tpc: i % 2, channel: i, tick: Math.floor(rng.uniform() * 4000), chargeAdc: 50 + 100 * rng.uniform(), pitchCm: 0.5, yCm: 600 * rng.uniform(), zCm: 696 * rng.uniform() })),
}));
async function apply(mode: 'off' | 'optional') {
  const plugin = hitsPlugin({ module: duneFdSpModule(PROTODUNE_MODULE), spaceCharge: mode });
  const cache = new IovCache(conditions);
  const t0 = performance.now();
  for (const ev of events) await plugin.process(ev, cache);
  return performance.now() - t0;
}
await apply('off');
const hitsOffMs = Math.round(await apply('off'));
const hitsOnMs = Math.round(await apply('optional'));
const hasMap = result.payloads.some((p) => p.record.name === spaceChargeRecord.name);
console.log(
  JSON.stringify({
    days,
    hits: simOn.input.hits.count,
    simulate: { offMs: simOffMs, onMs: simOnMs, ratio: +(simOnMs / simOffMs).toFixed(3) },
    calibrate: { withoutSpaceChargeStepMs: calOffMs, withItMs: calOnMs, ratio: +(calOnMs / calOffMs).toFixed(3) },
    duneHits: { hits: 100_000, withoutMapMs: hitsOffMs, withMapMs: hitsOnMs, ratio: +(hitsOnMs / hitsOffMs).toFixed(3), mapApplied: hasMap, hitsPerSecondWithMap: Math.round(100_000 / (hitsOnMs / 1000)) },
    records: [t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord, spaceChargeRecord].map((r) => r.name),
  }),
);
