import { z } from 'zod';
import { LArTpcModuleConfigSchema } from '@nucal/geometry';
import { RecombinationModelSchema, ResponseModelSchema } from '@nucal/tpc-drift';
import { InjectSchema } from './inject.js';
import { MichelResponseSchema } from './michel.js';
import { MuonFluxConfigSchema } from './muon-generator.js';
import { SpaceChargeConfigSchema } from './space-charge.js';

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
  views: z
    .array(z.enum(['U', 'V', 'X']))
    .min(1)
    .default(['X', 'U'])
    .describe('wire planes written to the hit collection (the collection plane carries the charge; an induction view gives the second coordinate)'),
  thresholdElectrons: z.number().nonnegative().default(2500).describe('hit-finding threshold on the charge of a hit, electrons (about 4 x the nominal noise)'),
  deadChannelFraction: z.number().min(0).max(0.5).default(0.01).describe('fraction of channels that give no hits'),
  noisyChannelFraction: z.number().min(0).max(0.5).default(0.005).describe('fraction of channels that give random hits'),
  noisyHitsPerEvent: z.number().nonnegative().default(0.1).describe('mean random hits of a noisy channel per event'),
  spaceCharge: SpaceChargeConfigSchema.prefault({}).describe('space-charge distortion of the ionisation reaching the anode (off by default: the far detector at depth)'),
  channelGainSpread: z.number().min(0).max(0.5).default(0).describe('relative rms spread of the channel gains around the TPC gain (0: none)'),
  generator: z
    .object({
      recombination: RecombinationModelSchema.optional(),
      transverseDiffusionCm2PerS: z.number().nonnegative().optional(),
      noiseElectrons: z.number().nonnegative().optional(),
    })
    .strict()
    .prefault({})
    .describe('where the generator differs from the nominal response model that the hits carry (out-of-family tests): recombination, D_T, noise'),
});
export type CosmicSimulationConfig = z.infer<typeof CosmicSimulationConfigSchema>;
export type CosmicSimulationConfigInput = z.input<typeof CosmicSimulationConfigSchema>;
