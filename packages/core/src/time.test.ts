import { describe, expect, it } from 'vitest';
import { compareTime, formatTime, formatTimestampIso, parseTime, runTime, timeFromJson, timeFromKey, timeKey, timeToJson, timestampTime } from './time.js';

describe('time', () => {
  it('keeps nanosecond timestamps above 2^53 exact', () => {
    const ns = 1_764_000_000_123_456_789n; // > 2^53 ≈ 9.007e15
    const t = timestampTime(ns);
    expect(parseTime(formatTime(t), 'timestamp')).toEqual(t);
    expect(timeFromKey('timestamp', timeKey(t))).toEqual(t);
    expect(timeFromJson(timeToJson(t))).toEqual(t);
    expect(timeKey(t) - ns).toBe(0n);
  });

  it('parses ISO-8601 dates with a nanosecond fraction', () => {
    const t = parseTime('2026-11-24T12:00:00.123456789Z', 'timestamp');
    expect(t).toEqual({ kind: 'timestamp', ns: BigInt(Date.UTC(2026, 10, 24, 12)) * 1_000_000n + 123_456_789n });
    expect(formatTimestampIso(t as never)).toBe('2026-11-24T12:00:00.123456789Z');
    expect(parseTime('2026-11-24', 'timestamp')).toEqual(timestampTime(BigInt(Date.UTC(2026, 10, 24)) * 1_000_000n));
    expect(parseTime('2026-11-24T13:00:00+01:00', 'timestamp')).toEqual(timestampTime(BigInt(Date.UTC(2026, 10, 24, 12)) * 1_000_000n));
  });

  it('orders runs and subruns through one key', () => {
    const a = runTime(10, 5);
    const b = runTime(11);
    expect(compareTime(a, b)).toBe(-1);
    expect(compareTime(b, a)).toBe(1);
    expect(compareTime(parseTime('10:5', 'run'), a)).toBe(0);
    expect(timeFromKey('run', timeKey(a))).toEqual(a);
    expect(formatTime(a)).toBe('10:5');
  });

  it('rejects bad times with a message naming the value', () => {
    expect(() => parseTime('12a', 'run')).toThrow(/"12a" is not a run/);
    expect(() => parseTime('-5', 'run')).toThrow(/not a run/);
    expect(() => parseTime('yesterday', 'timestamp')).toThrow(/"yesterday" is not a timestamp/);
    expect(() => parseTime('2026-13-45', 'timestamp')).toThrow(/not a valid calendar date/);
    expect(() => runTime(2n ** 31n)).toThrow(/run 2147483648 is out of range/);
    expect(() => timestampTime(2n ** 63n)).toThrow(/out of range/);
    expect(() => timestampTime(1.5)).toThrow(/not an exact integer/);
    expect(() => compareTime(runTime(1), timestampTime(1))).toThrow(/cannot compare/);
  });
});
