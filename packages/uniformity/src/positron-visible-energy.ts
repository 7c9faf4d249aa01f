import { createRng } from '@nucal/numeric';
import { electronResponse, transportSource, visibleEnergyPerEvent, type ElectronResponse } from '@nucal/optics';

/** Gamma-transport events behind the annihilation visible energy (fixed seed: a constant, not a toy). */
const ANNIHILATION_EVENTS = 20_000;

interface PositronModel {
  readonly response: ElectronResponse;
  readonly annihilationMeV: number;
}
let cached: PositronModel | undefined;

function model(): PositronModel {
  if (!cached) {
    const response = electronResponse();
    // the two back-to-back 0.511 MeV gammas of an annihilation at rest, transported at the
    // centre (the Ge-68 pair of @nucal/sources), through the same electron response
    const t = transportSource({ source: 'Ge-68', events: ANNIHILATION_EVENTS, rng: createRng('uniformity.annihilation') });
    const e = visibleEnergyPerEvent(response, t);
    let s = 0;
    for (const v of e) s += v;
    cached = { response, annihilationMeV: s / e.length };
  }
  return cached;
}

/**
 * Mean visible energy of the annihilation gamma pair of a positron stopped at the centre, MeV
 * (about 0.95: 0.927 x 1.022 MeV).
 */
export function annihilationVisibleMeV(): number {
  return model().annihilationMeV;
}

/**
 * Visible energy (MeV, n-H gamma scale of @nucal/optics) of a positron of kinetic energy T:
 * the electron response E_vis(T) plus the mean visible energy of its two annihilation gammas.
 * Kept simple on purpose: the positron is a point deposit with no fluctuation of its visible
 * energy (the gammas' leakage and their spread of E_vis are left out), so the resolution
 * comes from the detector alone.
 *
 * @example positronVisibleMeV(3) // about 4.03
 */
export function positronVisibleMeV(kineticMeV: number): number {
  const m = model();
  return (kineticMeV > 0 ? m.response.visibleEnergyMeV(kineticMeV) : 0) + m.annihilationMeV;
}
