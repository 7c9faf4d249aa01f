import { defineReconstructionPlugin, OutOfRangeError, ValidationError, type ReconstructionPlugin, type Time } from '@nucal/core';
import { positronKineticMeV } from './positron.js';
import { junoEnergyScaleRecord, nonlinearityRecord } from './records.js';
import { PACKAGE_VERSION } from './version.js';

/** Input of `juno.energy`: the event's total PE (dark noise included) and its time. */
export interface EnergyEvent {
  readonly peTotal: number;
  readonly time: Time;
}

/** Output of `juno.energy`. */
export interface EnergyRecoOutput {
  /** (PE - dark-noise offset) / Y0, MeV (centre scale; non-uniformity is not corrected here). */
  readonly visibleEnergyMeV: number;
  /** Positron kinetic energy solving E_vis = E_vis_anni + E f(E), MeV; null above the solver range (20 MeV). */
  readonly positronKineticMeV: number | null;
  /** True when the kinetic energy lies in the calibrated range of the non-linearity. */
  readonly inValidityRange: boolean;
  /** Content hashes of the two payloads used, for provenance of the reconstruction. */
  readonly conditions: { readonly energyScale: string; readonly nonlinearity: string };
}

/**
 * Reconstruction plugin `juno.energy`: resolves `juno.energy-scale` and `juno.nonlinearity`
 * for the event's time from the conditions provider (wrap it in core's `IovCache` so lookups
 * happen only when the event leaves the current IOV) and returns the visible energy and the
 * positron kinetic energy.
 *
 * @example
 * const reco = energyReconstructionPlugin();
 * const out = await reco.process({ peTotal: 5600, time: runTime(42) }, new IovCache(provider));
 */
export function energyReconstructionPlugin(): ReconstructionPlugin<EnergyEvent, EnergyRecoOutput> {
  return defineReconstructionPlugin<EnergyEvent, EnergyRecoOutput>({
    id: 'juno.energy',
    version: PACKAGE_VERSION,
    requires: [junoEnergyScaleRecord, nonlinearityRecord],
    async process(event, conditions) {
      if (!Number.isFinite(event.peTotal)) throw new ValidationError(`event peTotal ${event.peTotal} is invalid: expected a finite number of PE`);
      const scale = await conditions.resolve(junoEnergyScaleRecord, event.time);
      const nl = await conditions.resolve(nonlinearityRecord, event.time);
      const s = scale.payload;
      const visibleEnergyMeV = (event.peTotal - s.darkNoiseOffsetPe) / s.y0PePerMeV;
      let kinetic: number | null;
      try {
        kinetic = positronKineticMeV(visibleEnergyMeV, s.annihilationVisibleMeV, nl.payload.parameters);
      } catch (e) {
        // a muon or other very energetic event is not a positron: no kinetic energy, not an error
        if (!(e instanceof OutOfRangeError)) throw e;
        kinetic = null;
      }
      return {
        visibleEnergyMeV,
        positronKineticMeV: kinetic,
        inValidityRange: kinetic !== null && kinetic >= nl.payload.validityMinMeV && kinetic <= nl.payload.validityMaxMeV,
        conditions: { energyScale: scale.hash, nonlinearity: nl.hash },
      };
    },
  });
}
