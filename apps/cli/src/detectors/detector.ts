import type { RecordRef } from '@nucal/core';
import type { PluginEntry } from '../registry/plugin-entry.js';

/**
 * A detector family's home: its records and its calibrations with their defaults. Adding a
 * detector is one file here plus one line in the registry; adding a calibration is one entry
 * in its detector's `plugins`.
 */
export interface Detector {
  /** Short name, also the CLI command of its calibrations (`nucal juno ...`). */
  readonly name: string;
  readonly description: string;
  /** Every record its calibrations write (registered by `nucal db init`). */
  readonly records: readonly RecordRef[];
  readonly plugins: readonly PluginEntry[];
}
