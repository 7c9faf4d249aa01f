import { z } from 'zod';
import { LArTpcModuleConfigSchema } from '@nucal/geometry';
import { ResponseModelSchema } from '@nucal/tpc-drift';
import { InjectSchema } from './inject.js';
import { MichelResponseSchema } from './michel.js';
import { MuonFluxConfigSchema } from './muon-generator.js';

/**
 * Configuration of one simulated cosmic sample (the plugin's `simulate(config, rng)`): how many
 * days, the flux model, the detector (geometry and nominal response from `@nucal/geometry` and
 * `@nucal/tpc-drift`), the injected truth per TPC, and which response effects are on.
 *
 * @example
 * CosmicSimulationConfigSchema.parse({ days: 1, inject: { tpcs: { '0': { t0OffsetUs: 2 } } } })
 */
export const CosmicSimulationConfigSchema = z.object({
  days: z.number().positive().max(366).describe('length of the sample, days of live time'),
  flux: MuonFluxConfigSchema.prefault({}),
  module: LArTpcModuleConfigSchema.prefault({}),
  response: ResponseModelSchema.prefault({}),
  inject: InjectSchema.prefault({}),
  michelFraction: z
    .number()
    .min(0)
    .max(1)
    .default(2 / 3)
    .describe('fraction of stopping muons that decay (mu+ all, mu- about 25% in argon; mu+/mu- about 1.3)'),
  michel: MichelResponseSchema.prefault({}),
  collectionPlane: z.string().default('X').describe('name of the wire plane whose hits are simulated'),
  maxTrackPitchCm: z.number().positive().default(5).describe('no hits where the track runs so close to the wire direction that the pitch exceeds this, cm'),
  diffusion: z.boolean().default(true).describe('longitudinal (hit time) and transverse (charge sharing between wires) diffusion'),
  noise: z.boolean().default(true).describe('electronics noise on each hit charge (response.noiseElectrons)'),
  timeResolutionUs: z.number().nonnegative().default(0.2).describe('hit time resolution from pulse fitting, us'),
});
export type CosmicSimulationConfig = z.infer<typeof CosmicSimulationConfigSchema>;
export type CosmicSimulationConfigInput = z.input<typeof CosmicSimulationConfigSchema>;
