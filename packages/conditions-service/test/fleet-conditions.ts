import { createHash } from 'node:crypto';
import { defineReconstructionPlugin, defineRecord, runTime, type ConditionsProvider } from '@nucal/core';
import type { ConditionsDb } from '@nucal/conditions-db';
import { createRng } from '@nucal/numeric';
import { z } from 'zod';
import { provenance, scale, scaleRecord } from './fixture.js';

/** Channel gains, a second record with its own intervals of validity. */
export const gainRecord = defineRecord({
  name: 'test.gain',
  version: 1,
  description: 'Test relative channel gain (dimensionless)',
  schema: z.object({ gain: z.number().positive() }),
});

export const FLEET_GT = 'fleet-2026';
export const FIRST_RUN = 1000;
export const RUNS = 400;

/**
 * The conditions of the fleet test: an energy scale changing every 10 runs and a gain
 * changing every 25 runs over runs 1000-1399, mapped by a global tag locked with a snapshot.
 */
export async function seedFleet(db: ConditionsDb): Promise<void> {
  await db.registerRecord(scaleRecord);
  await db.registerRecord(gainRecord);
  await db.createTag({ name: 'fleet.scale', record: scaleRecord.name, timeType: 'run' });
  await db.createTag({ name: 'fleet.gain', record: gainRecord.name, timeType: 'run' });
  const rng = createRng('fleet-conditions');
  await db.appendIovs('fleet.scale', Array.from({ length: RUNS / 10 }, (_, i) => ({ since: runTime(FIRST_RUN + 10 * i), payload: scale(1300 + 100 * rng.uniform()), provenance })));
  await db.appendIovs('fleet.gain', Array.from({ length: RUNS / 25 }, (_, i) => ({ since: runTime(FIRST_RUN + 25 * i), payload: { gain: 0.9 + 0.2 * rng.uniform() }, provenance })));
  await db.createGlobalTag({ name: FLEET_GT });
  await db.setGlobalTagEntry(FLEET_GT, scaleRecord.name, 'fleet.scale');
  await db.setGlobalTagEntry(FLEET_GT, gainRecord.name, 'fleet.gain');
  await db.lockGlobalTag(FLEET_GT, { snapshot: 'now' });
}

interface Event {
  readonly run: number;
  readonly subrun: number;
  readonly chargePe: number;
}

/** A toy reconstruction: visible energy from charge, gain and energy scale at the event's run. */
export const energyPlugin = defineReconstructionPlugin<Event, { energyMeV: number; constants: string[] }>({
  id: 'test.energy',
  version: '0.1.0',
  requires: [scaleRecord, gainRecord],
  async process(ev, conditions) {
    const at = runTime(ev.run, ev.subrun);
    const s = await conditions.resolve(scaleRecord, at);
    const g = await conditions.resolve(gainRecord, at);
    return { energyMeV: ev.chargePe / (g.payload.gain * s.payload.y0PePerMeV), constants: [s.hash, g.hash] };
  },
});

/**
 * Reconstructs `perRun` seeded events in each run, in time order, and returns a digest of
 * every event's constants (their hashes) and energy: equal digests, equal constants.
 */
export async function reconstructFleetEvents(conditions: ConditionsProvider, perRun: number): Promise<{ events: number; digest: string }> {
  const rng = createRng('fleet-events');
  const h = createHash('sha256');
  let events = 0;
  for (let run = FIRST_RUN; run < FIRST_RUN + RUNS; run++) {
    for (let i = 0; i < perRun; i++) {
      const out = await energyPlugin.process({ run, subrun: i, chargePe: 1000 + 9000 * rng.uniform() }, conditions);
      h.update(`${run}:${i} ${out.constants.join(' ')} ${out.energyMeV}\n`);
      events++;
    }
  }
  return { events, digest: h.digest('hex') };
}
