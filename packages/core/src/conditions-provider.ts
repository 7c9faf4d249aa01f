import type { RecordRef } from './record.js';
import { timeKey, type Time } from './time.js';

/**
 * What a conditions lookup found: the payload and exactly where it came from.
 * `until` is null for the last IOV of a tag (open-ended).
 */
export interface Resolution<T = unknown> {
  readonly record: { readonly name: string; readonly version: number };
  readonly payload: T;
  /** sha256 of the payload's canonical JSON. */
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

/** True when `at` lies in [since, until) of the resolution. Times must be of one kind. */
export function resolutionCovers(r: Resolution, at: Time): boolean {
  if (r.since.kind !== at.kind) return false;
  const k = timeKey(at);
  return timeKey(r.since) <= k && (r.until === null || k < timeKey(r.until));
}
