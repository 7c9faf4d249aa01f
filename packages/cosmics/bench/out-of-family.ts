// Out-of-family closure (closure code, reads the truth): the generator differs from the
// calibration's model (OUT_OF_FAMILY_GENERATOR: Birks recombination, D_T and noise +20%, 5%
// channel-gain spread); the same seeds with the nominal generator beside it. Per constant the
// mean bias over the TPCs (relative, and in units of the errors), and the stopping-muon dE/dx
// profile (data / expected per residual-range bin, chi2). Prints JSON.
// Usage: tsx bench/out-of-family.ts [days] [seed]
import { silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import type { DriftVelocityPayload, EnergyScalePayload, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import { OUT_OF_FAMILY_GENERATOR, compareDedxProfile, cosmicsPlugin, reconstructCosmics, simulateCosmics, stoppingMuonDedxProfile } from '@nucal/cosmics';

const days = Number(process.argv[2] ?? 2);
const seed = process.argv[3] ?? 'out-of-family';
const round = (x: number, d = 4) => Number(x.toFixed(d));
async function run(extra: object) {
  const { hits, truth } = simulateCosmics({ days, inject: { tpcs: { '1': { t0OffsetUs: 2 } } }, ...extra }, createRng(seed));
  const result = await cosmicsPlugin({ energyScale: { binning: 'tpc' } }).calibrate(hits, { rng: createRng(`${seed}-calibrate`), logger: silentLogger, progress: silentProgress });
  const payload = <T>(name: string): T => result.payloads.find((p) => p.record.name === name)!.payload as T;
  const t0 = payload<T0Payload>('dune.t0');
  const vd = payload<DriftVelocityPayload>('dune.drift-velocity');
  const lt = payload<LifetimePayload>('dune.lifetime');
  const es = payload<EnergyScalePayload>('dune.energy-scale');
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  const t = truth.tpcs;
  const profile = stoppingMuonDedxProfile(reconstructCosmics(hits), t0, lt, es, createRng(`${seed}-dedx`), { binEdgesCm: [0, 5, 10, 15, 20, 30, 40, 60, 100, 150, 200] });
  const c = compareDedxProfile(profile, [100, 200]);
  return {
    t0: { biasUs: round(mean(t0.tpcs.map((e) => e.t0OffsetUs - t[e.tpc]!.t0OffsetUs))), biasOverError: round(mean(t0.tpcs.map((e) => (e.t0OffsetUs - t[e.tpc]!.t0OffsetUs) / e.errorUs)), 2) },
    vd: { relBias: round(mean(vd.tpcs.map((e) => e.vdMmPerUs / t[e.tpc]!.vdMmPerUs - 1)), 6), biasOverError: round(mean(vd.tpcs.map((e) => (e.vdMmPerUs - t[e.tpc]!.vdMmPerUs) / e.errorMmPerUs)), 2) },
    lifetime: {
      relBias: round(mean(lt.entries.filter((e) => e.yMinCm === undefined).map((e) => e.lifetimeMs / t[e.tpc]!.lifetimeMs - 1))),
      biasOverError: round(mean(lt.entries.filter((e) => e.yMinCm === undefined).map((e) => (e.lifetimeMs - t[e.tpc]!.lifetimeMs) / e.errorMs)), 2),
    },
    energyScale: { relBias: round(es.electronsPerAdc * t[0]!.gainAdcPerElectron - 1), biasOverError: round((es.electronsPerAdc - 1 / t[0]!.gainAdcPerElectron) / es.errorElectronsPerAdc, 2) },
    michelScale: result.summary['michel.scale'] ? { value: round(result.summary['michel.scale'].value), error: round(result.summary['michel.scale'].error) } : null,
    dedx: {
      bins: Array.from(profile.binLowCm, (lo, i) => ({ rrCm: [lo, profile.binHighCm[i]], ratio: round(c.ratio[i]!), error: round(c.ratioError[i]!) })),
      chi2: round(c.chi2, 1),
      ndof: c.bins,
      windowRatio: c.windowAgreement ? round(c.windowAgreement.ratio) : null,
    },
  };
}
console.log(JSON.stringify({ days, seed, nominal: await run({}), outOfFamily: await run(OUT_OF_FAMILY_GENERATOR) }, null, 1));
