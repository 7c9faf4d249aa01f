import { BIRKS_ICARUS } from '@nucal/tpc-drift';
import type { CosmicSimulationConfigInput } from './simulation-config.js';

/**
 * A generator that differs from what the calibration assumes (the hit collection still carries
 * the nominal response): Birks recombination (ICARUS constants) instead of the nominal modified
 * Box, transverse diffusion and noise 20% above nominal (13 -> 15.6 cm2/s, 600 -> 720
 * electrons), and a 5% rms per-channel gain spread. For out-of-family closure: the biases of
 * the constants, and the stopping-muon dE/dx versus residual range check, which must flag the
 * recombination mismatch (README, "Out-of-family closure").
 *
 * @example simulateCosmics({ days: 1, ...OUT_OF_FAMILY_GENERATOR }, createRng(1))
 */
export const OUT_OF_FAMILY_GENERATOR: Readonly<Omit<CosmicSimulationConfigInput, 'days'>> = Object.freeze({
  generator: { recombination: BIRKS_ICARUS, transverseDiffusionCm2PerS: 13 * 1.2, noiseElectrons: 600 * 1.2 },
  channelGainSpread: 0.05,
});
