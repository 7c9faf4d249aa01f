import type { RecordRef } from './record.js';
import type { Time } from './time.js';

/**
 * What a conditions lookup found: the payload and exactly where it came from.
 * `until` is null for the last IOV of a tag (open-ended).
 */
export interface Resolution<T = unknown> {
  readonly record: { readonly name: string; readonly version: number };
  readonly payload: T;
  /**
   * Content address of the payload: sha256 of the canonical JSON of `{ data, record, version }`
   * (the payload with its record name and schema version, not the provenance), so equal
   * constants of one record type share one hash and equal numbers of two records never do.
   */
  readonly hash: string;
  readonly since: Time;
  readonly until: Time | null;
  readonly tag: string;
  readonly globalTag?: string;
  readonly insertedAt: Date;
}

/**
 * Source of calibration constants by event time: a database, an exported SQLite file or an
 * HTTP service. Implementations validate the payload against the record's schema.
 */
export interface ConditionsProvider {
  resolve<T>(record: RecordRef<T>, at: Time): Promise<Resolution<T>>;
}
