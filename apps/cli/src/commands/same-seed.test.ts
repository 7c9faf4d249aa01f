import { silentLogger, silentProgress } from '@nucal/core';
import { cosmicsPlugin } from '@nucal/cosmics';
import { nonlinearityPlugin } from '@nucal/nonlinearity';
import { createRng } from '@nucal/numeric';
import { describe, expect, it } from 'vitest';
import { nucal } from '../cli.test-support.js';
import { CalibrateOutputSchema } from '../output/calibrate-output.js';

/**
 * Moving the calibrations behind the host and the registry changed no physics: the generic
 * command gives exactly the constants of the plugin called directly, the way the commands did
 * before (simulate on the seed's 'simulate' fork, calibrate on its 'calibrate' fork; DUNE per
 * day on the 'day-N' fork).
 */
describe('same seed, same constants through the host and the registry', () => {
  it('juno.nonlinearity', async () => {
    const plugin = nonlinearityPlugin({ systematics: { mocks: 0 } });
    const rng = createRng('seed-7');
    const sim = plugin.simulate({ eventsPerSource: 5000, eventsBySource: { 'K-40': 300 }, b12: { days: 5 } }, rng.fork('simulate'));
    const direct = await plugin.calibrate(sim.input, { rng: rng.fork('calibrate'), logger: silentLogger, progress: silentProgress });
    const r = await nucal('calibrate', 'juno.nonlinearity', '--seed', 'seed-7', '--events', '5000', '--b12-days', '5', '--mocks', '0', '--json');
    expect(r.code, r.err).toBe(0);
    const run = CalibrateOutputSchema.parse(JSON.parse(r.out)).runs[0]!;
    expect(run.summary).toEqual(direct.summary);
    expect(run.fits.nonlinearity!.values).toEqual(direct.fits.nonlinearity!.values);
    // the short name is the same command
    const short = await nucal('juno', 'nonlinearity', '--seed', 'seed-7', '--sim.eventsPerSource', '5000', '--sim.eventsBySource', '{"K-40": 300}', '--sim.b12.days', '5', '--systematics.mocks', '0', '--json');
    expect(CalibrateOutputSchema.parse(JSON.parse(short.out)).runs[0]!.summary).toEqual(direct.summary);
  });

  it('dune.cosmics', async () => {
    const plugin = cosmicsPlugin({ energyScale: { binning: 'whole' } });
    const day = createRng('seed-8').fork('day-0');
    const inject = { tpcs: { '2': { lifetimeMs: 6 } } };
    const sim = plugin.simulate({ days: 1, inject }, day.fork('simulate'));
    const direct = await plugin.calibrate(sim.input, { rng: day.fork('calibrate'), logger: silentLogger, progress: silentProgress });
    const r = await nucal('dune', 'cosmics', '--seed', 'seed-8', '--inject', JSON.stringify(inject), '--json');
    expect(r.code, r.err).toBe(0);
    expect(CalibrateOutputSchema.parse(JSON.parse(r.out)).runs[0]!.summary).toEqual(direct.summary);
  });
});
