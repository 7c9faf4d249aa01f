import type { RecordRef } from '@nucal/core';
import { registeredRecords } from './registry/registry.js';

/** Record types of the calibration plugins shipped with nucal, registered by `nucal db init`: from the registry. */
export function builtinRecords(): RecordRef[] {
  return registeredRecords();
}
