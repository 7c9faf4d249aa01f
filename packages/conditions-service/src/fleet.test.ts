import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { openConditionsDb } from '@nucal/conditions-db';
import { tempDir } from '../../conditions-db/test/backends.js';
import { FLEET_GT, reconstructFleetEvents, seedFleet } from '../test/fleet-conditions.js';
import { SQUID, startSquid } from '../test/squid.js';
import { ServiceMetrics } from './metrics.js';
import { createConditionsService } from './service.js';

const pkgDir = fileURLToPath(new URL('..', import.meta.url));
const JOBS = Number(process.env.NUCAL_FLEET_JOBS ?? 8);
const PER_RUN = 5;

/** Runs test/fleet-job.ts in its own process and returns its JSON line. */
function job(baseUrl: string): Promise<{ events: number; digest: string; requests: number; hits: number; misses: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'test/fleet-job.ts', baseUrl, String(PER_RUN)], { cwd: pkgDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`fleet job exited with ${code}: ${err}`))));
  });
}

/*
 * A fleet of batch jobs (separate processes) reconstructing the same events through the HTTP
 * provider behind Squid, as a production farm reads conditions through site caches: every
 * job must get exactly the constants the database gives directly, and the cache must answer
 * most requests (the global tag is locked with a snapshot, so every answer is immutable).
 */
it(`${JOBS} jobs reconstructing through Squid get identical constants, and Squid answers most of their requests`, async () => {
  expect(existsSync(SQUID), `${SQUID} is missing: apt-get install squid (.ci/run installs it)`).toBe(true);
  const db = await openConditionsDb({ url: `${tempDir('nucal-fleet-')}/conditions.sqlite`, create: true });
  const metrics = new ServiceMetrics();
  const app = createConditionsService({ db, metrics });
  let squid: Awaited<ReturnType<typeof startSquid>> | undefined;
  try {
    await seedFleet(db);
    const expected = await reconstructFleetEvents(await db.provider({ globalTag: FLEET_GT }), PER_RUN);
    await app.listen({ port: 0, host: '127.0.0.1' });
    squid = await startSquid({ host: '127.0.0.1', port: (app.server.address() as AddressInfo).port });
    const before = await metrics.requestCount(['/api/v1/resolve', '/api/v1/payloads/:hash']);
    const started = Date.now();
    const results = await Promise.all(Array.from({ length: JOBS }, () => job(squid!.url)));
    const seconds = (Date.now() - started) / 1000;
    const reached = (await metrics.requestCount(['/api/v1/resolve', '/api/v1/payloads/:hash'])) - before;
    const made = results.reduce((a, r) => a + r.requests, 0);
    const codes = squid.resultCodes();
    const report = {
      jobs: JOBS, eventsPerJob: expected.events, seconds, requestsByJobs: made, requestsReachingService: reached,
      cacheHitRatio: Number((1 - reached / made).toFixed(3)), squidResultCodes: codes,
      providerHitsPerJob: results[0]!.hits, providerMissesPerJob: results[0]!.misses,
    };
    console.log(`[fleet] ${JSON.stringify(report)}`);
    for (const r of results) {
      expect(r.events).toBe(expected.events);
      expect(r.digest).toBe(expected.digest);
      // the IOV cache: one miss per record and interval (40 scale + 16 gain intervals)
      expect(r.misses).toBe(40 + 16);
    }
    // each job asks 56 resolutions and 56 payloads; with a cold cache at least one job's worth reaches the service
    expect(made).toBe(JOBS * 112);
    expect(reached).toBeGreaterThanOrEqual(112);
    expect(reached).toBeLessThanOrEqual(made / 2);
  } finally {
    await squid?.stop();
    await app.close();
    await db.close();
  }
});
