import { describe, expect, it } from 'vitest';
import { contentHash, silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import type { EnergyScalePayload, LifetimePayload, T0Payload } from '@nucal/tpc-drift';
import { cosmicsPlugin } from './cosmics-plugin.js';
import { cosmicSampleHash } from './sample-hash.js';
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
 * and the channel map's fork: every hit moves.
 */
const PINNED = {
  sample: '62142516782d25a86c1ee97d934999fc13f6d9f77f1ac893045c1a1fa1235716',
  'dune.t0': '363874e30de4ef3207e720d7e9fa6e51b158cd09fb2fcf36cfff29ffe2541b85',
  'dune.drift-velocity': 'facb28c29112b984325e60de016c6b2f8c070796001abe1200a8b772d039574d',
  'dune.lifetime': 'b7c1396bee5c6bdc5f8eb056c74ba8bf10edb51890fe19281daba060361d7555',
  'dune.energy-scale': 'bfcb68709b8232f92127054abac9718b555384fcb29db3c2b3f86eda1a6cdf01',
  summary: 'cb696579580a75bc6a79a5a1c5537175f02351fbb654af4d64a2a8e45b36a0bd',
  dedxProfile: '428ce30d3a34ef40afe3cf4d67b12c099d614664cc6cc61ecb36554ffb5e8526',
};

describe('same seed, same constants', () => {
  it('one detector-day (simulate seed "pin", calibrate seed "pin-calibrate") gives the pinned sample, payload and summary hashes', async () => {
    const plugin = cosmicsPlugin();
    const { input } = plugin.simulate({ days: 1, inject: { tpcs: { '2': { lifetimeMs: 6, t0OffsetUs: 3 } } } }, createRng('pin'));
    const result = await plugin.calibrate(input, { rng: createRng('pin-calibrate'), logger: silentLogger, progress: silentProgress });
    const got: Record<string, string> = { sample: cosmicSampleHash(input) };
    for (const p of result.payloads) got[p.record.name] = contentHash(p.payload);
    got['summary'] = contentHash(result.summary);
    // The dE/dx profile behind the plot (its toy runs on the calibration stream's fork 'dedx-profile').
    const payload = <T>(name: string): T => result.payloads.find((p) => p.record.name === name)!.payload as T;
    const profile = stoppingMuonDedxProfile(
      input,
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
