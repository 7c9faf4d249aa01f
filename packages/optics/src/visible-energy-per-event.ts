import type { ElectronResponse } from './electron-response.js';
import type { TransportResult } from './gamma-transport.js';

/**
 * Visible energy of each transported event: the sum of the electron response over its
 * secondary electrons and positrons (positrons as electron-like deposits), MeV.
 * @example
 * const r = transportSource({ source: 'Cs-137', events: 10_000, rng });
 * const evis = visibleEnergyPerEvent(electronResponse(), r); // feed to simulateEvents
 */
export function visibleEnergyPerEvent(response: ElectronResponse, transport: TransportResult, out?: Float64Array): Float64Array {
  const events = transport.eventOffsets.length - 1;
  const o = out ?? new Float64Array(events);
  for (let i = 0; i < events; i++) {
    o[i] = response.sumVisibleEnergyMeV(transport.electronEnergiesMeV, transport.eventOffsets[i], transport.eventOffsets[i + 1]);
  }
  return o;
}
