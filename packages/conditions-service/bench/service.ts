/**
 * Load test of the conditions service: requests per second for the reconstruction pattern
 * (a resolve, then the payload by hash) with keep-alive on loopback, against
 * 1. the service (its own process, a SQLite file, a global tag locked with a snapshot);
 * 2. nginx serving the very same response bytes as static files (the baseline: a web server
 *    with nothing to compute);
 * 3. Squid in front of the service (what batch jobs read through).
 * The figure is service / nginx (target >= 0.5). One JSON line on stdout; under 2 minutes.
 * NUCAL_BENCH_SECONDS (default 10) sets each measurement's length.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runTime } from '@nucal/core';
import { openConditionsDb } from '@nucal/conditions-db';
import { timeToText } from '../src/time-text.js';
import { FIRST_RUN, FLEET_GT, RUNS, seedFleet } from '../test/fleet-conditions.js';
import { startSquid } from '../test/squid.js';
import { startNginx } from './nginx.js';

const SECONDS = Number(process.env.NUCAL_BENCH_SECONDS ?? 10);
const CONNECTIONS = 10;
/** Load-generator threads (autocannon workers); 0: autocannon in this thread. */
const WORKERS = Number(process.env.NUCAL_BENCH_WORKERS ?? 0);
const pkgDir = fileURLToPath(new URL('..', import.meta.url));

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nucal-service-bench-'));
  const file = join(dir, 'conditions.sqlite');
  const db = await openConditionsDb({ url: file, create: true });
  await seedFleet(db);
  await db.close();

  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/service-process.ts', file], { cwd: pkgDir, stdio: ['ignore', 'pipe', 'inherit'] });
  const serviceUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.on('exit', (code) => reject(new Error(`service exited with ${code}`)));
  });
  const stops: (() => Promise<void>)[] = [];
  try {
    // the reconstruction pattern: one resolve per run of the scale record, then its payload
    const paths: string[] = [];
    const files: Record<string, string> = {};
    for (let run = FIRST_RUN; run < FIRST_RUN + RUNS; run += 10) {
      const resolve = `/api/v1/resolve?gt=${FLEET_GT}&record=test.energy-scale&at=${encodeURIComponent(timeToText(runTime(run)))}`;
      const r = await fetch(serviceUrl + resolve);
      const body = await r.text();
      const payload = `/api/v1/payloads/${(JSON.parse(body) as { hash: string }).hash}`;
      const p = await fetch(serviceUrl + payload);
      paths.push(resolve, payload);
      files[`resolve/${run}.json`] = body;
      files[`payloads/${run}.json`] = await p.text();
    }
    const nginx = await startNginx(files);
    stops.push(nginx.stop);
    const squid = await startSquid({ host: '127.0.0.1', port: Number(new URL(serviceUrl).port) });
    stops.push(squid.stop);
    const staticPaths = Object.keys(files).sort((a, b) => order(a) - order(b)).map((f) => `/${f}`);

    const measure = async (url: string, list: string[]) => {
      const requests = list.map((path) => ({ method: 'GET', path }));
      const workers = WORKERS > 0 ? { workers: WORKERS } : {};
      await autocannon({ url, connections: CONNECTIONS, duration: 2, requests, ...workers }); // warm-up
      const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests, ...workers });
      return { rps: Math.round(r.requests.average), p50Ms: r.latency.p50, p99Ms: r.latency.p99, errors: r.errors + r.timeouts, non2xx: r.non2xx };
    };
    const service = await measure(serviceUrl, paths);
    const nginxResult = await measure(nginx.url, staticPaths);
    const squidResult = await measure(squid.url, paths);
    const out = {
      connections: CONNECTIONS, loadWorkers: WORKERS, secondsEach: SECONDS, distinctUrls: paths.length,
      serviceRps: service.rps, nginxStaticRps: nginxResult.rps, squidInFrontRps: squidResult.rps,
      serviceOverNginx: Number((service.rps / nginxResult.rps).toFixed(3)),
      squidOverNginx: Number((squidResult.rps / nginxResult.rps).toFixed(3)),
      latencyMs: { service: [service.p50Ms, service.p99Ms], nginx: [nginxResult.p50Ms, nginxResult.p99Ms], squid: [squidResult.p50Ms, squidResult.p99Ms] },
      failures: { service: service.errors + service.non2xx, nginx: nginxResult.errors + nginxResult.non2xx, squid: squidResult.errors + squidResult.non2xx },
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** resolve/1000.json, payloads/1000.json, resolve/1010.json, ...: the same alternation as the service's list. */
function order(f: string): number {
  const [kind, name] = f.split('/');
  return Number(name!.replace('.json', '')) * 2 + (kind === 'payloads' ? 1 : 0);
}

await main();
