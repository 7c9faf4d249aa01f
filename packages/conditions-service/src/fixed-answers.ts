/** An answer that no later write can change, valid for every time in [since, until). */
export interface FixedAnswer {
  /** Time keys (core's `timeKey`); `until` null: open-ended. */
  readonly since: bigint;
  readonly until: bigint | null;
  readonly body: string;
  readonly etag: string;
}

/**
 * The service's cache of resolutions that can no longer change (what makes it a
 * "provider cache" in front of the database): per query target (global tag or tag, record,
 * as-of, form) a sorted list of intervals, found by binary search. Only fixed answers are
 * added, so nothing here ever goes stale; when `limit` intervals are held the cache starts
 * again empty (a simple bound: every entry can be read back from the database).
 */
export class FixedAnswers {
  private readonly byTarget = new Map<string, FixedAnswer[]>();
  private count = 0;

  constructor(private readonly limit = 200_000) {}

  /** The cached answer covering time key `at` for a target, if any. */
  find(target: string, at: bigint): FixedAnswer | undefined {
    const list = this.byTarget.get(target);
    if (!list) return undefined;
    const i = lastAtOrBelow(list, at);
    if (i < 0) return undefined;
    const a = list[i]!;
    return a.until === null || at < a.until ? a : undefined;
  }

  /** Adds a fixed answer (an interval already held is left as it is). */
  add(target: string, answer: FixedAnswer): void {
    if (this.count >= this.limit) {
      this.byTarget.clear();
      this.count = 0;
    }
    let list = this.byTarget.get(target);
    if (!list) this.byTarget.set(target, (list = []));
    const i = lastAtOrBelow(list, answer.since);
    if (i >= 0 && list[i]!.since === answer.since) return;
    list.splice(i + 1, 0, answer);
    this.count++;
  }

  /** Intervals held. */
  get size(): number {
    return this.count;
  }
}

/** Index of the last entry whose since is at or below `at`; -1 when none is. */
function lastAtOrBelow(list: readonly FixedAnswer[], at: bigint): number {
  let lo = 0;
  let hi = list.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.since <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
