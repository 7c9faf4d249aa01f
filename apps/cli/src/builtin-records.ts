import type { RecordRef } from '@nucal/core';
import { junoEnergyScaleRecord, nonlinearityRecord } from '@nucal/nonlinearity';
import { driftVelocityRecord, duneEnergyScaleRecord, lifetimeRecord, t0Record } from '@nucal/tpc-drift';

/** Record types of the calibration plugins shipped with nucal, registered by `nucal db init`. */
export function builtinRecords(): RecordRef[] {
  return [nonlinearityRecord, junoEnergyScaleRecord, t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord] as RecordRef[];
}
