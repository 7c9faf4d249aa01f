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
 * by < 2e-8 relative, their errors by < 0.1%); constants and summary unchanged.
 */
const PINNED = {
  sample: '2dcb5207a894589c5dd0a6aca33e98f3fcc948e9a7e90e5947c1054cd57a4a66',
  'dune.t0': '6d2b309ce6ebb6f741f7b43d630c4b242228e0b532c99de752710bc1159b362c',
  'dune.drift-velocity': 'aa6e61b8c6b44a65cf388a9616d3cc5c30fba73f76d2d36b7b823c34f66c339f',
  'dune.lifetime': '4b074804364f1570446ce076c767ed099cbcc3494c438316ec409fc7edd803ac',
  'dune.energy-scale': '6876ccc0083c22798e444a5112d4826e1ae6925379e479c8a569d6e160b71dbc',
  summary: 'f262b4db88eccb4a4b357a0127a774dac67043072ed8a05685d58da3cb876237',
  dedxProfile: 'afa37bda614b8276341ab3c3ee4160abc757deaf466724e4e021c687b4df1a9a',
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
