import { z } from 'zod';
import { CosmicSimulationConfigSchema, cosmicsPlugin, readHitFile } from '@nucal/cosmics';
import { driftVelocityRecord, duneEnergyScaleRecord, lifetimeRecord, spaceChargeRecord, t0Record } from '@nucal/tpc-drift';
import { definePluginEntry } from '../registry/plugin-entry.js';
import type { Detector } from './detector.js';

/** The options of `dune.cosmics` offered on the command line. */
const CosmicsCliOptions = z.object({
  energyScale: z
    .object({
      binning: z.enum(['whole', 'tpc']).default('whole').describe('one electrons/ADC constant for the whole detector, or one per TPC'),
      residualRangeCm: z.tuple([z.number().nonnegative(), z.number().positive()]).optional().describe('residual-range window of the minimum-ionising region, cm (default [100, 200])'),
    })
    .prefault({}),
  skipMichel: z.boolean().default(false).describe('skip the Michel-electron energy-scale test'),
  spaceCharge: z
    .boolean()
    .default(false)
    .describe('measure the space-charge map from face-crossing track ends and write dune.space-charge (a surface detector; simulate one with sim.module and sim.spaceCharge)'),
});

/**
 * The DUNE-like liquid-argon TPC far-detector module: its records, its calibrations and their
 * defaults. Timestamp IOVs, one per detector-day of cosmic muons.
 */
export const dune: Detector = {
  name: 'dune',
  description: 'DUNE-like liquid-argon TPC far-detector module (timestamp IOVs, one per detector-day)',
  records: [t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord, spaceChargeRecord],
  plugins: [
    definePluginEntry({
      id: 'dune.cosmics',
      detector: 'dune',
      description: 'cosmic muons of one detector-day, reconstructed from hits (simulated, or --input hits.h5): t0 per TPC (anode crossers), <vd> (cathode crossers), electron lifetime per TPC and height slice, energy scale (stopping muons); with spaceCharge the space-charge map (face-crossing ends)',
      records: [t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord, spaceChargeRecord],
      options: CosmicsCliOptions,
      simulation: CosmicSimulationConfigSchema.omit({ days: true }),
      timeType: 'timestamp',
      defaultSince: '2026-01-01T00:00:00Z',
      daily: true,
      defaultTagPrefix: 'mc',
      shortcuts: [{ flags: '--inject <json|file>', description: 'injected truth per TPC, e.g. {"tpcs":{"2":{"lifetimeMs":6,"t0OffsetUs":3}}}', sets: 'sim.inject' }],
      tuneSimulation: (config) => ({ ...config, days: 1 }),
      // Recorded hits: an HDF5 hit file (layout in @nucal/cosmics' README, "Hit files").
      readInputFile: (file) => readHitFile(file),
      create: (options) => cosmicsPlugin(options) as never,
    }),
  ],
};
