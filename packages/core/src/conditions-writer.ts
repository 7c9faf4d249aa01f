import type { PayloadOut } from './calibration-plugin.js';
import type { ProvenanceInput } from './provenance.js';
import type { Time } from './time.js';

/** What a calibration host asks a writer to store. */
export interface WriteRequest {
  /** Payloads, each checked against its record by the host. */
  readonly payloads: readonly PayloadOut[];
  /** Start of validity of every payload (the time of the calibration data). */
  readonly since: Time;
  /** Tag of a record: `<tagPrefix>.<record name>`, or the record name without a prefix. */
  readonly tagPrefix?: string;
  /** Also map each record to its tag in this (open) global tag. */
  readonly globalTag?: string;
  readonly provenance: ProvenanceInput;
}

/** What was written for one payload. */
export interface WrittenPayload {
  readonly record: string;
  readonly tag: string;
  /** Content hash of the payload. */
  readonly hash: string;
  /** False when the same payload was already current at that since (an idempotent re-run). */
  readonly inserted: boolean;
}

/**
 * Where calibration results go: the conditions database implements it
 * (`@nucal/conditions-db`'s `db.writer()`), {@link InMemoryConditions} serves tests.
 */
export interface ConditionsWriter {
  write(request: WriteRequest): Promise<WrittenPayload[]>;
}

/** The tag of a record under an optional prefix: `prefix.record`, or the record name alone. */
export function tagFor(prefix: string | undefined, record: string): string {
  return prefix ? `${prefix}.${record}` : record;
}
