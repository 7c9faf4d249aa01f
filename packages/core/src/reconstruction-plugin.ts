import type { ConditionsProvider } from './conditions-provider.js';
import { assertNamespacedId } from './names.js';
import type { RecordRef } from './record.js';

/**
 * A reconstruction step that needs calibration constants. The framework hands it a
 * provider (usually an {@link IovCache}) and the plugin resolves what it `requires` at the
 * event's time.
 */
export interface ReconstructionPlugin<Event, Output> {
  readonly id: string;
  readonly version: string;
  readonly requires: readonly RecordRef[];
  process(event: Event, conditions: ConditionsProvider): Promise<Output>;
}

/**
 * Checks and returns a reconstruction plugin definition.
 *
 * @example
 * const energy = defineReconstructionPlugin({ id: 'juno.energy', version: '0.1.0',
 *   requires: [energyScaleRecord], process: async (ev, c) => ... });
 */
export function defineReconstructionPlugin<Event, Output>(
  plugin: ReconstructionPlugin<Event, Output>,
): ReconstructionPlugin<Event, Output> {
  assertNamespacedId(plugin.id, 'plugin id');
  return Object.freeze(plugin);
}
