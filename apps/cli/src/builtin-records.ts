import type { RecordRef } from '@nucal/core';
import { driftVelocityRecord, energyScaleRecord, lifetimeRecord, t0Record } from '@nucal/tpc-drift';

/** Record types of the calibration plugins shipped with nucal, registered by `nucal db init`. */
export function builtinRecords(): RecordRef[] {
  return [t0Record, driftVelocityRecord, lifetimeRecord, energyScaleRecord] as RecordRef[];
}
