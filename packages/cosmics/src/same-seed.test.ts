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
 */
const PINNED = {
  sample: '75507a704fcd15933aebae990b5cf788756f491af806c90321031bfbae99ecb1',
  'dune.t0': '6e1201f92af4842cb37cd0ecc7220379aaae6e02db6a40f81acbe472cc1c9f06',
  'dune.drift-velocity': 'cf938e068b04beeb87e0f90714dff647c18bd446946c4a20c0da223fc40ca7f4',
  'dune.lifetime': '8d005f75628986e43489f85264f26ec494d9cb6e78598732aadf2cb6aa67922a',
  'dune.energy-scale': '1e21e82553babd636d7ad6cc4f4703c8042cd5d2b980cf54a4ed68100d62c2c4',
  summary: '3394eedb040754f4881024c1b3e1b732e442a4854790b0148b023bb77106f580',
  dedxProfile: '1f7c7720c07abcc3a3a5fa257d405de6b1096c8c170cd784bcfc6a80f6229758',
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
