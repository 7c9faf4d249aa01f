/**
 * Load test of the conditions service: requests per second for the reconstruction pattern
 * (a resolve, then the payload by hash) with keep-alive on loopback, against
 * 1. the service (its own process, a SQLite file, a global tag locked with a snapshot);
 * 2. nginx serving the very same response bytes as static files (the baseline: a web server
 *    with nothing to compute);
 * 3. Squid in front of the service (what batch jobs read through).
 * The figure is service / nginx (target >= 0.5), the median over rounds that alternate the
 * three. One JSON line on stdout; under 2 minutes. NUCAL_BENCH_SECONDS (default 5) and
 * NUCAL_BENCH_ROUNDS (default 3) set the length of each measurement and their number.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { runTime } from '@nucal/core';
import { openConditionsDb } from '@nucal/conditions-db';
import { timeToText } from '../src/time-text.js';
import { FIRST_RUN, FLEET_GT, RUNS, seedFleet } from '../test/fleet-conditions.js';
import { startSquid } from '../test/squid.js';
import { startNginx } from './nginx.js';

const SECONDS = Number(process.env.NUCAL_BENCH_SECONDS ?? 5);
/** Measurement rounds; each measures the three targets once. */
const ROUNDS = Number(process.env.NUCAL_BENCH_ROUNDS ?? 3);
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

    const requestsOf = (list: string[]) => list.map((path) => ({ method: 'GET', path }));
    const workers = WORKERS > 0 ? { workers: WORKERS } : {};
    const measure = async (url: string, list: string[], pid: number) => {
      const cpu0 = cpuSeconds(pid);
      const r = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: requestsOf(list), ...workers });
      const cpuUsPerRequest = ((cpuSeconds(pid) - cpu0) * 1e6) / Math.max(1, r.requests.total);
      return { rps: Math.round(r.requests.average), cpuUsPerRequest, p50Ms: r.latency.p50, p99Ms: r.latency.p99, failures: r.errors + r.timeouts + r.non2xx };
    };
    const targets = { service: [serviceUrl, paths, child.pid!], nginx: [nginx.url, staticPaths, nginx.pid], squid: [squid.url, paths, squid.pid] } as const;
    for (const [url, list] of Object.values(targets)) await autocannon({ url, connections: CONNECTIONS, duration: 2, requests: requestsOf(list), ...workers }); // warm-up
    // The machine is shared: its load moves between measurements. Rounds alternate the three
    // targets (rotating the order) and the figure is the median of the per-round ratios.
    const rounds: Record<keyof typeof targets, Awaited<ReturnType<typeof measure>>>[] = [];
    const names = Object.keys(targets) as (keyof typeof targets)[];
    for (let k = 0; k < ROUNDS; k++) {
      const round = {} as (typeof rounds)[number];
      for (let j = 0; j < names.length; j++) {
        const name = names[(j + k) % names.length]!;
        round[name] = await measure(targets[name][0], [...targets[name][1]], targets[name][2]);
      }
      rounds.push(round);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const ratio = (a: 'service' | 'squid') => Number(median(rounds.map((r) => r[a].rps / r.nginx.rps)).toFixed(3));
    const out = {
      connections: CONNECTIONS, loadWorkers: WORKERS, rounds: ROUNDS, secondsEach: SECONDS, distinctUrls: paths.length,
      serviceOverNginx: ratio('service'), squidOverNginx: ratio('squid'),
      // CPU time of the server process per request: what the machine's load does not change
      cpuUsPerRequest: Object.fromEntries(names.map((n) => [n, Number(median(rounds.map((r) => r[n].cpuUsPerRequest)).toFixed(1))])),
      serviceRps: rounds.map((r) => r.service.rps), nginxStaticRps: rounds.map((r) => r.nginx.rps), squidInFrontRps: rounds.map((r) => r.squid.rps),
      latencyMsP50P99: Object.fromEntries(names.map((n) => [n, [median(rounds.map((r) => r[n].p50Ms)), median(rounds.map((r) => r[n].p99Ms))]])),
      failures: Object.fromEntries(names.map((n) => [n, rounds.reduce((a, r) => a + r[n].failures, 0)])),
      loadAverage1m: Number(loadavg()[0]!.toFixed(1)),
    };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  } finally {
    for (const stop of stops.reverse()) await stop();
    child.kill('SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}

/** User + system CPU time of a process so far (s), from /proc (Linux). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // fields 14 and 15 of stat (utime, stime) in clock ticks; Linux's USER_HZ is 100
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** resolve/1000.json, payloads/1000.json, resolve/1010.json, ...: the same alternation as the service's list. */
function order(f: string): number {
  const [kind, name] = f.split('/');
  return Number(name!.replace('.json', '')) * 2 + (kind === 'payloads' ? 1 : 0);
}

await main();
