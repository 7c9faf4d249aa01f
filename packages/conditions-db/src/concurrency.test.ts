import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runTime } from '@nucal/core';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { countRows, describeBackends } from '../test/backends.js';
import { provenance, scale, scaleRecord } from '../test/records.js';
import type { ConditionsDb } from './conditions-db.js';
import { openConditionsDb } from './open.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));

/** Starts test/writer.ts in its own process. */
function writer(args: string[], env: Record<string, string> = {}) {
  // One process (tsx as a loader, not the tsx CLI, which would fork a child): SIGKILL must hit the writer itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'test/writer.ts', ...args], { cwd: pkgDir, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string; err: string }>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, out, err })),
  );
  const waitFor = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => (out.includes(text) ? resolve() : undefined);
      child.stdout.on('data', check);
      child.on('exit', () => reject(new Error(`writer exited before printing ${text}: ${err}`)));
    });
  return { child, done, waitFor };
}

describeBackends('concurrent writers and killed processes', (backend) => {
  let url: string;
  let db: ConditionsDb;
  beforeEach(async () => {
    url = await backend.fresh();
    db = await openConditionsDb({ url, label: 'tester', create: true });
    await db.registerRecord(scaleRecord);
    await db.createTag({ name: 'shared', record: 'test.energy-scale', timeType: 'run', allowBackfill: true });
    for (let p = 0; p < 4; p++) await db.createTag({ name: `own-${p}`, record: 'test.energy-scale', timeType: 'run' });
  });
  afterEach(async () => db.close());

  it('four processes appending to one shared tag and to their own tags lose and duplicate nothing', async () => {
    // Process p writes sinces p, p+4, p+8, ... to the shared tag (interleaved across processes)
    // and 0..119 to its own tag, in batches of 10.
    const runs = [];
    for (let p = 0; p < 4; p++) {
      runs.push(writer([url, 'shared', String(p), '120', '10'], { NUCAL_WRITER_STEP: '4' }).done);
      runs.push(writer([url, `own-${p}`, '0', '120', '10']).done);
    }
    const results = await Promise.all(runs);
    for (const r of results) expect(r, r.err).toMatchObject({ code: 0 });
    const shared = (await db.listIovs('shared', { history: true, limit: 10_000 })).items;
    expect(shared).toHaveLength(480);
    const sinces = shared.map((i) => (i.since.kind === 'run' ? Number(i.since.run) : -1));
    expect(new Set(sinces).size).toBe(480);
    expect(Math.min(...sinces)).toBe(0);
    expect(Math.max(...sinces)).toBe(479);
    for (let p = 0; p < 4; p++) {
      const own = (await db.listIovs(`own-${p}`, { history: true, limit: 10_000 })).items;
      expect(own).toHaveLength(120);
    }
    for (const run of [0, 1, 2, 3, 477, 479]) {
      expect((await db.resolve({ tag: 'shared', record: scaleRecord, at: runTime(run) })).payload.y0PePerMeV).toBe(run + 1);
    }
    const appends = (await db.auditLog({ limit: 1000 })).filter((e) => e.action === 'iov.append');
    expect(appends).toHaveLength(96);
    expect(new Set(appends.map((e) => e.label)).size).toBe(8);
    expect(new Set(appends.map((e) => e.actor))).toEqual(new Set([db.identity]));
  });

  it('four processes superseding one since of a tag without back-fill: every write kept, the last one in database order wins', async () => {
    await db.createTag({ name: 'contended', record: 'test.energy-scale', timeType: 'run' });
    const runs = [];
    for (let p = 0; p < 4; p++) runs.push(writer([url, 'contended', '1000', '25', '1'], { NUCAL_WRITER_STEP: '0', NUCAL_WRITER_PAYLOAD_BASE: String((p + 1) * 1000) }).done);
    for (const r of await Promise.all(runs)) expect(r, r.err).toMatchObject({ code: 0 });
    const history = (await db.listIovs('contended', { history: true, limit: 10_000 })).items;
    expect(history).toHaveLength(100);
    expect(history.filter((i) => i.current)).toHaveLength(1);
    const winner = history.find((i) => i.current)!;
    // The winner is the last row in database order; stamps never decrease along that order.
    expect(winner).toBe(history[history.length - 1]);
    for (let i = 1; i < history.length; i++) expect(history[i]!.insertedAt.getTime()).toBeGreaterThanOrEqual(history[i - 1]!.insertedAt.getTime());
    expect((await db.resolve({ tag: 'contended', record: scaleRecord, at: runTime(2000) })).hash).toBe(winner.hash);
    // A writer below the last since is refused, not interleaved.
    const late = await writer([url, 'contended', '999', '1', '1']).done;
    expect(late.code).not.toBe(0);
    expect(late.err).toMatch(/does not allow back-filling/);
    const appends = (await db.auditLog({ limit: 1000 })).filter((e) => e.action === 'iov.append' && e.target === 'contended');
    expect(appends).toHaveLength(100);
    const stamps = appends.map((e) => e.at.getTime()).reverse();
    for (let i = 1; i < stamps.length; i++) expect(stamps[i]!).toBeGreaterThanOrEqual(stamps[i - 1]!);
  });

  it('a writer killed in the middle of a bulk append leaves no partial IOV set, payload or audit row', async () => {
    await db.appendIov('own-0', { since: runTime(0), payload: scale(1), provenance });
    const before = { payloads: await countRows(db, 'payloads'), audit: await countRows(db, 'audit_log') };
    const w = writer([url, 'own-0', '1', '20000', '20000', '--pause-after-first-chunk']);
    await w.waitFor('IN_TRANSACTION');
    w.child.kill('SIGKILL');
    const r = await w.done;
    expect(r.signal).toBe('SIGKILL');
    // The first 5000 rows were written inside the open transaction; none may survive.
    expect((await db.listIovs('own-0', { history: true })).items).toHaveLength(1);
    expect({ payloads: await countRows(db, 'payloads'), audit: await countRows(db, 'audit_log') }).toEqual(before);
    if (backend.name === 'sqlite') {
      expect((await db.knex.raw('PRAGMA integrity_check'))[0]).toEqual({ integrity_check: 'ok' });
    }
    // The database is writable again at once.
    await db.appendIovs('own-0', Array.from({ length: 100 }, (_, i) => ({ since: runTime(i + 1), payload: scale(i + 1), provenance })));
    expect((await db.listIovs('own-0')).items).toHaveLength(101);
  });
});
