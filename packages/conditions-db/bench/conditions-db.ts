/**
 * Conditions database benchmark (SQLite file): prints one JSON object.
 *   npm run bench -w @nucal/conditions-db   [NUCAL_BENCH_IOVS=1000000 NUCAL_BENCH_TAGS=100]
 * Figures: bulk-insert IOVs/s through the package against the same rows written with raw
 * multi-row INSERTs on the same schema (the floor the storage layout allows); uncached resolve/s through the package against the same lookup
 * as a raw prepared statement on the same file in the same run (ratio); resolve/s through the
 * IOV-aware cache on a time-ordered event stream.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRecord, runTime } from '@nucal/core';
import sqlite3 from 'sqlite3';
import { z } from 'zod';
import { openConditionsDb, RESOLVE_BY_TAG } from '../src/index.js';

const N_IOVS = Number(process.env.NUCAL_BENCH_IOVS ?? 1_000_000);
const N_TAGS = Number(process.env.NUCAL_BENCH_TAGS ?? 100);
const PER_TAG = Math.floor(N_IOVS / N_TAGS);
const LOOKUPS = 20_000;

const gain = defineRecord({
  name: 'bench.gain', version: 1, description: 'benchmark payload: a gain and its error',
  schema: z.object({ gainAdcPerFc: z.number().positive(), gainErrAdcPerFc: z.number().nonnegative() }),
});
const provenance = { plugin: { id: 'bench.conditions', version: '0' }, input: { description: 'synthetic' }, createdAt: '2026-01-01T00:00:00Z' };

/** Deterministic pseudo-random lookups (no Math.random in nucal). */
function lcg(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

const dir = mkdtempSync(join(tmpdir(), 'nucal-bench-'));
const file = join(dir, 'bench.sqlite');
const db = await openConditionsDb({ url: file, label: 'bench', create: true });
await db.registerRecord(gain);
for (let t = 0; t < N_TAGS; t++) await db.createTag({ name: `gain-${t}`, record: 'bench.gain', timeType: 'run' });

// 1. bulk insert: one appendIovs call (one transaction) per tag, every IOV with its own payload.
let t0 = performance.now();
for (let t = 0; t < N_TAGS; t++) {
  const iovs = new Array(PER_TAG);
  for (let i = 0; i < PER_TAG; i++) iovs[i] = { since: runTime(i * 10), payload: { gainAdcPerFc: 1 + t + i * 1e-6, gainErrAdcPerFc: 0.01 }, provenance };
  await db.appendIovs(`gain-${t}`, iovs);
}
const insertS = (performance.now() - t0) / 1000;

// 1b. baseline: the same rows (payloads already hashed and serialised) written with raw
// multi-row INSERTs on the same schema in a second file, one transaction per tag.
const rawFile = join(dir, 'raw.sqlite');
await (await openConditionsDb({ url: rawFile, label: 'bench', create: true })).close();
const rawDb = new sqlite3.Database(rawFile);
const exec = (sql: string, params: unknown[] = []) => new Promise<void>((res, rej) => rawDb.run(sql, params, (e) => (e ? rej(e) : res())));
await exec('PRAGMA cache_size = -65536');
await exec('PRAGMA synchronous = NORMAL');
await exec("INSERT INTO records (name, version, description, json_schema, created_at) VALUES ('bench.gain', 1, '', '{}', 0)");
for (let t = 0; t < N_TAGS; t++) await exec("INSERT INTO tags (name, record_name, record_version, time_type, description, state, allow_backfill, created_at) VALUES (?, 'bench.gain', 1, 'run', '', 'open', 0, 0)", [`gain-${t}`]);
const prov = JSON.stringify(provenance);
const rowsPerTag: { payloads: unknown[]; iovs: unknown[] }[] = [];
for (let t = 0; t < N_TAGS; t++) {
  const payloads: unknown[] = [];
  const iovs: unknown[] = [];
  for (let i = 0; i < PER_TAG; i++) {
    const data = JSON.stringify({ gainAdcPerFc: 1 + t + i * 1e-6, gainErrAdcPerFc: 0.01 });
    const hash = createHash('sha256').update(`{"data":${data},"record":"bench.gain","version":1}`).digest('hex');
    payloads.push(hash, 'bench.gain', 1, data, prov, data.length, 0);
    iovs.push(t + 1, String((BigInt(i * 10) << 32n)), hash, 0);
  }
  rowsPerTag.push({ payloads, iovs });
}
t0 = performance.now();
for (const { payloads, iovs } of rowsPerTag) {
  await exec('BEGIN');
  for (let k = 0; k < payloads.length; k += 4000 * 7) {
    const chunk = payloads.slice(k, k + 4000 * 7);
    await exec(`INSERT INTO payloads (hash, record_name, record_version, data, provenance, size_bytes, created_at) VALUES ${new Array(chunk.length / 7).fill('(?,?,?,?,?,?,?)').join(',')} ON CONFLICT (hash) DO NOTHING`, chunk);
  }
  for (let k = 0; k < iovs.length; k += 5000 * 4) {
    const chunk = iovs.slice(k, k + 5000 * 4);
    await exec(`INSERT INTO iovs (tag_id, since, payload_hash, inserted_at) VALUES ${new Array(chunk.length / 4).fill('(?,?,?,?)').join(',')}`, chunk);
  }
  await exec('COMMIT');
}
const rawInsertS = (performance.now() - t0) / 1000;
await new Promise<void>((res) => rawDb.close(() => res()));

// 2. uncached resolve through the package vs the raw prepared statement, same lookups.
const rnd = lcg(42);
const lookups = Array.from({ length: LOOKUPS }, () => ({ tag: `gain-${Math.floor(rnd() * N_TAGS)}`, run: Math.floor(rnd() * PER_TAG * 10) }));
for (const l of lookups.slice(0, 500)) await db.resolve({ tag: l.tag, record: gain, at: runTime(l.run) }); // warm-up
t0 = performance.now();
let check = 0;
for (const l of lookups) check += (await db.resolve({ tag: l.tag, record: gain, at: runTime(l.run) })).payload.gainAdcPerFc;
const pkgS = (performance.now() - t0) / 1000;

const raw = new sqlite3.Database(file, sqlite3.OPEN_READONLY);
const stmt = raw.prepare(RESOLVE_BY_TAG.replace(/:([a-z]+)/g, '$$$1'));
const get = (p: Record<string, string | number>) =>
  new Promise<{ data: string }>((res, rej) => stmt.get(p, (e: Error | null, row: { data: string }) => (e ? rej(e) : res(row))));
for (const l of lookups.slice(0, 500)) await get({ $tag: l.tag, $at: String(BigInt(l.run) << 32n), $bound: Number.MAX_SAFE_INTEGER });
t0 = performance.now();
let checkRaw = 0;
for (const l of lookups) checkRaw += JSON.parse((await get({ $tag: l.tag, $at: String(BigInt(l.run) << 32n), $bound: Number.MAX_SAFE_INTEGER })).data).gainAdcPerFc;
const rawS = (performance.now() - t0) / 1000;
stmt.finalize();
raw.close();
if (Math.abs(check - checkRaw) > 1e-6 * Math.abs(check)) throw new Error(`package and raw lookups disagree: ${check} vs ${checkRaw}`);

// 3. cached resolve on a time-ordered stream: 2,000,000 events, 200 per run, through a global tag.
await db.createGlobalTag({ name: 'bench-gt' });
await db.setGlobalTagEntry('bench-gt', 'bench.gain', 'gain-0');
await db.lockGlobalTag('bench-gt', { snapshot: 'now' });
const cache = await db.provider({ globalTag: 'bench-gt' });
const EVENTS = 2_000_000;
const times = Array.from({ length: EVENTS / 200 }, (_, r) => runTime(r));
t0 = performance.now();
let sum = 0;
for (let e = 0; e < EVENTS; e++) sum += (await cache.resolve(gain, times[Math.floor(e / 200)]!)).payload.gainAdcPerFc;
const cachedS = (performance.now() - t0) / 1000;
await db.close();
rmSync(dir, { recursive: true, force: true });

const result = {
  benchmark: 'conditions-db (SQLite file)',
  iovs: PER_TAG * N_TAGS,
  tags: N_TAGS,
  insertIovsPerS: Math.round((PER_TAG * N_TAGS) / insertS),
  insertRawSqlIovsPerS: Math.round((PER_TAG * N_TAGS) / rawInsertS),
  insertOverRawTimeRatio: Number((insertS / rawInsertS).toFixed(3)),
  resolveUncachedPerS: Math.round(LOOKUPS / pkgS),
  resolveRawPreparedPerS: Math.round(LOOKUPS / rawS),
  uncachedOverRawTimeRatio: Number((pkgS / rawS).toFixed(3)),
  resolveCachedPerS: Math.round(EVENTS / cachedS),
  cacheMisses: cache.misses,
  targets: { insertIovsPerS: 100_000, uncachedOverRawTimeRatio: 2, resolveCachedPerS: 1_000_000 },
  checksum: Number((sum / EVENTS).toFixed(6)),
};
console.log(JSON.stringify(result, null, 2));
