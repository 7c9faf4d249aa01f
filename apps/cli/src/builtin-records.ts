import type { RecordRef } from '@nucal/core';

/** Record types of the calibration plugins shipped with nucal, registered by `nucal db init`. */
export function builtinRecords(): RecordRef[] {
  return [];
}
