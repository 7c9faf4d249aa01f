import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifetimeOverTimePlot, lifetimeRecord } from '@nucal/tpc-drift';
import { DAYS, TAGS, TPCS } from '../../test/fixture-db.js';
import { browserHarness, type BrowserHarness } from '../../test/harness.js';

let h: BrowserHarness;
beforeAll(async () => {
  h = await browserHarness();
});
afterAll(async () => h?.close());

const get = (url: string, headers: Record<string, string> = {}) => h.app.inject({ method: 'GET', url, headers });

describe('plot endpoints', () => {
  it('list the plots of a tag: the timeline, then its record’s constants over time', async () => {
    const r = await get(`/api/v1/plots/tags/${TAGS.lifetime}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().items).toEqual([
      { name: 'timeline', title: `IOVs of tag ${TAGS.lifetime}`, url: `/api/v1/plots/tags/${TAGS.lifetime}/timeline` },
      { name: 'lifetime-over-time', title: 'Electron lifetime per TPC versus time', url: `/api/v1/plots/tags/${TAGS.lifetime}/lifetime-over-time` },
    ]);
    expect((await get(`/api/v1/plots/tags/${TAGS.nonlinearity}`)).json().items.map((p: { name: string }) => p.name)).toEqual(['timeline']);
  });

  it('build the lifetime plot from the stored payloads with tpc-drift’s own builder', async () => {
    const r = await get(`/api/v1/plots/tags/${TAGS.lifetime}/lifetime-over-time`);
    expect(r.statusCode).toBe(200);
    const iovs = (await h.db.listIovs(TAGS.lifetime)).items;
    const expected = lifetimeOverTimePlot(await Promise.all(iovs.map(async (i) => ({ since: i.since, payload: lifetimeRecord.schema.parse(JSON.parse((await h.db.getPayload(i.hash)).canonicalData)) }))));
    expect(r.json()).toEqual(JSON.parse(JSON.stringify(expected)));
    expect(JSON.stringify(r.json()).match(/"type":"point","filled":true/g)).toHaveLength(2 * TPCS.length); // data and legend glyph per TPC
  });

  it('narrow a plot with from/to in the service’s time forms', async () => {
    const r = await get(`/api/v1/plots/tags/${TAGS.lifetime}/timeline?from=2026-03-02&to=ts:2026-03-03T12:00:00Z`);
    expect(r.statusCode).toBe(200);
    // the IOV covering `from` and the one starting before `to`
    expect(JSON.stringify(r.json()).match(/"since":"/g)).toHaveLength(2);
    expect((await get(`/api/v1/plots/tags/${TAGS.lifetime}/timeline`)).body.match(/"since":"/g)).toHaveLength(DAYS);
  });

  it('draw the non-linearity curve of a payload', async () => {
    const hash = (await h.db.listIovs(TAGS.nonlinearity)).items[1]!.hash;
    const list = await get(`/api/v1/plots/payloads/${hash}`);
    expect(list.json().items.map((p: { name: string }) => p.name)).toEqual(['electron-nonlinearity']);
    const r = await get(`/api/v1/plots/payloads/${hash}/electron-nonlinearity`);
    expect(r.statusCode).toBe(200);
    expect(r.json().title).toBe('Electron non-linearity with its band');
  });

  it('answer 304 to a matching If-None-Match, public without a token and private with one', async () => {
    const url = `/api/v1/plots/tags/${TAGS.t0}/t0-over-time`;
    const first = await get(url);
    expect(first.headers['cache-control']).toBe('public, max-age=5');
    const again = await get(url, { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
    expect((await get(url, { authorization: 'Bearer x' })).headers['cache-control']).toBe('private, max-age=5');
  });

  it('refuse what does not exist or does not parse, naming it, as the API’s JSON errors', async () => {
    const unknownPlot = await get(`/api/v1/plots/tags/${TAGS.lifetime}/t0-over-time`);
    expect(unknownPlot.statusCode).toBe(404);
    expect(unknownPlot.json().error.message).toMatch(/has no plot "t0-over-time": expected one of timeline, lifetime-over-time/);
    expect((await get('/api/v1/plots/tags/no.such/timeline')).statusCode).toBe(404);
    const badTime = await get(`/api/v1/plots/tags/${TAGS.nonlinearity}/timeline?from=yesterday`);
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().error.message).toMatch(/from/);
    const extra = await get(`/api/v1/plots/tags/${TAGS.lifetime}/timeline?colour=red`);
    expect(extra.statusCode).toBe(400);
    expect(extra.json().error.message).toMatch(/unknown parameter\(s\) colour/);
    expect((await get('/api/v1/plots/payloads/xyz/electron-nonlinearity')).statusCode).toBe(400);
    expect((await get(`/api/v1/plots/payloads/${'0'.repeat(64)}/electron-nonlinearity`)).statusCode).toBe(404);
  });

  it('are listed by GET /api/v1 with the service’s routes', async () => {
    const routes: string[] = (await get('/api/v1')).json().routes;
    expect(routes).toContain('GET /api/v1/plots/tags/:name/:plot');
    expect(routes).toContain('GET /api/v1/plots/payloads/:hash/:plot');
  });
});

describe('pages', () => {
  it('escape every name from the database', async () => {
    await h.db.createTag({ name: 'x.b-script', record: 'dune.t0', timeType: 'run', description: '<script>alert(1)</script>' });
    const r = await get('/');
    expect(r.body).not.toContain('<script>alert(1)</script>');
    expect(r.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('redirect a unique payload prefix, and say why another is refused', async () => {
    const hash = (await h.db.listIovs(TAGS.t0)).items[0]!.hash;
    const r = await get(`/payloads/${hash.slice(0, 8)}`);
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(`/payloads/${hash}`);
    const short = await get('/payloads/abc');
    expect(short.statusCode).toBe(400);
    expect(short.headers['content-type']).toMatch(/text\/html/);
  });

  it('serve the vega builds and the page script from node_modules and the package, not a CDN', async () => {
    for (const f of ['vega.min.js', 'vega-lite.min.js', 'vega-embed.min.js', 'browser.js']) {
      const r = await get(`/static/${f}`);
      expect(r.statusCode).toBe(200);
      expect(r.headers['content-type']).toBe('text/javascript; charset=utf-8');
    }
    expect((await get('/static/browser.css')).headers['content-type']).toBe('text/css; charset=utf-8');
    expect((await get('/static/../package.json')).statusCode).toBe(404);
    const page = (await get(`/tags/${TAGS.lifetime}`)).body;
    expect(page).not.toMatch(/https?:\/\//);
  });
});
