import { MAX_TIMESTAMP_NS, runTime, timeFromJson, timestampTime, type TimeJson } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { provenance, scale, T0 } from '../test/fixture.js';
import { describeBackends, harness, type Harness } from '../test/service-harness.js';

const RESOLVE = '/api/v1/resolve?record=test.energy-scale';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const SHORT = 'public, max-age=60';

describeBackends('conditions service: read API', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => h.close());
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const r = await h.request({ method: 'GET', url, headers });
    return { status: r.statusCode, headers: r.headers, body: r.body === '' ? undefined : JSON.parse(r.body) };
  };

  it('lists global tags, tags, records and shows one of each', async () => {
    const gts = await get('/api/v1/global-tags');
    expect(gts.status).toBe(200);
    expect(gts.body.items.map((g: { name: string }) => g.name)).toEqual(['reco-locked', 'reco-open', 'reco-ts']);
    const locked = await get('/api/v1/global-tags/reco-locked');
    expect(locked.body).toMatchObject({ name: 'reco-locked', state: 'locked', entries: [{ record: 'test.energy-scale', tag: 'calib.scale-run' }] });
    expect(locked.headers['cache-control']).toBe(IMMUTABLE);
    expect((await get('/api/v1/global-tags/reco-open')).headers['cache-control']).toBe('public, max-age=5');
    expect((await get('/api/v1/tags')).body.items.map((t: { name: string }) => t.name)).toEqual(['calib.scale-run', 'calib.scale-ts']);
    expect((await get('/api/v1/tags?record=nobody.here')).body.items).toEqual([]);
    expect((await get('/api/v1/tags/calib.scale-ts')).body).toMatchObject({ name: 'calib.scale-ts', timeType: 'timestamp', state: 'open', allowBackfill: false });
    expect((await get('/api/v1/records')).body.items).toMatchObject([{ name: 'test.energy-scale', version: 1 }]);
    expect((await get('/api/v1/tags/nope')).status).toBe(404);
    expect((await get('/api/v1/tags/nope')).body.error).toEqual({ code: 'NOT_FOUND', message: 'tag nope does not exist' });
  });

  it('resolves through a global tag and a tag, with times in the CLI forms and out in the lossless JSON form', async () => {
    for (const at of ['150', 'run:150', 'run:150:7']) {
      const r = await get(`${RESOLVE}&gt=reco-locked&at=${at}`);
      expect(r.status, at).toBe(200);
      expect(r.body).toMatchObject({
        record: { name: 'test.energy-scale', version: 1 }, tag: 'calib.scale-run', globalTag: 'reco-locked',
        since: { kind: 'run', run: '100', subrun: '0', text: '100' }, until: { kind: 'run', run: '200', subrun: '0', text: '200' }, reproducible: true,
      });
    }
    const direct = await h.db.resolve({ globalTag: 'reco-locked', record: 'test.energy-scale', at: runTime(150) });
    expect((await get(`${RESOLVE}&gt=reco-locked&at=150`)).body.hash).toBe(direct.hash);
    const withPayload = await get(`${RESOLVE}&tag=calib.scale-run&at=250&include=payload`);
    expect(withPayload.body.payload).toEqual(scale(200));
    expect(withPayload.body.globalTag).toBeUndefined();
    expect(withPayload.body.reproducible).toBe(false);
    // errors name the bad value
    expect((await get(`${RESOLVE}&gt=reco-locked&at=99`)).body.error.message).toMatch(/no IOV of tag calib.scale-run .*covers 99/);
    expect((await get(`${RESOLVE}&gt=reco-locked&at=99`)).status).toBe(404);
    expect((await get(`${RESOLVE}&gt=reco-locked&at=99`)).body.error.until).toMatchObject({ kind: 'run', run: '100', subrun: '0' });
    expect((await get(`${RESOLVE}&gt=reco-locked&at=ts:5`)).status).toBe(400);
    expect((await get(`${RESOLVE}&gt=reco-locked&at=2026-11-24`)).body.error.message).toMatch(/not a run/);
    expect((await get(`${RESOLVE}&gt=reco-locked&tag=calib.scale-run&at=150`)).body.error.message).toMatch(/exactly one of gt or tag/);
    expect((await get(`${RESOLVE}&gt=reco-locked&at=150&colour=red`)).body.error.code).toBe('VALIDATION');
    expect((await get(`${RESOLVE}&gt=nope&at=150`)).status).toBe(404);
    expect((await get('/api/v1/resolve?gt=reco-locked&record=test.other&at=150')).body.error.message).toMatch(/maps no tag for record test.other/);
    expect((await get('/api/v1/resolve?gt=reco-locked&record=test.other&at=150')).body.error.until).toBeNull();
    expect((await get(`${RESOLVE}&gt=nope&at=150`)).body.error.until).toBeUndefined();
  });

  it('keeps 64-bit times exact both ways: T0 and T0 + 1 (the same JS number), 2^63 - 1 ns', async () => {
    const at = async (t: string) => (await get(`${RESOLVE}&gt=reco-ts&at=${t}&include=payload`)).body;
    expect((await at(`ts:${T0}`)).payload.y0PePerMeV).toBe(1);
    expect((await at(`${T0 + 1n}`)).payload.y0PePerMeV).toBe(2);
    const last = await at(`${MAX_TIMESTAMP_NS}`);
    expect(last.payload.y0PePerMeV).toBe(3);
    expect(last.since).toEqual({ kind: 'timestamp', ns: '9223372036854775807', text: '2262-04-11T23:47:16.854775807Z' });
    expect(timeFromJson(last.since as TimeJson)).toEqual(timestampTime(MAX_TIMESTAMP_NS));
    const second = await at(`ts:${MAX_TIMESTAMP_NS - 1n}`);
    expect(second.since.ns).toBe((T0 + 1n).toString());
    expect(second.until.ns).toBe(MAX_TIMESTAMP_NS.toString());
    // the ISO form with nanoseconds reads to the same instant as its ns
    expect((await at(encodeURIComponent(second.since.text))).since.ns).toBe((T0 + 1n).toString());
    expect((await get(`${RESOLVE}&gt=reco-ts&at=${MAX_TIMESTAMP_NS + 1n}`)).body.error.message).toMatch(/out of range/);
  });

  it('pages IOVs by keyset (the since), stable while IOVs are appended', async () => {
    await h.db.appendIovs('calib.scale-run', [400, 500, 600].map((r) => ({ since: runTime(r), payload: scale(r), provenance })));
    const first = await get('/api/v1/tags/calib.scale-run/iovs?limit=2');
    expect(first.body.items.map((i: { since: TimeJson }) => i.since.text)).toEqual(['100', '200']);
    expect(first.body.items[1].until.text).toBe('300');
    expect(first.body.nextCursor).toMatch(/^\d+$/);
    // a write between two pages neither repeats nor skips an IOV
    await h.db.appendIov('calib.scale-run', { since: runTime(700), payload: scale(700), provenance });
    const seen: string[] = [...first.body.items.map((i: { since: TimeJson }) => i.since.text)];
    let next: string | null = first.body.next;
    while (next) {
      const page = await get(next);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((i: { since: TimeJson }) => i.since.text));
      next = page.body.next;
    }
    expect(seen).toEqual(['100', '200', '300', '400', '500', '600', '700']);
    const range = await get('/api/v1/tags/calib.scale-run/iovs?from=250&to=run:500');
    expect(range.body.items.map((i: { since: TimeJson }) => i.since.text)).toEqual(['200', '300', '400']);
    expect((await get('/api/v1/tags/calib.scale-run/iovs?limit=0')).status).toBe(400);
    expect((await get('/api/v1/tags/calib.scale-run/iovs?cursor=abc')).status).toBe(400);
  });

  it('serves payloads by hash as immutable, with the hash as ETag, checkable against the hash', async () => {
    const r = await get(`${RESOLVE}&gt=reco-locked&at=150`);
    const p = await h.request({ method: 'GET', url: `/api/v1/payloads/${r.body.hash}` });
    expect(p.statusCode).toBe(200);
    expect(p.headers.etag).toBe(`"${r.body.hash}"`);
    expect(p.headers['cache-control']).toBe(IMMUTABLE);
    const { canonicalJson, payloadHash } = await import('@nucal/core');
    const doc = JSON.parse(p.body);
    expect(payloadHash(doc.record, canonicalJson(doc.data))).toBe(r.body.hash);
    expect(doc.data).toEqual(scale(100));
    expect((await get(`/api/v1/payloads/${'0'.repeat(64)}`)).status).toBe(404);
    expect((await get('/api/v1/payloads/XYZ')).status).toBe(400);
  });

  it('caches right: fixed answers for a year, answers that may change for 60 s', async () => {
    const cc = async (q: string) => (await get(`${RESOLVE}&${q}`)).headers['cache-control'];
    expect(await cc('gt=reco-locked&at=350')).toBe(IMMUTABLE); // locked with a snapshot: even the open-ended IOV
    expect(await cc('gt=reco-open&at=150')).toBe(SHORT); // open global tag: its map may change
    expect(await cc('tag=calib.scale-run&at=150')).toBe(IMMUTABLE); // closed IOV of a tag without back-fill
    expect(await cc('tag=calib.scale-run&at=350')).toBe(SHORT); // open-ended IOV of an open tag
    const stamp = (await h.db.now()).getTime();
    await new Promise((r) => setTimeout(r, 5));
    expect(await cc(`tag=calib.scale-run&at=350&asOf=${new Date(stamp - 1).toISOString()}`)).toBe(IMMUTABLE); // as of the past
    expect(await cc(`tag=calib.scale-run&at=350&asOf=${new Date(stamp + 3_600_000).toISOString()}`)).toBe(SHORT); // as of the future
    // the open-ended answer did change: a new IOV ends it
    await h.db.appendIov('calib.scale-run', { since: runTime(400), payload: scale(400), provenance });
    expect((await get(`${RESOLVE}&tag=calib.scale-run&at=350`)).body.until.text).toBe('400');
    await h.db.lockTag('calib.scale-run');
    expect(await cc('tag=calib.scale-run&at=450')).toBe(IMMUTABLE); // a locked tag never changes
    // a tag with back-fill can still change inside a closed IOV
    await h.db.createTag({ name: 'calib.backfill', record: 'test.energy-scale', timeType: 'run', allowBackfill: true });
    await h.db.appendIovs('calib.backfill', [1, 10].map((r) => ({ since: runTime(r), payload: scale(r), provenance })));
    expect(await cc('tag=calib.backfill&at=5')).toBe(SHORT);
  });

  it('puts an ETag on every JSON GET and answers a matching If-None-Match with 304 and no body', async () => {
    for (const url of ['/api/v1/global-tags', '/api/v1/tags', '/api/v1/records', `${RESOLVE}&gt=reco-locked&at=150`, '/api/v1/tags/calib.scale-run/iovs', '/api/v1/audit', '/api/v1/usage?tag=calib.scale-run', '/api/v1/diff/tags?left=calib.scale-run&right=calib.scale-run']) {
      const first = await h.request({ method: 'GET', url });
      expect(first.statusCode, url).toBe(200);
      const etag = first.headers.etag as string;
      expect(etag, url).toMatch(/^"[A-Za-z0-9_-]+"$/);
      const again = await h.request({ method: 'GET', url, headers: { 'if-none-match': etag } });
      expect(again.statusCode, url).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect((await h.request({ method: 'GET', url, headers: { 'if-none-match': `"other", W/${etag}` } })).statusCode).toBe(304);
      expect((await h.request({ method: 'GET', url, headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
    }
    // an ETag changes with the content
    const before = (await h.request({ method: 'GET', url: '/api/v1/tags' })).headers.etag;
    await h.db.createTag({ name: 'calib.new', record: 'test.energy-scale', timeType: 'run' });
    const after = await h.request({ method: 'GET', url: '/api/v1/tags', headers: { 'if-none-match': String(before) } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(before);
    const metrics = (await h.request({ method: 'GET', url: '/metrics' })).body;
    expect(metrics).toMatch(/nucal_http_not_modified_total\{route="\/api\/v1\/resolve"\} 2/);
  });

  it('diffs tags and global tags, tells which global tags use a tag or a payload, and shows the audit log', async () => {
    await h.db.createTag({ name: 'calib.scale-run-v2', record: 'test.energy-scale', timeType: 'run' });
    await h.db.appendIovs('calib.scale-run-v2', [100, 200, 300].map((r) => ({ since: runTime(r), payload: scale(r === 200 ? 222 : r), provenance })));
    const diff = await get('/api/v1/diff/tags?left=calib.scale-run&right=calib.scale-run-v2');
    expect(diff.body.items).toHaveLength(1);
    expect(diff.body.items[0].since.text).toBe('200');
    expect(diff.body.items[0].until.text).toBe('300');
    await h.db.createGlobalTag({ name: 'reco-v2' });
    await h.db.setGlobalTagEntry('reco-v2', 'test.energy-scale', 'calib.scale-run-v2');
    expect((await get('/api/v1/diff/global-tags?left=reco-open&right=reco-v2')).body.items).toEqual([{ record: 'test.energy-scale', left: 'calib.scale-run', right: 'calib.scale-run-v2' }]);
    expect((await get('/api/v1/diff/tags?left=calib.scale-run&right=calib.scale-ts')).status).toBe(400);
    const byTag = await get('/api/v1/usage?tag=calib.scale-run');
    expect(byTag.body.items.map((u: { globalTag: string }) => u.globalTag)).toEqual(['reco-locked', 'reco-open']);
    const hash = diff.body.items[0].right as string;
    expect((await get(`/api/v1/usage?payload=${hash}`)).body.items.map((u: { globalTag: string }) => u.globalTag)).toEqual(['reco-v2']);
    expect((await get('/api/v1/usage')).status).toBe(400);
    const audit = await get('/api/v1/audit?limit=2');
    expect(audit.body.items).toHaveLength(2);
    expect(audit.body.items[0]).toMatchObject({ action: 'gt.set', target: 'reco-v2' });
    expect((await get('/api/v1/audit?target=%00')).status).toBe(400); // found by the fuzz test: PostgreSQL refused the NUL with a 500
    expect((await get('/api/v1/audit?target=calib.scale-run-v2')).body.items.map((e: { action: string }) => e.action)).toEqual(['iov.append', 'tag.create']);
  });

  it('answers /healthz, /metrics and the route index', async () => {
    const health = await get('/healthz');
    expect(health.body).toMatchObject({ status: 'ok', database: backend.name, readOnly: false });
    await get(`${RESOLVE}&gt=reco-locked&at=150`);
    await get(`${RESOLVE}&gt=reco-locked&at=160`);
    const again = await get(`${RESOLVE}&gt=reco-locked&at=150`); // the same URL: answered from the kept immutable answer
    expect(again.body.since.text).toBe('100');
    expect(again.headers['cache-control']).toBe(IMMUTABLE);
    const m = await h.request({ method: 'GET', url: '/metrics' });
    expect(m.headers['content-type']).toMatch(/^text\/plain/);
    expect(m.body).toMatch(/nucal_http_requests_total\{route="\/api\/v1\/resolve",method="GET",status="200"\} 3/);
    expect(m.body).toMatch(/nucal_resolve_cache_total\{result="hit"\} 2/);
    expect(m.body).toMatch(/nucal_resolve_cache_total\{result="miss"\} 1/);
    expect(m.body).toMatch(/nucal_http_request_duration_seconds_bucket\{le="0.001",route="\/api\/v1\/resolve",method="GET"\} \d/);
    const index = await get('/api/v1');
    expect(index.body.routes).toContain('GET /api/v1/resolve');
    expect(index.body.routes).toContain('POST /api/v1/tags/:name/iovs');
  });
});
