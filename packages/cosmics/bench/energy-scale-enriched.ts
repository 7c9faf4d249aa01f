// Per-TPC energy-scale pulls on the surface module with muons below 2 GeV (a sample enriched in
// stopping muons; closure code). Prints JSON. Usage: tsx bench/energy-scale-enriched.ts [toys] [days] [lifetimeMs]
import { createRng } from '@nucal/numeric';
import { simulateCosmics } from '../src/simulate-cosmics.js';
import { reconstructCosmics } from '../src/reco/reconstruct-cosmics.js';
import { t0FromCosmics, vdFromCosmics } from '../src/calibrate-drift.js';
import { lifetimeFromCosmics } from '../src/calibrate-lifetime.js';
import { energyScaleFromStoppingMuons } from '../src/calibrate-energy-scale.js';
import { PROTODUNE_MODULE } from '../src/space-charge.js';
const toys = Number(process.argv[2] ?? 20); const days = Number(process.argv[3] ?? 0.5); const tau = Number(process.argv[4] ?? 10);
const pe: number[] = [], pw: number[] = []; let t = Date.now(); const nt: number[] = [];
for (let toy = 0; toy < toys; toy++) {
  const inject = { all: { lifetimeMs: tau }, tpcs: { '0': { gainScale: 1.05 }, '1': { gainScale: 0.97 } } };
  const { hits, truth } = simulateCosmics({ module: PROTODUNE_MODULE, flux: { depthKmwe: 1, simulateBelowEnergyGeV: 2 }, days, inject }, createRng(`es-enriched-${toy}`));
  const reco = reconstructCosmics(hits);
  const t0 = t0FromCosmics(reco); const vd = vdFromCosmics(reco, t0); const lt = lifetimeFromCosmics(reco, t0, vd);
  const es = energyScaleFromStoppingMuons(reco, t0, lt.payload, createRng(`t-${toy}`), { binning: 'tpc' });
  for (const e of es.payload.tpcs ?? []) pe.push((e.electronsPerAdc - 1 / truth.tpcs[e.tpc]!.gainAdcPerElectron) / e.errorElectronsPerAdc);
  nt.push(es.payload.tpcs?.length ?? 0);
}
const s = (v: number[]) => { const m = v.reduce((a, b) => a + b, 0) / v.length; return { n: v.length, mean: +m.toFixed(3), width: +Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / (v.length - 1)).toFixed(3), cov: +(v.filter((x) => Math.abs(x) < 1).length / v.length).toFixed(3), max: +Math.max(...v.map(Math.abs)).toFixed(2) }; };
console.log(JSON.stringify({ toys, days, tau, perToyTpcs: nt, seconds: (Date.now() - t) / 1000, energyScaleTpc: s(pe) }));
