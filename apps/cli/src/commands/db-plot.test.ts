import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { nucal, type PreparedDb } from '../cli.test-support.js';
import { describeEngines } from './db-engines.test-support.js';

/** Every inline data row of a Vega-Lite spec's layers. */
function dataRows(spec: unknown): Record<string, number>[] {
  const out: Record<string, number>[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) return x.forEach(walk);
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    const values = (o.data as { values?: unknown } | undefined)?.values;
    if (Array.isArray(values) && values.every((v) => typeof v === 'object' && v !== null && 'x' in v && 'y' in v)) out.push(...(values as Record<string, number>[]));
    Object.values(o).forEach(walk);
  };
  walk(spec);
  return out;
}

describeEngines('nucal db plot', (prepare) => {
  let p: PreparedDb;
  let db: string[];
  beforeAll(async () => {
    p = await prepare();
    db = ['--db', p.db];
    const schema = join(p.dir, 'lifetime.schema.json');
    writeFileSync(schema, JSON.stringify({
      type: 'object', required: ['electronLifetimeMs', 'fit'],
      properties: {
        electronLifetimeMs: { type: 'array', items: { type: 'number' } },
        fit: { type: 'object', properties: { values: { type: 'object' }, errors: { type: 'object' } } },
      },
    }));
    for (const argv of [
      ['db', 'record', 'register', '--name', 'demo.lifetime', '--schema', schema],
      ['db', 'tag', 'create', 'life', '--record', 'demo.lifetime', '--time-type', 'timestamp', '--allow-backfill'],
    ]) expect((await nucal(...argv, ...db)).code).toBe(0);
    // three days, the second superseded once (only the effective payload is plotted)
    const day = (d: number, tau: number, err: number) => JSON.stringify({ since: `2026-11-${24 + d}T12:00:00Z`, payload: { electronLifetimeMs: [tau, tau + 1], fit: { values: { p0: tau }, errors: { p0: err } } } });
    writeFileSync(join(p.dir, 'life.jsonl'), [day(0, 10.5, 0.2), day(1, 99, 9), day(2, 11.5, 0.4)].join('\n'));
    expect((await nucal('db', 'iov', 'append', 'life', '--file', join(p.dir, 'life.jsonl'), ...db)).code).toBe(0);
    expect((await nucal('db', 'iov', 'append', 'life', '--since', '2026-11-25T12:00:00Z', '--payload', JSON.stringify({ electronLifetimeMs: [11, 12], fit: { values: { p0: 11 }, errors: { p0: 0.3 } } }), ...db)).code).toBe(0);
  });

  it('one point per effective IOV with error bars, as the Vega-Lite spec (--out .json) and as SVG', async () => {
    const out = join(p.dir, 'life.json');
    const r = await nucal('db', 'plot', '--tag', 'life', '--field', 'fit.values.p0', '--error-field', 'fit.errors.p0', '--out', out, '--json', ...db);
    expect(r.code, r.err).toBe(0);
    const j = JSON.parse(r.out);
    expect(j.points.map((x: { value: number; error: number }) => [x.value, x.error])).toEqual([[10.5, 0.2], [11, 0.3], [11.5, 0.4]]);
    expect(j.points[1].since.text).toBe('2026-11-25T12:00:00.000000000Z');
    expect(j).toMatchObject({ tag: 'life', field: 'fit.values.p0', errorField: 'fit.errors.p0', timeType: 'timestamp', out });
    const spec = JSON.parse(readFileSync(out, 'utf8'));
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v6.json');
    const rows = dataRows(spec);
    // x in days since the first point's UTC midnight: 0.5, 1.5, 2.5 (exact in binary)
    expect(rows.map((x) => [x.x, x.y, x.lo, x.hi])).toEqual([[0.5, 10.5, 10.3, 10.7], [1.5, 11, 10.7, 11.3], [2.5, 11.5, 11.1, 11.9]].map(([x, y, lo, hi]) => [x, y, expect.closeTo(lo!, 12), expect.closeTo(hi!, 12)]));
    const svg = join(p.dir, 'life.svg');
    const s = await nucal('db', 'plot', '--tag', 'life', '--field', 'electronLifetimeMs.1', '--out', svg, ...db);
    expect(s.out).toBe(`wrote 3 point(s) of electronLifetimeMs.1 in tag life to ${svg}`);
    const text = readFileSync(svg, 'utf8');
    expect(text).toMatch(/^<svg/);
    expect(text).toContain('life: electronLifetimeMs.1');
    expect(text).toContain('time since 2026-11-24 (d)');
  });

  it('prints the points without --out; run tags put subruns between runs', async () => {
    const r = await nucal('db', 'plot', '--tag', 'scale-run', '--field', 'y0PePerMeV', ...db);
    expect(r.out).toBe(['since  until  y0PePerMeV', '100    200:5  1345', '200:5  ∞      1350'].join('\n'));
    const j = JSON.parse((await nucal('db', 'plot', '--tag', 'scale-run', '--field', 'y0PePerMeV', '--out', join(p.dir, 'run.json'), '--json', ...db)).out);
    expect(j.points.map((x: { value: number }) => x.value)).toEqual([1345, 1350]);
    expect(dataRows(JSON.parse(readFileSync(join(p.dir, 'run.json'), 'utf8'))).map((x) => x.x)).toEqual([100, 200 + 5 / 2 ** 32]);
  });

  it('refuses a bad field path, an unknown tag and a bad --out in one line, writing nothing', async () => {
    const out = join(p.dir, 'never.svg');
    const cases: [string[], RegExp][] = [
      [['--tag', 'life', '--field', 'fit.values.p1'], /^error: --field "fit\.values\.p1": the payload at since 2026-11-24T12:00:00\.000000000Z \(\d+ ns\) \([0-9a-f]{12}\) has no "p1" at fit\.values: expected one of p0$/],
      [['--tag', 'life', '--field', 'electronLifetimeMs.7'], /^error: --field "electronLifetimeMs\.7": .* holds an array of 2 at electronLifetimeMs: expected an index 0\.\.1, not "7"$/],
      [['--tag', 'life', '--field', 'fit'], /^error: --field "fit": .* holds an object there: expected a number$/],
      [['--tag', 'life', '--field', 'fit..p0'], /^error: --field "fit\.\.p0" is invalid: expected a dotted path of keys and array indices/],
      [['--tag', 'nope', '--field', 'x'], /^error: tag nope does not exist$/],
      [['--tag', 'frozen-tag', '--field', 'y0PePerMeV', '--to', '1'], /^error: tag frozen-tag has no IOV in the range given to plot: expected at least one$/],
    ];
    for (const [args, message] of cases) {
      const r = await nucal('db', 'plot', ...args, '--out', out, ...db);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.out).toBe('');
      expect(r.err).toMatch(message);
    }
    expect((await nucal('db', 'plot', '--tag', 'life', '--field', 'x', '--out', join(p.dir, 'plot.pdf'), ...db)).err).toBe(`error: --out ${join(p.dir, 'plot.pdf')} has an unknown extension ".pdf": expected .svg (rendered plot) or .json (Vega-Lite spec)`);
    expect(existsSync(out)).toBe(false);
  });
});
