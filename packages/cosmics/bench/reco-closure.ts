// Pattern-recognition closure (reads the truth): efficiency and purity of every track class on
// seeded detector-days, the stopping muons' length difference (residual-range offset) and the
// reconstruction speed (hits per second). Prints JSON. Usage: tsx bench/reco-closure.ts [days] [seed]
import { createRng, median, quantile } from '@nucal/numeric';
import { classClosure, reconstructCosmics, simulateCosmics, TrackClass } from '@nucal/cosmics';

const days = Number(process.argv[2] ?? 1);
const seed = process.argv[3] ?? 'reco-closure';
const sim = simulateCosmics({ days, ...JSON.parse(process.env['NUCAL_SIM'] ?? '{}') }, createRng(seed));
const t = performance.now();
const reco = reconstructCosmics(sim.hits);
const recoMs = performance.now() - t;
const c = classClosure(reco, sim.truth.sample);
const d: number[] = [];
for (let r = 0; r < reco.tracks.count; r++) {
  const e = reco.reconstruction.trackEvent[r]!;
  if (reco.tracks.flags[r]! & TrackClass.STOPPING && sim.truth.sample.tracks.flags[e]! & TrackClass.STOPPING) d.push(reco.tracks.lengthCm[r]! - sim.truth.sample.tracks.lengthCm[e]!);
}
const round = (x: number) => Number(x.toFixed(3));
console.log(JSON.stringify({
  days,
  seed,
  muons: sim.truth.sample.tracks.count,
  hits: sim.hits.hits.count,
  recoMs: Math.round(recoMs),
  hitsPerS: Math.round(sim.hits.hits.count / (recoMs / 1000)),
  classes: Object.fromEntries(Object.entries(c).map(([k, v]) => [k, { true: v.trueCount, reco: v.recoCount, efficiency: round(v.efficiency), efficiencyError: round(v.efficiencyError), purity: round(v.purity), purityError: round(v.purityError) }])),
  stoppingLengthDifferenceCm: d.length ? { n: d.length, median: round(median(d)), q16: round(quantile(d, 0.16)), q84: round(quantile(d, 0.84)) } : null,
}, null, 1));
