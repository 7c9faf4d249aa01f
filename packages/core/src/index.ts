/**
 * @nucal/core — the contracts every nucal package shares. No physics here.
 */
// errors
export {
  NucalError, ValidationError, NotFoundError, ConflictError, PermissionError, DatabaseError, OutOfRangeError, FitError, formatZodIssues,
  type DatabaseErrorReason,
} from './errors.js';
export { NoIovError } from './no-iov-error.js';
// names
export { NAMESPACED_ID, TAG_NAME, assertNamespacedId, assertTagName } from './names.js';
// time
export type { Time, RunTime, TimestampTime, TimeType, TimeJson } from './time.js';
export {
  TimeTypeSchema, TimeJsonSchema, MAX_RUN, MAX_SUBRUN, MAX_TIMESTAMP_NS,
  runTime, timestampTime, timeKey, checkedTimeKey, timeFromKey, compareTime, formatTime, formatTimestampIso, parseTime, parseInstant, timeToJson, timeFromJson, isTime,
} from './time.js';
// content addressing
export { canonicalJson, contentHash, payloadHash, sha256 } from './canonical-json.js';
// records and payload metadata
export type { RecordRef, RecordPayload } from './record.js';
export { defineRecord, recordKey, assertZod4Schema } from './record.js';
export { FitSummarySchema, type FitSummary } from './fit-summary.js';
export { ProvenanceSchema, type Provenance, type ProvenanceInput } from './provenance.js';
// results as data
export { MeasurementSchema, measurement, type Measurement } from './measurement.js';
// plugin contracts
export type { RandomSource } from './random-source.js';
export type { Logger, Progress } from './logger.js';
export { silentLogger, silentProgress } from './logger.js';
export type { PlotSpec, VegaLiteSpec, VegaLiteTopLevelKey } from './plot.js';
export type { CalibrationContext, CalibrationPlugin, CalibrationResult, PayloadOut, Simulation } from './calibration-plugin.js';
export { defineCalibrationPlugin } from './calibration-plugin.js';
export type { ReconstructionPlugin } from './reconstruction-plugin.js';
export { defineReconstructionPlugin } from './reconstruction-plugin.js';
// conditions
export type { ConditionsProvider, Resolution } from './conditions-provider.js';
export { IovCache, type IovCacheOptions } from './iov-cache.js';
export { tagFor, type ConditionsWriter, type WriteRequest, type WrittenPayload } from './conditions-writer.js';
export { InMemoryConditions } from './in-memory-conditions.js';
// the calibration host: the only caller of a plugin's calibrate
export { runCalibration, type RunCalibrationOptions, type CalibrationRun } from './calibration-host.js';
