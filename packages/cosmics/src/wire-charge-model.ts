import type { RandomSource } from '@nucal/core';
import { LANDAU_MPV_STANDARD, landau } from '@nucal/numeric';
import { W_ION_MEV, larDensityGPerCm3, recombinationFactor, recombinationMinimumdEdxMeVPerCm, type ResponseModel } from '@nucal/tpc-drift';
import { maxEnergyTransferMeV } from './bethe.js';
import { landauXiMeV, mostProbableEnergyLossMeV } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';

/** Draws the ionisation charge a muon leaves on one collection wire under a nominal response model. */
export interface WireChargeModel {
  /**
   * Electrons reaching the wire before attenuation, diffusion and noise: a Landau deposit
   * around the Landau-Vavilov MPV of the pitch (width xi), capped at the MPV plus W_max and at the remaining
   * kinetic energy, converted with the nominal recombination model.
   */
  electrons(rng: RandomSource, pitchCm: number, betaGamma: number, kineticEnergyMeV?: number): number;
}

/**
 * The per-wire charge model the simulation uses, under the nominal response model (field,
 * temperature, recombination): calibration templates draw from it so that data and prediction
 * pass through the same non-linear recombination of the Landau deposit. Caches the Landau
 * parameters of the last (pitch, beta gamma) pair, since consecutive draws mostly share them.
 *
 * @example
 * const m = wireChargeModel(responseModel().model);
 * m.electrons(createRng(1), 0.6, 1000) // ~ 2.9e4
 */
export function wireChargeModel(response: ResponseModel): WireChargeModel {
  const density = larDensityGPerCm3(response.temperatureK);
  const lar = liquidArgon({ densityGPerCm3: density });
  const medium = { fieldKvPerCm: response.fieldKvPerCm, densityGPerCm3: density };
  const minDedx = recombinationMinimumdEdxMeVPerCm(response.recombination, medium) * 1.0001;
  let lastPitch = -1;
  let lastBg = -1;
  let location = 0;
  let xi = 1;
  let maxLoss = Infinity;
  return {
    electrons(rng, pitchCm, betaGamma, kineticEnergyMeV = Infinity) {
      if (pitchCm !== lastPitch || betaGamma !== lastBg) {
        lastPitch = pitchCm;
        lastBg = betaGamma;
        xi = landauXiMeV(lar, betaGamma, pitchCm);
        const mpv = mostProbableEnergyLossMeV(lar, betaGamma, pitchCm);
        location = mpv - LANDAU_MPV_STANDARD * xi;
        // As the simulation: the tail ends one maximal single collision above the MPV.
        maxLoss = mpv + maxEnergyTransferMeV(betaGamma);
      }
      const dE = Math.min(landau(rng, location, xi), maxLoss, kineticEnergyMeV);
      const dedx = Math.max(dE / pitchCm, minDedx);
      return (recombinationFactor(response.recombination, dedx, medium) * dedx * pitchCm) / W_ION_MEV;
    },
  };
}
