import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryConditions } from './in-memory-conditions.js';
import { IovCache } from './iov-cache.js';
import { NoIovError } from './no-iov-error.js';
import { defineRecord } from './record.js';
import { runTime } from './time.js';

const scale = defineRecord({ name: 'test.scale', version: 1, schema: z.object({ factor: z.number() }), description: 'test' });

/** IOVs start at runs 0, 100, 200 (open-ended); the payload is the IOV's start run. */
function fakeProvider(): InMemoryConditions {
  const c = new InMemoryConditions();
  for (const run of [0, 100, 200]) c.put(scale, runTime(run), { factor: run });
  return c;
}

describe('IovCache', () => {
  it('asks the provider only when an event leaves the current interval', async () => {
    const inner = fakeProvider();
    const cache = new IovCache(inner);
    const seen: number[] = [];
    for (let run = 0n; run < 300n; run += 1n) seen.push((await cache.resolve(scale, runTime(run))).payload.factor);
    expect(inner.lookups).toBe(3);
    expect(cache.misses).toBe(3);
    expect(cache.hits).toBe(297);
    expect(seen[99]).toBe(0);
    expect(seen[100]).toBe(100);
    expect(seen[299]).toBe(200);
  });

  it('treats until as exclusive and re-resolves when going back in time', async () => {
    const inner = fakeProvider();
    const cache = new IovCache(inner);
    await cache.resolve(scale, runTime(150));
    expect(cache.peek(scale, runTime(199, 7))).toBeDefined();
    expect(cache.peek(scale, runTime(200))).toBeUndefined();
    expect((await cache.resolve(scale, runTime(50))).payload.factor).toBe(0);
    expect(inner.lookups).toBe(2);
  });

  it('live mode trusts an interval for maxAgeMs only, then asks again', async () => {
    const inner = fakeProvider();
    let now = 1_000;
    const cache = new IovCache(inner, { maxAgeMs: 500, now: () => now });
    expect(cache.live).toBe(true);
    await cache.resolve(scale, runTime(150));
    await cache.resolve(scale, runTime(160));
    expect(inner.lookups).toBe(1);
    now += 500;
    await cache.resolve(scale, runTime(170));
    expect(inner.lookups).toBe(1);
    now += 1;
    await cache.resolve(scale, runTime(170));
    expect(inner.lookups).toBe(2);
    expect(new IovCache(inner).live).toBe(false);
    expect(() => new IovCache(inner, { maxAgeMs: -1 })).toThrow(/maxAgeMs -1 is invalid/);
  });

  it('remembers a miss (NoIovError) up to the first IOV, and for ever when the record has none', async () => {
    const inner = new InMemoryConditions();
    inner.put(scale, runTime(100), { factor: 100 });
    const absent = defineRecord({ name: 'test.absent', version: 1, schema: z.object({ x: z.number() }), description: 'never written' });
    const cache = new IovCache(inner);
    for (let run = 0; run < 100; run++) await expect(cache.resolve(scale, runTime(run))).rejects.toBeInstanceOf(NoIovError);
    expect(inner.lookups).toBe(1);
    expect((await cache.resolve(scale, runTime(100))).payload.factor).toBe(100);
    expect(inner.lookups).toBe(2);
    for (let run = 0; run < 50; run++) await expect(cache.resolve(absent, runTime(run * 1000))).rejects.toThrow(/no IOV of test.absent/);
    expect(inner.lookups).toBe(3);
    // another version of the record, or a timestamp, is asked again
    const absentV2 = defineRecord({ ...absent, version: 2 });
    await expect(cache.resolve(absentV2, runTime(1))).rejects.toBeInstanceOf(NoIovError);
    expect(inner.lookups).toBe(4);
  });

  it('in live mode a remembered miss expires after maxAgeMs', async () => {
    let now = 0;
    const inner = new InMemoryConditions();
    const cache = new IovCache(inner, { maxAgeMs: 1000, now: () => now });
    await expect(cache.resolve(scale, runTime(5))).rejects.toBeInstanceOf(NoIovError);
    await expect(cache.resolve(scale, runTime(6))).rejects.toBeInstanceOf(NoIovError);
    expect(inner.lookups).toBe(1);
    inner.put(scale, runTime(0), { factor: 1 });
    now = 1001;
    expect((await cache.resolve(scale, runTime(6))).payload.factor).toBe(1);
    expect(inner.lookups).toBe(2);
  });
});
