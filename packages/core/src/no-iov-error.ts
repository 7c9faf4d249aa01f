import { NotFoundError } from './errors.js';
import type { Time } from './time.js';

/**
 * No IOV covers the requested time, and none does before `until` (the first since after it),
 * or at any time when `until` is null (the global tag maps no tag for the record, or the tag
 * has no IOVs). A provider that cannot change (a locked snapshot) may cache the miss over that
 * range, as {@link IovCache} does, so that an optional record (a space-charge map at a detector
 * that has none) costs one lookup instead of one per event.
 *
 * @example
 * try { await conditions.resolve(spaceChargeRecord, at); } catch (e) { if (e instanceof NoIovError) e.until; }
 */
export class NoIovError extends NotFoundError {
  /** First time at which an IOV exists, or null when none exists at any time. */
  readonly until: Time | null;
  constructor(message: string, until: Time | null) {
    super(message);
    this.until = until;
  }
}
