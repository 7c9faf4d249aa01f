/**
 * Conditions database benchmark on PostgreSQL: prints one JSON object.
 *   NUCAL_BENCH_PG_URL=postgres://user@127.0.0.1:54329/postgres npm run bench:postgres -w @nucal/conditions-db
 * Creates a throwaway database, writes NUCAL_BENCH_IOVS IOVs (default 200,000) over 100 tags,
 * then compares resolve/s through the package with the same statement as a named prepared
 * statement on a plain `pg` client in the same run, and the IOV cache on a time-ordered stream.
 */
import { randomBytes } from 'node:crypto';
import { defineRecord, runTime } from '@nucal/core';
import knexFactory from 'knex';
import pg from 'pg';
import { z } from 'zod';
import { openConditionsDb, RESOLVE_BY_TAG } from '../src/index.js';
import { positional } from '../src/resolve-sql.js';

const ADMIN = process.env.NUCAL_BENCH_PG_URL;
if (!ADMIN) throw new Error('set NUCAL_BENCH_PG_URL to a PostgreSQL server where the user may create databases');
const N_IOVS = Number(process.env.NUCAL_BENCH_IOVS ?? 200_000);
const N_TAGS = 100;
const PER_TAG = Math.floor(N_IOVS / N_TAGS);
const LOOKUPS = 10_000;
const gain = defineRecord({ name: 'bench.gain', version: 1, description: 'benchmark payload', schema: z.object({ gainAdcPerFc: z.number().positive(), gainErrAdcPerFc: z.number().nonnegative() }) });
const provenance = { plugin: { id: 'bench.conditions', version: '0' }, input: { description: 'synthetic' }, createdAt: '2026-01-01T00:00:00Z' };

const name = `nucal_bench_${randomBytes(4).toString('hex')}`;
const admin = knexFactory({ client: 'pg', connection: ADMIN });
await admin.raw(`CREATE DATABASE ${name}`);
const url = new URL(ADMIN);
url.pathname = `/${name}`;
try {
  const db = await openConditionsDb({ url: url.toString(), label: 'bench', create: true });
  await db.registerRecord(gain);
  for (let t = 0; t < N_TAGS; t++) await db.createTag({ name: `gain-${t}`, record: 'bench.gain', timeType: 'run' });
  let t0 = performance.now();
  for (let t = 0; t < N_TAGS; t++) {
    const iovs = Array.from({ length: PER_TAG }, (_, i) => ({ since: runTime(i * 10), payload: { gainAdcPerFc: 1 + t + i * 1e-6, gainErrAdcPerFc: 0.01 }, provenance }));
    await db.appendIovs(`gain-${t}`, iovs);
  }
  const insertS = (performance.now() - t0) / 1000;
  let s = 42;
  const rnd = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const lookups = Array.from({ length: LOOKUPS }, () => ({ tag: `gain-${Math.floor(rnd() * N_TAGS)}`, run: Math.floor(rnd() * PER_TAG * 10) }));
  for (const l of lookups.slice(0, 300)) await db.resolve({ tag: l.tag, record: gain, at: runTime(l.run) });
  t0 = performance.now();
  for (const l of lookups) await db.resolve({ tag: l.tag, record: gain, at: runTime(l.run) });
  const pkgS = (performance.now() - t0) / 1000;

  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const { sql: text, names: order } = positional(RESOLVE_BY_TAG, (i) => `$${i}`);
  const query = (l: { tag: string; run: number }) => {
    const p: Record<string, string | number> = { tag: l.tag, at: String(BigInt(l.run) << 32n), bound: Number.MAX_SAFE_INTEGER };
    return client.query({ name: 'resolve', text, values: order.map((k) => p[k]) });
  };
  for (const l of lookups.slice(0, 300)) await query(l);
  t0 = performance.now();
  for (const l of lookups) await query(l);
  const rawS = (performance.now() - t0) / 1000;
  await client.end();

  await db.createGlobalTag({ name: 'bench-gt' });
  await db.setGlobalTagEntry('bench-gt', 'bench.gain', 'gain-0');
  await db.lockGlobalTag('bench-gt', { snapshot: 'now' });
  const cache = await db.provider({ globalTag: 'bench-gt' });
  const EVENTS = 1_000_000;
  const times = Array.from({ length: EVENTS / 200 }, (_, r) => runTime(r));
  t0 = performance.now();
  for (let e = 0; e < EVENTS; e++) await cache.resolve(gain, times[Math.floor(e / 200)]!);
  const cachedS = (performance.now() - t0) / 1000;
  await db.close();
  console.log(JSON.stringify({
    benchmark: 'conditions-db (PostgreSQL)', iovs: PER_TAG * N_TAGS, tags: N_TAGS,
    insertIovsPerS: Math.round((PER_TAG * N_TAGS) / insertS),
    resolveUncachedPerS: Math.round(LOOKUPS / pkgS), resolveRawPreparedPerS: Math.round(LOOKUPS / rawS),
    uncachedOverRawTimeRatio: Number((pkgS / rawS).toFixed(3)),
    resolveCachedPerS: Math.round(EVENTS / cachedS), cacheMisses: cache.misses,
  }, null, 2));
} finally {
  await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin.destroy();
}
