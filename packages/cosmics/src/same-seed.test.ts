import { describe, expect, it } from 'vitest';
import { contentHash, silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import type { EnergyScalePayload, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import { cosmicsPlugin } from './cosmics-plugin.js';
import { hitCollectionHash } from './sample-hash.js';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';
import { stoppingMuonDedxProfile } from './dedx-profile.js';

/**
 * "Same seed, same constants" across refactors: one detector-day simulated and calibrated with
 * fixed seeds must give bit-identical samples, payloads and summary numbers. A change of these
 * hashes is a change of physics (or of a random stream): only a deliberate model or defect fix
 * may update them, in the same commit, saying why.
 *
 * History: CSDA range below 1 MeV fixed (every range was 0.11 g/cm2 too long; 6 fewer hits of
 * stopping muons, then every later draw moves). numeric c48b785: fit summaries gain pValue and
 * lowPValue (the lifetime payload's fits), langauMpv bins with Hist1D (dE/dx-profile MPVs move
 * by < 2e-8 relative, their errors by < 0.1%); constants and summary unchanged. Hits at wire
 * centres (the hit collection's wire grid) instead of at half-pitch steps from each segment start,
 * and the channel map's fork: every hit moves. Then the input became the hit collection
 * (its hash) and the calibration runs on reconstructed tracks: every constant moves. The whole-TPC lifetime
 * error from a bootstrap over tracks: the lifetime and energy-scale errors move.
 */
const PINNED = {
  sample: 'a56896a8c52b02ed08efcbd34bb5f23613e2d0a75a4953974d1db99774239555',
  'dune.t0': '7a9a3507f95b307be683352669e9ad5df77f2cc803f97646e067b2461d557d39',
  'dune.drift-velocity': '11bf3be16cd8366ff7734bc01ff3c1b657250e37635611d839f78db868b5d3df',
  'dune.lifetime': 'a7ecc61311dec39a88adc7fbcef6937b94563ec669fb54eb5e95f2a805f610e7',
  'dune.energy-scale': '431221da4bf0c3d5c3bd3b13cef8ca9e0cdd0132b560672fa47488f8cb212ebc',
  summary: 'ba04febae49a0d23ac260fec8153e61cfab832634fa0a0ada8134ffa6f2a8c78',
  dedxProfile: 'a16c5ea047c647b6f5f7ccfd13159e0c44781cc3f0d466f30fc8c586f4441d7a',
};

describe('same seed, same constants', () => {
  it('one detector-day (simulate seed "pin", calibrate seed "pin-calibrate") gives the pinned sample, payload and summary hashes', async () => {
    const plugin = cosmicsPlugin();
    const { input } = plugin.simulate({ days: 1, inject: { tpcs: { '2': { lifetimeMs: 6, t0OffsetUs: 3 } } } }, createRng('pin'));
    const result = await plugin.calibrate(input, { rng: createRng('pin-calibrate'), logger: silentLogger, progress: silentProgress });
    const got: Record<string, string> = { sample: hitCollectionHash(input) };
    for (const p of result.payloads) got[p.record.name] = contentHash(p.payload);
    got['summary'] = contentHash(result.summary);
    // The dE/dx profile behind the plot (its toy runs on the calibration stream's fork 'dedx-profile').
    const payload = <T>(name: string): T => result.payloads.find((p) => p.record.name === name)!.payload as T;
    const profile = stoppingMuonDedxProfile(
      reconstructCosmics(input),
      payload<T0Payload>('dune.t0'),
      payload<LifetimePayload>('dune.lifetime'),
      payload<EnergyScalePayload>('dune.energy-scale'),
      createRng('pin-calibrate').fork('dedx-profile'),
    );
    const a = (v: ArrayLike<number>): number[] => Array.from(v);
    got['dedxProfile'] = contentHash([
      a(profile.binLowCm), a(profile.binHighCm), a(profile.residualRangeCm), a(profile.nHits),
      a(profile.dataMpvMeVPerCm), a(profile.dataMpvErrorMeVPerCm), a(profile.expectedMpvMeVPerCm), a(profile.expectedMpvErrorMeVPerCm),
      a(profile.landauVavilovMpvMeVPerCm), a(profile.energyScaleRelativeError), profile.errorScale, profile.nTracks,
      a(profile.hits.residualRangeCm), a(profile.hits.dedxMeVPerCm),
    ]);
    expect(got, JSON.stringify(got, null, 2)).toEqual(PINNED);
  });
});
