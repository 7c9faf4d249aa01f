import { NotFoundError, type RecordRef } from '@nucal/core';
import type { Detector } from '../detectors/detector.js';
import { dune } from '../detectors/dune.js';
import { juno } from '../detectors/juno.js';
import type { PluginEntry } from './plugin-entry.js';

/** Every detector family nucal ships; a new detector is one file in src/detectors and one entry here. */
export const DETECTORS: readonly Detector[] = [juno, dune];

/** Every registered calibration. */
export function registeredPlugins(): PluginEntry[] {
  return DETECTORS.flatMap((d) => d.plugins);
}

/** The registered calibration with this id, or a NotFoundError listing the known ones. */
export function pluginEntry(id: string): PluginEntry {
  const e = registeredPlugins().find((p) => p.id === id);
  if (!e) throw new NotFoundError(`calibration plugin "${id}" is not registered: known are ${registeredPlugins().map((p) => p.id).join(', ')}`);
  return e;
}

/** Record types of every registered calibration, each once (what `nucal db init` registers). */
export function registeredRecords(): RecordRef[] {
  const seen = new Map<string, RecordRef>();
  for (const d of DETECTORS) for (const r of [...d.records, ...d.plugins.flatMap((p) => p.records)]) seen.set(`${r.name}@${r.version}`, r);
  return [...seen.values()];
}
