import type { RecordRef } from '@nucal/core';
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

/** Record types of every registered calibration, each once (what `nucal db init` registers). */
export function registeredRecords(): RecordRef[] {
  const seen = new Map<string, RecordRef>();
  for (const d of DETECTORS) for (const r of [...d.records, ...d.plugins.flatMap((p) => p.records)]) seen.set(`${r.name}@${r.version}`, r);
  return [...seen.values()];
}
