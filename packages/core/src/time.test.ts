import { describe, expect, it } from 'vitest';
import { compareTime, formatTime, formatTimestampIso, parseInstant, parseTime, runTime, timeFromJson, timeFromKey, timeKey, timeToJson, timestampTime } from './time.js';

describe('time', () => {
  it('keeps nanosecond timestamps above 2^53 exact', () => {
    const ns = 1_764_000_000_123_456_789n; // > 2^53 ≈ 9.007e15
    const t = timestampTime(ns);
    expect(parseTime(formatTime(t), 'timestamp')).toEqual(t);
    expect(timeFromKey('timestamp', timeKey(t))).toEqual(t);
    expect(timeFromJson(timeToJson(t))).toEqual(t);
    expect(timeToJson(t)).toEqual({ kind: 'timestamp', ns: '1764000000123456789', text: '2025-11-24T16:00:00.123456789Z' });
    expect(timeToJson(runTime(100))).toEqual({ kind: 'run', run: '100', subrun: '0', text: '100' });
    expect(timeToJson(runTime(100, 5))).toEqual({ kind: 'run', run: '100', subrun: '5', text: '100:5' });
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
    expect(() => parseTime('yesterday', 'timestamp')).toThrow(/"yesterday" is not a date/);
    expect(() => parseTime('2026-13-45', 'timestamp')).toThrow(/has month 13: expected 01..12/);
    expect(() => runTime(2n ** 31n)).toThrow(/run 2147483648 is out of range/);
    expect(() => timestampTime(2n ** 63n)).toThrow(/out of range/);
    expect(() => timestampTime(1.5)).toThrow(/not an exact integer/);
    expect(() => compareTime(runTime(1), timestampTime(1))).toThrow(/cannot compare/);
  });

  it('reads calendar dates strictly: no Feb 30, no 24:00, no leap second, no offset beyond 23:59', () => {
    expect(() => parseTime('2026-02-30T00:00:00Z', 'timestamp')).toThrow(/has day 30: 2026-02 has days 01..28/);
    expect(() => parseTime('2026-02-29', 'timestamp')).toThrow(/has day 29/);
    expect(parseTime('2028-02-29', 'timestamp')).toEqual(timestampTime(BigInt(Date.UTC(2028, 1, 29)) * 1_000_000n));
    expect(() => parseTime('2100-02-29', 'timestamp')).toThrow(/has day 29/);
    expect(parseTime('2000-02-29', 'timestamp')).toEqual(timestampTime(BigInt(Date.UTC(2000, 1, 29)) * 1_000_000n));
    expect(() => parseTime('2026-04-31', 'timestamp')).toThrow(/has days 01..30/);
    expect(() => parseTime('2026-11-24T24:00:00Z', 'timestamp')).toThrow(/hour 24/);
    expect(() => parseTime('2026-12-31T23:59:60Z', 'timestamp')).toThrow(/leap seconds/);
    expect(() => parseTime('2026-11-24T12:60Z', 'timestamp')).toThrow(/minute 60/);
    expect(() => parseTime('2026-11-24T12:00+24:00', 'timestamp')).toThrow(/zone offset/);
    expect(() => parseTime('1969-12-31T23:59:59Z', 'timestamp')).toThrow(/out of range/);
    expect(() => parseTime('2262-04-11T23:47:16.854775808Z', 'timestamp')).toThrow(/out of range/);
    expect(parseTime('2262-04-11T23:47:16.854775807Z', 'timestamp')).toEqual(timestampTime(2n ** 63n - 1n));
  });

  it('reads a date without a zone as UTC for times and instants alike, whatever TZ says', () => {
    const before = process.env.TZ;
    try {
      for (const tz of ['UTC', 'America/New_York', 'Asia/Kolkata']) {
        process.env.TZ = tz;
        expect(parseTime('2026-11-24T06:30:00', 'timestamp')).toEqual(timestampTime(BigInt(Date.UTC(2026, 10, 24, 6, 30)) * 1_000_000n));
        expect(parseInstant('2026-11-24T06:30:00').getTime()).toBe(Date.UTC(2026, 10, 24, 6, 30));
        expect(parseInstant('2026-11-24').getTime()).toBe(Date.UTC(2026, 10, 24));
      }
    } finally {
      if (before === undefined) delete process.env.TZ;
      else process.env.TZ = before;
    }
    expect(parseInstant('2026-11-24T12:00:00.250+01:00').toISOString()).toBe('2026-11-24T11:00:00.250Z');
    expect(() => parseInstant('2026-11-24T12:00:00.2501Z', '--as-of')).toThrow(/--as-of "2026-11-24T12:00:00.2501Z" has more than millisecond precision/);
    expect(() => parseInstant('2026-02-30', '--snapshot')).toThrow(/--snapshot "2026-02-30" has day 30/);
    expect(() => parseInstant('now', '--as-of')).toThrow(/--as-of "now" is not a date/);
  });
});
