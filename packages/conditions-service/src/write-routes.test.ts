import { afterEach, beforeEach, expect, it } from 'vitest';
import { scale } from '../test/fixture.js';
import { describeBackends, harness, type Harness } from '../test/service-harness.js';
import { listTokens, revokeToken } from './tokens.js';

describeBackends('conditions service: writes and tokens', (backend) => {
  let h: Harness;
  beforeEach(async () => {
    h = await harness(backend);
  });
  afterEach(async () => h.close());
  const send = async (method: 'POST' | 'PUT', url: string, token: string | undefined, payload?: unknown) => {
    const r = await h.request({ method, url, ...(token ? { token } : {}), ...(payload !== undefined ? { payload: payload as object } : {}) });
    return { status: r.statusCode, headers: r.headers, body: JSON.parse(r.body) };
  };
  const iovCount = async (tag: string) => (await h.db.listIovs(tag, { history: true })).items.length;

  it('lets a writer create, append to and lock tags in its prefix, recorded under its token name', async () => {
    const w = h.tokens.writer;
    const created = await send('POST', '/api/v1/tags', w, { name: 'calib.gain', record: 'test.energy-scale', timeType: 'run', description: 'gains' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'calib.gain', timeType: 'run', state: 'open' });
    const appended = await send('POST', '/api/v1/tags/calib.gain/iovs', w, {
      iovs: [
        { since: '10', payload: scale(10) },
        { since: { kind: 'run', run: '20', subrun: '3' }, payload: scale(20), provenance: { plugin: { id: 'test.http', version: '1' }, input: { description: 'from a test' } } },
        { since: 'run:30', payload: scale(30) },
      ],
    });
    expect(appended.status).toBe(200);
    expect(appended.body).toMatchObject({ inserted: 3, unchanged: 0 });
    expect(appended.body.hashes).toHaveLength(3);
    const again = await send('POST', '/api/v1/tags/calib.gain/iovs', w, { iovs: [{ since: '30', payload: scale(30) }] });
    expect(again.body).toMatchObject({ inserted: 0, unchanged: 1 });
    const at = await h.db.resolve({ tag: 'calib.gain', record: 'test.energy-scale', at: { kind: 'run', run: 25n } });
    expect(at.since).toEqual({ kind: 'run', run: 20n, subrun: 3n });
    const payload = await h.db.getPayload(appended.body.hashes[0]);
    expect(payload.provenance).toMatchObject({ plugin: { id: 'nucal.http' }, input: { description: 'appended over HTTP with token calib-bot' } });
    expect((await h.db.getPayload(appended.body.hashes[1])).provenance).toMatchObject({ plugin: { id: 'test.http' } });
    expect((await send('POST', '/api/v1/tags/calib.gain/lock', w)).body.state).toBe('locked');
    const refused = await send('POST', '/api/v1/tags/calib.gain/iovs', w, { iovs: [{ since: '40', payload: scale(40) }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/locked/);
    const log = await h.db.auditLog({ target: 'calib.gain' });
    // (the idempotent re-append wrote no IOV but is a write transaction: it has its audit entry)
    expect(log.map((e) => [e.action, e.label])).toEqual([['tag.lock', 'http:calib-bot'], ['iov.append', 'http:calib-bot'], ['iov.append', 'http:calib-bot'], ['tag.create', 'http:calib-bot']]);
  });

  it('refuses a reader, a writer outside its prefix, and global tags to a writer, writing nothing', async () => {
    const before = await h.db.auditLog({ limit: 1000 });
    const body = { iovs: [{ since: '400', payload: scale(400) }] };
    const reader = await send('POST', '/api/v1/tags/calib.scale-run/iovs', h.tokens.reader, body);
    expect(reader.status).toBe(403);
    expect(reader.body.error).toEqual({ code: 'PERMISSION', message: 'token reader (reader) may not append to tag calib.scale-run: it needs writer rights' });
    await h.db.createTag({ name: 'other.scale', record: 'test.energy-scale', timeType: 'run' });
    const before2 = await h.db.auditLog({ limit: 1000 });
    const outside = await send('POST', '/api/v1/tags/other.scale/iovs', h.tokens.writer, body);
    expect(outside.status).toBe(403);
    expect(outside.body.error.message).toMatch(/tag other.scale is outside its tag prefixes \(calib\.\*\)/);
    expect((await send('POST', '/api/v1/tags', h.tokens.writer, { name: 'other.new', record: 'test.energy-scale', timeType: 'run' })).status).toBe(403);
    expect((await send('POST', '/api/v1/tags/other.scale/lock', h.tokens.writer)).status).toBe(403);
    expect((await send('POST', '/api/v1/global-tags', h.tokens.writer, { name: 'reco-x' })).status).toBe(403);
    expect((await send('PUT', '/api/v1/global-tags/reco-open/entries/test.energy-scale', h.tokens.writer, { tag: 'calib.scale-ts' })).status).toBe(403);
    expect((await send('POST', '/api/v1/global-tags/reco-open/lock', h.tokens.writer, {})).status).toBe(403);
    expect(await iovCount('other.scale')).toBe(0);
    expect(await iovCount('calib.scale-run')).toBe(3);
    expect((await h.db.auditLog({ limit: 1000 })).length).toBe(before2.length);
    expect(before2.length).toBe(before.length + 1);
    expect((await h.db.getGlobalTag('reco-open')).state).toBe('open');
  });

  it('refuses requests without a token, with a malformed header, or with a revoked or unknown token (401)', async () => {
    const body = { iovs: [{ since: '400', payload: scale(400) }] };
    const none = await send('POST', '/api/v1/tags/calib.scale-run/iovs', undefined, body);
    expect(none.status).toBe(401);
    expect(none.headers['www-authenticate']).toBe('Bearer');
    expect(none.body.error.code).toBe('UNAUTHORIZED');
    expect((await send('POST', '/api/v1/tags/calib.scale-run/iovs', h.tokens.revoked, body)).body.error.message).toBe('token is unknown or revoked');
    expect((await send('POST', '/api/v1/tags/calib.scale-run/iovs', `nct_${'A'.repeat(43)}`, body)).status).toBe(401);
    const basic = await h.request({ method: 'POST', url: '/api/v1/tags/calib.scale-run/iovs', payload: body, headers: { authorization: 'Basic dXNlcjpwdw==' } });
    expect(basic.statusCode).toBe(401);
    // revoking takes effect at the next request
    expect((await send('POST', '/api/v1/tags/calib.scale-run/iovs', h.tokens.writer, body)).status).toBe(200);
    await revokeToken(h.db, 'calib-bot');
    expect((await send('POST', '/api/v1/tags/calib.scale-run/iovs', h.tokens.writer, { iovs: [{ since: '500', payload: scale(500) }] })).status).toBe(401);
    expect(await iovCount('calib.scale-run')).toBe(4);
    const tokens = await listTokens(h.db);
    expect(tokens.map((t) => [t.name, t.role, t.revokedAt !== null])).toEqual([['admin', 'admin', false], ['calib-bot', 'writer', true], ['old', 'admin', true], ['reader', 'reader', false]]);
    expect(JSON.stringify(tokens)).not.toMatch(/nct_/);
  });

  it('lets an admin create, map and lock global tags (snapshot now or a date) and write every tag', async () => {
    const a = h.tokens.admin;
    expect((await send('POST', '/api/v1/global-tags', a, { name: 'reco-2027', description: 'next year' })).status).toBe(201);
    const mapped = await send('PUT', '/api/v1/global-tags/reco-2027/entries/test.energy-scale', a, { tag: 'calib.scale-run' });
    expect(mapped.body.entries).toEqual([{ record: 'test.energy-scale', tag: 'calib.scale-run' }]);
    const locked = await send('POST', '/api/v1/global-tags/reco-2027/lock', a, { snapshot: 'now' });
    expect(locked.body).toMatchObject({ state: 'locked' });
    expect(locked.body.snapshot).toMatch(/^\d{4}-\d\d-\d\dT/);
    const r = await h.request({ method: 'GET', url: '/api/v1/resolve?gt=reco-2027&record=test.energy-scale&at=350' });
    expect(r.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await send('POST', '/api/v1/global-tags', a, { name: 'reco-2028' })).status).toBe(201);
    expect((await send('POST', '/api/v1/global-tags/reco-2028/lock', a, { snapshot: '2999-01-01' })).status).toBe(409);
    expect((await send('POST', '/api/v1/global-tags/reco-2028/lock', a, { snapshot: '2026-02-30' })).status).toBe(400);
    expect((await send('POST', '/api/v1/global-tags', a, { name: 'reco-2027' })).status).toBe(409);
    await h.db.createTag({ name: 'other.scale', record: 'test.energy-scale', timeType: 'run' });
    expect((await send('POST', '/api/v1/tags/other.scale/iovs', a, { iovs: [{ since: '1', payload: scale(1) }] })).status).toBe(200);
  });

  it('answers every malformed write with a 4xx JSON error and writes nothing', async () => {
    const before = (await h.db.auditLog({ limit: 1000 })).length;
    const w = h.tokens.admin;
    const cases: [string, string, unknown, number][] = [
      ['POST', '/api/v1/tags', { name: 'calib.x', record: 'test.energy-scale' }, 400],
      ['POST', '/api/v1/tags', { name: 'calib x', record: 'test.energy-scale', timeType: 'run' }, 400],
      ['POST', '/api/v1/tags', { name: 'calib.x', record: 'test.energy-scale', timeType: 'run', extra: 1 }, 400],
      ['POST', '/api/v1/tags', { name: 'calib.x', record: 'test.nothing', timeType: 'run' }, 404],
      ['POST', '/api/v1/tags', { name: 'calib.x', record: 'test.energy-scale', timeType: 'run', description: 'a\u0000b' }, 400], // PostgreSQL text holds no NUL
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [] }, 400],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [{ since: '400' }] }, 400],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [{ since: '400', payload: { y0PePerMeV: -1 } }] }, 400],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [{ since: '400', payload: scale(4) }, { since: 'ts:5', payload: scale(5) }] }, 400],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [{ since: '50', payload: scale(50) }] }, 409],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [{ since: { kind: 'run', run: 7 }, payload: scale(7) }] }, 400],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', { iovs: [{ since: '99999999999', payload: scale(7) }] }, 400],
      ['POST', '/api/v1/tags/calib.scale-run/iovs', [1, 2], 400],
      ['POST', '/api/v1/tags/nope/iovs', { iovs: [{ since: '1', payload: scale(1) }] }, 404],
      ['POST', '/api/v1/global-tags', { name: '' }, 400],
      ['PUT', '/api/v1/global-tags/reco-open/entries/test.energy-scale', { tag: 'nope' }, 404],
      ['PUT', '/api/v1/global-tags/reco-locked/entries/test.energy-scale', { tag: 'calib.scale-ts' }, 409],
      ['POST', '/api/v1/global-tags/reco-open/lock', { snapshot: 'yesterday' }, 400],
    ];
    for (const [method, url, payload, status] of cases) {
      const r = await send(method as 'POST' | 'PUT', url, w, payload);
      expect([url, JSON.stringify(payload), r.status]).toEqual([url, JSON.stringify(payload), status]);
      expect(r.body.error.code).toMatch(/^[A-Z_]+$/);
      expect(r.headers['cache-control']).toBe('no-store');
    }
    const raw = [
      await h.request({ method: 'POST', url: '/api/v1/tags', token: w, payload: '{"name":', headers: { 'content-type': 'application/json' } }),
      await h.request({ method: 'POST', url: '/api/v1/tags', token: w, payload: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      await h.request({ method: 'POST', url: '/api/v1/tags', token: w, payload: '{"__proto__":{"x":1},"name":"calib.y","record":"test.energy-scale","timeType":"run"}', headers: { 'content-type': 'application/json' } }),
    ];
    expect(raw.map((r) => r.statusCode)).toEqual([400, 415, 400]);
    for (const r of raw) expect(JSON.parse(r.body).error.message).toBeTypeOf('string');
    expect((await h.db.auditLog({ limit: 1000 })).length).toBe(before);
    expect(await iovCount('calib.scale-run')).toBe(3);
  });

  it('makes reads private when readPublic is false: any valid token reads, none is refused', async () => {
    const priv = await harness(backend, { readPublic: false });
    try {
      const url = '/api/v1/resolve?gt=reco-locked&record=test.energy-scale&at=150';
      expect((await priv.request({ method: 'GET', url })).statusCode).toBe(401);
      expect((await priv.request({ method: 'GET', url, token: priv.tokens.revoked })).statusCode).toBe(401);
      const ok = await priv.request({ method: 'GET', url, token: priv.tokens.reader });
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      expect(ok.headers.vary).toBe('Authorization');
      // an immutable answer is never handed out again without its token check
      expect((await priv.request({ method: 'GET', url })).statusCode).toBe(401);
      expect((await priv.request({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await priv.close();
    }
  });
});
