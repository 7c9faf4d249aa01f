// Pull study (closure code): N seeded toys simulated with injected truth, reconstructed from
// hits and calibrated; per constant the pull mean, width and 1-sigma coverage. Prints JSON.
// Usage: tsx bench/pulls.ts [toys] [days] [lifetimeMs|inject-json] [config-json]
import { FitError } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { simulateCosmics } from '../src/simulate-cosmics.js';
import { reconstructCosmics } from '../src/reco/reconstruct-cosmics.js';
import { t0FromCosmics, vdFromCosmics } from '../src/calibrate-drift.js';
import { lifetimeFromCosmics } from '../src/calibrate-lifetime.js';
import { energyScaleFromStoppingMuons } from '../src/calibrate-energy-scale.js';
import { lifetimeAtHeightMs, type InjectInput } from '../src/inject.js';

const toys = Number(process.argv[2] ?? 10);
const days = Number(process.argv[3] ?? 0.3);
const arg = process.argv[4] ?? 'default';
const extra = JSON.parse(process.argv[5] ?? '{}');
const DEFAULT_INJECT: InjectInput = {
  all: { lifetimeMs: 8 },
  tpcs: { '0': { t0OffsetUs: 3, gainScale: 1.05 }, '1': { t0OffsetUs: -2, vdMmPerUs: 1.55 }, '2': { lifetimeMs: 5, lifetimeSlopePerM: 0.05 }, '3': { temperatureK: 89, t0OffsetUs: 0.7 } },
};
const inject: InjectInput = arg === 'default' ? DEFAULT_INJECT : arg.startsWith('{') ? JSON.parse(arg) : { all: { lifetimeMs: Number(arg) }, tpcs: { '1': { t0OffsetUs: 2 } } };
const pulls: Record<string, number[]> = { t0: [], vd: [], lifetimeTpc: [], lifetimeSlice: [], energyScaleTpc: [], energyScaleWhole: [] };
const energyScaleFailures: number[] = [];
const rel: Record<string, number[]> = { t0ErrorUs: [], vdRelError: [], lifetimeRelError: [], energyScaleRelError: [] };
for (let toy = 0; toy < toys; toy++) {
  const { hits, truth } = simulateCosmics({ days, inject, ...extra }, createRng(`pulls-${arg}-${toy}`));
  const reco = reconstructCosmics(hits);
  const t0 = t0FromCosmics(reco);
  const vd = vdFromCosmics(reco, t0);
  const lt = lifetimeFromCosmics(reco, t0, vd);
  let es: ReturnType<typeof energyScaleFromStoppingMuons> | null = null;
  try {
    es = energyScaleFromStoppingMuons(reco, t0, lt.payload, createRng(`template-${toy}`), { binning: 'tpc' });
  } catch (e) {
    // too few stopping muons in a short toy: counted, the other constants still enter
    if (!(e instanceof FitError)) throw e;
    energyScaleFailures.push(toy);
  }
  for (const e of t0.tpcs) { pulls.t0!.push((e.t0OffsetUs - truth.tpcs[e.tpc]!.t0OffsetUs) / e.errorUs); rel.t0ErrorUs!.push(e.errorUs); }
  for (const e of vd.tpcs) { pulls.vd!.push((e.vdMmPerUs - truth.tpcs[e.tpc]!.vdMmPerUs) / e.errorMmPerUs); rel.vdRelError!.push(e.errorMmPerUs / e.vdMmPerUs); }
  for (const e of lt.payload.entries) {
    const t = truth.tpcs[e.tpc]!;
    if (e.yMinCm === undefined) {
      if (t.lifetimeSlopePerM === 0) { pulls.lifetimeTpc!.push((e.lifetimeMs - t.lifetimeMs) / e.errorMs); rel.lifetimeRelError!.push(e.errorMs / e.lifetimeMs); }
    } else pulls.lifetimeSlice!.push((e.lifetimeMs - lifetimeAtHeightMs(t, (e.yMinCm + e.yMaxCm!) / 2)) / e.errorMs);
  }
  const gains = new Set(truth.tpcs.map((t) => t.gainAdcPerElectron));
  if (es === null) continue;
  if (process.env['NUCAL_DEBUG_PULLS']) console.error(toy, es.payload.electronsPerAdc.toFixed(2), es.payload.errorElectronsPerAdc.toFixed(2), (1 / truth.tpcs[0]!.gainAdcPerElectron).toFixed(2), lt.payload.entries.filter((e) => e.yMinCm === undefined).map((e) => e.lifetimeMs.toFixed(2) + '+-' + e.errorMs.toFixed(2)).join(' '));
  if (gains.size === 1) pulls.energyScaleWhole!.push((es.payload.electronsPerAdc - 1 / truth.tpcs[0]!.gainAdcPerElectron) / es.payload.errorElectronsPerAdc);
  for (const e of es.payload.tpcs ?? []) { pulls.energyScaleTpc!.push((e.electronsPerAdc - 1 / truth.tpcs[e.tpc]!.gainAdcPerElectron) / e.errorElectronsPerAdc); rel.energyScaleRelError!.push(e.errorElectronsPerAdc / e.electronsPerAdc); }
}
const summary = (v: number[]) => {
  const n = v.length;
  if (!n) return null;
  const mean = v.reduce((a, b) => a + b, 0) / n;
  const width = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, n - 1));
  const coverage = v.filter((x) => Math.abs(x) <= 1).length / n;
  return { n, mean: +mean.toFixed(3), meanError: +(width / Math.sqrt(n)).toFixed(3), width: +width.toFixed(3), widthError: +(width / Math.sqrt(2 * (n - 1))).toFixed(3), coverage1Sigma: +coverage.toFixed(3) };
};
const med = (v: number[]) => (v.length ? [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]! : null);
console.log(JSON.stringify({ toys, days, inject: arg, extra, energyScaleFailures, pulls: Object.fromEntries(Object.entries(pulls).map(([k, v]) => [k, summary(v)])), medianErrors: Object.fromEntries(Object.entries(rel).map(([k, v]) => [k, med(v)])) }, null, 1));
