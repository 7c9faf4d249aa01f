import { ConflictError, DatabaseError, MAX_TIMESTAMP_NS, NoIovError, NotFoundError, runTime, timestampTime, type Time } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { provenance, scale, scaleRecord, T0 } from '../test/fixture.js';
import { freePort, startFront } from '../test/http-front.js';
import { describeBackends, harness, type Harness } from '../test/service-harness.js';
import { httpConditionsProvider } from './http-provider.js';
import { conditionsProviderFromUrl } from './provider-from-url.js';

/** fetch that counts its calls (the real global fetch underneath). */
function countingFetch(): { fetch: typeof fetch; calls: () => number } {
  let n = 0;
  return { fetch: (input, init) => (n++, fetch(input, init)), calls: () => n };
}

describeBackends('HTTP conditions provider', (backend) => {
  let h: Harness;
  let base = '';
  beforeEach(async () => {
    h = await harness(backend);
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterEach(async () => h.close());

  it('resolves exactly what the database provider resolves, one request pair per interval of validity', async () => {
    const times: [string, Time[]][] = [
      ['reco-locked', [runTime(100), runTime(150), runTime(199, 4_000_000_000), runTime(200), runTime(250), runTime(300), runTime(2_000_000_000, 5)]],
      ['reco-ts', [timestampTime(T0), timestampTime(T0 + 1n), timestampTime(T0 + 2n), timestampTime(MAX_TIMESTAMP_NS)]],
    ];
    for (const [globalTag, ats] of times) {
      const counting = countingFetch();
      const http = httpConditionsProvider({ baseUrl: base, globalTag, fetch: counting.fetch });
      const direct = await h.db.provider({ globalTag });
      for (const at of ats) {
        const [a, b] = [await http.resolve(scaleRecord, at), await direct.resolve(scaleRecord, at)];
        expect(a, `${globalTag} at ${JSON.stringify(at, (_k, v) => (typeof v === 'bigint' ? `${v}` : v))}`).toEqual(b);
      }
      expect(http.misses).toBe(direct.misses);
      expect(http.hits).toBe(direct.hits);
      // a resolve and a payload per miss, but a payload already fetched is not fetched again
      const distinctPayloads = new Set(await Promise.all(ats.map(async (at) => (await direct.resolve(scaleRecord, at)).hash))).size;
      expect(counting.calls()).toBe(http.misses + distinctPayloads);
    }
  });

  it('remembers a miss like the database provider: one request for events before the first IOV, and the error is the same', async () => {
    const counting = countingFetch();
    const http = httpConditionsProvider({ baseUrl: base, globalTag: 'reco-locked', fetch: counting.fetch });
    const direct = await h.db.provider({ globalTag: 'reco-locked' });
    for (const run of [1, 2, 50, 99]) {
      const [a, b] = [await http.resolve(scaleRecord, runTime(run)).catch((e: unknown) => e), await direct.resolve(scaleRecord, runTime(run)).catch((e: unknown) => e)];
      expect(a).toBeInstanceOf(NoIovError);
      expect(b).toBeInstanceOf(NoIovError);
      expect((a as NoIovError).until).toEqual((b as NoIovError).until);
      expect((a as NoIovError).until).toEqual(runTime(100));
    }
    expect(counting.calls()).toBe(1);
    expect([http.misses, http.hits]).toEqual([direct.misses, direct.hits]);
    await http.resolve(scaleRecord, runTime(100));
    expect(counting.calls()).toBe(3);
  });

  it('picks HTTP or the database from the URL, with the same answers (conditionsProviderFromUrl)', async () => {
    const viaHttp = await conditionsProviderFromUrl(base, { globalTag: 'reco-locked' });
    const viaDb = await conditionsProviderFromUrl(h.db.location, { globalTag: 'reco-locked' });
    try {
      expect([viaHttp.source, viaDb.source]).toEqual(['http', 'database']);
      for (const run of [120, 220, 320]) expect(await viaHttp.resolve(scaleRecord, runTime(run))).toEqual(await viaDb.resolve(scaleRecord, runTime(run)));
      expect(viaHttp.cache.misses).toBe(3);
    } finally {
      await viaHttp.close();
      await viaDb.close();
    }
    await expect(conditionsProviderFromUrl(h.db.location, { globalTag: 'reco-open' })).rejects.toBeInstanceOf(ConflictError);
  });

  it('refuses answers that may change unless live, as db.provider does; pins with asOf', async () => {
    const open = httpConditionsProvider({ baseUrl: base, globalTag: 'reco-open' });
    await expect(open.resolve(scaleRecord, runTime(150))).rejects.toThrow(ConflictError);
    await expect(open.resolve(scaleRecord, runTime(150))).rejects.toThrow(/global tag reco-open .* can change while a job runs/);
    const live = httpConditionsProvider({ baseUrl: base, globalTag: 'reco-open', live: { maxAgeMs: 0 } });
    expect((await live.resolve(scaleRecord, runTime(350))).payload.y0PePerMeV).toBe(300);
    await h.db.appendIov('calib.scale-run', { since: runTime(340), payload: scale(340), provenance });
    await new Promise((r) => setTimeout(r, 2));
    expect((await live.resolve(scaleRecord, runTime(350))).payload.y0PePerMeV).toBe(340);
    const asOf = new Date((await h.db.now()).getTime() - 1);
    await new Promise((r) => setTimeout(r, 2));
    const pinned = httpConditionsProvider({ baseUrl: base, globalTag: 'reco-open', asOf });
    expect((await pinned.resolve(scaleRecord, runTime(350))).payload.y0PePerMeV).toBe(340);
    await expect(httpConditionsProvider({ baseUrl: base, globalTag: 'reco-locked' }).resolve(scaleRecord, runTime(5))).rejects.toThrow(NotFoundError);
  });

  it('retries with backoff until the service is up, then succeeds', async () => {
    const port = await freePort();
    const counting = countingFetch();
    const provider = httpConditionsProvider({ baseUrl: `http://127.0.0.1:${port}`, globalTag: 'reco-locked', retries: 8, backoffMs: 40, fetch: counting.fetch });
    const started = Date.now();
    const pending = provider.resolve(scaleRecord, runTime(150));
    await new Promise((r) => setTimeout(r, 250));
    const late = await harness(backend);
    try {
      await late.app.listen({ port, host: '127.0.0.1' });
      const r = await pending;
      expect(r.payload.y0PePerMeV).toBe(100);
      // attempts at 0, 40, 120, 280 ms ...: at least three failed before the service listened
      expect(counting.calls()).toBeGreaterThanOrEqual(4 + 1);
      expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    } finally {
      await late.close();
    }
    // a service answering 503 (restarting, overloaded) is retried as well
    const front = await startFront(base, { failFirst: 2 });
    try {
      const p = httpConditionsProvider({ baseUrl: front.url, globalTag: 'reco-locked', retries: 3, backoffMs: 10 });
      expect((await p.resolve(scaleRecord, runTime(250))).payload.y0PePerMeV).toBe(200);
      expect(front.requests()).toBe(2 + 2); // two 503s, then resolve and payload
    } finally {
      await front.close();
    }
  });

  it('fails clearly when the service cannot be reached or keeps failing, naming the URL', async () => {
    const port = await freePort();
    const counting = countingFetch();
    const provider = httpConditionsProvider({ baseUrl: `http://127.0.0.1:${port}/conditions`, globalTag: 'reco-locked', retries: 2, backoffMs: 5, fetch: counting.fetch });
    const err = (await provider.resolve(scaleRecord, runTime(150)).catch((e: unknown) => e)) as DatabaseError;
    expect(err).toBeInstanceOf(DatabaseError);
    expect(err.reason).toBe('unreachable');
    expect(err.message).toMatch(new RegExp(`^conditions service http://127\\.0\\.0\\.1:${port}/conditions/api/v1/resolve\\?gt=reco-locked&record=test\\.energy-scale&at=run%3A150%3A0 is unreachable after 3 attempts: fetch failed \\(ECONNREFUSED\\)$`));
    expect(counting.calls()).toBe(3);
    const front = await startFront(base, { failFirst: 1000 });
    try {
      const busy = await httpConditionsProvider({ baseUrl: front.url, globalTag: 'reco-locked', retries: 1, backoffMs: 5 }).resolve(scaleRecord, runTime(150)).catch((e: unknown) => e);
      expect(busy).toBeInstanceOf(DatabaseError);
      expect((busy as DatabaseError).reason).toBe('busy');
      expect((busy as Error).message).toMatch(/kept answering HTTP 503/);
    } finally {
      await front.close();
    }
  });

  it('refuses a payload that does not match its hash', async () => {
    const front = await startFront(base, { tamperPayloads: true });
    try {
      const err = await httpConditionsProvider({ baseUrl: front.url, globalTag: 'reco-locked' }).resolve(scaleRecord, runTime(150)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DatabaseError);
      expect((err as DatabaseError).reason).toBe('corrupt');
      expect((err as Error).message).toMatch(/^payload from http:\/\/127\.0\.0\.1:\d+\/api\/v1\/payloads\/[0-9a-f]{64} does not match its hash: its content hashes to [0-9a-f]{64}$/);
    } finally {
      await front.close();
    }
  });
});
