import type { Time, TimeType } from '@nucal/core';

/**
 * Times of the model: exact 64-bit keys (run * 2^32 + subrun, or nanoseconds). The model
 * does its own range checks instead of calling @nucal/core's, so that a wrong check in the
 * shared code shows up as a disagreement.
 */

const TWO32 = 2n ** 32n;
/** Greatest valid key of both time types: timestamp 2^63-1 ns, and run 2^31-1 subrun 2^32-1. */
export const MAX_KEY = 2n ** 63n - 1n;
export const MAX_RUN = 2n ** 31n - 1n;
export const MAX_SUBRUN = TWO32 - 1n;

/**
 * Keys where bugs live: the ends of the range, the edge of exact JS doubles (2^53), the
 * subrun/run boundary (2^32), a realistic 2026 timestamp.
 */
export const INTERESTING_KEYS: readonly bigint[] = [
  0n, 1n, 2n, TWO32 - 1n, TWO32, TWO32 + 1n,
  2n ** 53n - 2n, 2n ** 53n - 1n, 2n ** 53n, 2n ** 53n + 1n, 2n ** 53n + 2n,
  1_764_000_000_123_456_789n, MAX_KEY - 2n, MAX_KEY - 1n, MAX_KEY,
];

/** The key of a valid time; null when the time is malformed or out of range. */
export function validKey(t: Time): bigint | null {
  if (typeof t !== 'object' || t === null) return null;
  if (t.kind === 'timestamp') return typeof t.ns === 'bigint' && t.ns >= 0n && t.ns <= MAX_KEY ? t.ns : null;
  if (t.kind === 'run') {
    const sub = t.subrun ?? 0n;
    if (typeof t.run !== 'bigint' || typeof sub !== 'bigint') return null;
    if (t.run < 0n || t.run > MAX_RUN || sub < 0n || sub > MAX_SUBRUN) return null;
    return t.run * TWO32 + sub;
  }
  return null;
}

/** The time of a valid key; `explicitZeroSubrun` spells `subrun: 0n` out (both forms are valid input). */
export function timeOfKey(kind: TimeType, key: bigint, explicitZeroSubrun = false): Time {
  if (kind === 'timestamp') return { kind, ns: key };
  const run = key / TWO32;
  const subrun = key % TWO32;
  return subrun === 0n && !explicitZeroSubrun ? { kind, run } : { kind, run, subrun };
}

/** Times of a kind that must be refused: outside the range, or a subrun that would alias the next run. */
export function outOfRangeTimes(kind: TimeType): Time[] {
  if (kind === 'timestamp') return [{ kind, ns: -1n }, { kind, ns: MAX_KEY + 1n }, { kind, ns: 2n ** 64n }];
  return [
    { kind, run: MAX_RUN + 1n },
    { kind, run: -1n },
    { kind, run: 5n, subrun: TWO32 },
    { kind, run: 0n, subrun: -1n },
  ];
}

/** `run:key` / `timestamp:key`: one comparable text for a time from either side. */
export function timeText(kind: TimeType, key: bigint): string {
  return `${kind}:${key}`;
}

export const clampKey = (k: bigint): bigint => (k < 0n ? 0n : k > MAX_KEY ? MAX_KEY : k);
