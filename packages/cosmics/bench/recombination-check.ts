// Does the stopping-muon dE/dx shape test (dedxShapeTest) tell a wrong recombination model
// from the nominal one? Closure code: a nominal reference sample, then data samples from the
// nominal generator (several seeds: the test's false-alarm behaviour) and from generators that
// differ (Birks recombination only; D_T, noise and gain spread only; the whole out-of-family
// generator), each reconstructed, calibrated and profiled alone. Prints JSON.
// Usage: tsx bench/recombination-check.ts [dataDays] [referenceDays] [nominalSeeds] [far|surface] [simulateBelowEnergyGeV|all]
import { createRng } from '@nucal/numeric';
import { BIRKS_ICARUS } from '@nucal/tpc-drift';
import { OUT_OF_FAMILY_GENERATOR, SURFACE_PROTODUNE, calibratedDedxProfile, dedxShapeTest, simulateCosmics } from '@nucal/cosmics';

const dataDays = Number(process.argv[2] ?? 3);
const refDays = Number(process.argv[3] ?? 6);
const nominalSeeds = Number(process.argv[4] ?? 3);
const site = process.argv[5] ?? 'surface';
const cut = process.argv[6] ?? '2';
const siteConfig = site === 'surface' ? SURFACE_PROTODUNE : { flux: {} };
// Enriched in stopping muons: the others are drawn and dropped (see MuonFluxConfigSchema).
const base: object = { ...siteConfig, flux: { ...siteConfig.flux, ...(cut === 'all' ? {} : { simulateBelowEnergyGeV: Number(cut) }) } };
function profile(days: number, seed: string, extra: object) {
  const t = Date.now();
  const { hits } = simulateCosmics({ days, ...base, ...extra }, createRng(seed));
  const p = calibratedDedxProfile(hits, createRng(`${seed}-calibrate`));
  return { p, seconds: (Date.now() - t) / 1000 };
}
const round = (x: number, d = 4) => Number(x.toFixed(d));
const ref = profile(refDays, 'rc-reference', {});
const variants: [string, string, object][] = [
  ...Array.from({ length: nominalSeeds }, (_, i): [string, string, object] => [`nominal-${i}`, `rc-data-${i}`, {}]),
  ['birksOnly', 'rc-data-0', { generator: { recombination: BIRKS_ICARUS } }],
  ['diffusionNoiseGainOnly', 'rc-data-0', { generator: { transverseDiffusionCm2PerS: 13 * 1.2, noiseElectrons: 600 * 1.2 }, channelGainSpread: 0.05 }],
  ['outOfFamily', 'rc-data-0', OUT_OF_FAMILY_GENERATOR],
];
const out: Record<string, unknown> = { site, simulateBelowEnergyGeV: cut, dataDays, refDays, referenceSeconds: ref.seconds, referenceTracks: ref.p.nTracks };
for (const [name, seed, extra] of variants) {
  const d = profile(dataDays, seed, extra);
  const t0 = Date.now();
  const s = dedxShapeTest(d.p, ref.p, createRng(`${name}-shape`));
  out[name] = {
    seconds: d.seconds,
    testSeconds: (Date.now() - t0) / 1000,
    tracks: s.dataTracks,
    chi2: round(s.chi2, 1),
    ndof: s.ndof,
    pValue: Number(s.pValue.toPrecision(3)),
    differ: s.differ,
    bins: Array.from(s.binLowCm, (lo, i) => ({ rrCm: [lo, s.binHighCm[i]], ratio: round(s.ratio[i]!), error: round(s.ratioError[i]!) })),
  };
  console.error(name, s.chi2.toFixed(1), s.ndof, s.pValue.toPrecision(3));
}
console.log(JSON.stringify(out));
