import { defineCalibrationPlugin, measurement, runCalibration, runTime, type RandomSource } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { z } from 'zod';
import { describeBackends, freshDb } from '../test/backends.js';
import { provenance, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';

const rng = (seed = 's'): RandomSource => ({ seed, uniform: () => 0.5, fork: (l) => rng(`${seed}/${l}`) });

/** A calibration that measures the light yield from a list of peak positions (PE per MeV). */
const scalePlugin = defineCalibrationPlugin({
  id: 'test.energy-scale', version: '0', records: [scaleRecord], requires: [], input: z.object({ pePerMeV: z.array(z.number()) }),
  simulate: () => ({ input: { pePerMeV: [1345] }, truth: 1345 }),
  calibrate: async (s) => {
    const y0 = s.pePerMeV.reduce((a, b) => a + b, 0) / s.pePerMeV.length;
    return {
      payloads: [{ record: scaleRecord, payload: { y0PePerMeV: y0, y0ErrPePerMeV: 1, fit: { chi2: 0, ndof: 0 } } }],
      fits: {}, plots: [], summary: { y0: measurement(y0, 1, 'PE/MeV') }, provenance,
    };
  },
});

describeBackends('the database as the calibration host writer', (backend) => {
  let db: ConditionsDb;
  beforeEach(async () => {
    db = await freshDb(backend);
  });
  afterEach(async () => db.close());

  it('writes through the host, idempotently, maps a global tag, and feeds a later calibration', async () => {
    const first = await runCalibration(scalePlugin, { pePerMeV: [1340, 1350] }, { at: runTime(100), rng: rng(), writer: db.writer(), tagPrefix: 'mc', globalTag: 'mc-reco' });
    expect(first.written).toEqual([{ record: 'test.energy-scale', tag: 'mc.test.energy-scale', hash: expect.stringMatching(/^[0-9a-f]{64}$/), inserted: true }]);
    const again = await runCalibration(scalePlugin, { pePerMeV: [1340, 1350] }, { at: runTime(100), rng: rng(), writer: db.writer(), tagPrefix: 'mc', globalTag: 'mc-reco' });
    expect(again.written[0]!.inserted).toBe(false);
    await runCalibration(scalePlugin, { pePerMeV: [1360] }, { at: runTime(200), rng: rng(), writer: db.writer(), tagPrefix: 'mc', globalTag: 'mc-reco' });
    expect((await db.getGlobalTag('mc-reco')).entries).toEqual([{ record: 'test.energy-scale', tag: 'mc.test.energy-scale' }]);
    expect((await db.listIovs('mc.test.energy-scale')).items.map((i) => i.since)).toEqual([runTime(100), runTime(200)]);

    // A calibration that requires the scale reads the one valid at its own time.
    const consumer = defineCalibrationPlugin({
      id: 'test.consumer', version: '0', records: [scaleRecord], requires: [scaleRecord], input: z.object({}),
      simulate: () => ({ input: {}, truth: 0 }),
      calibrate: async (_s, ctx) => {
        const y0 = (ctx.required?.get('test.energy-scale')?.payload as { y0PePerMeV: number }).y0PePerMeV;
        return { payloads: [], fits: {}, plots: [], summary: { y0: measurement(y0, 0, 'PE/MeV') }, provenance };
      },
    });
    const conditions = await db.provider({ globalTag: 'mc-reco', asOf: await db.now() });
    const r = await runCalibration(consumer, {}, { at: runTime(150), rng: rng(), conditions });
    expect(r.result.summary.y0!.value).toBe(1345);
    expect(r.used[0]!.tag).toBe('mc.test.energy-scale');
  });
});
