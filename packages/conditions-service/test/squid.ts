import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './http-front.js';

/** A Squid started for a test or a benchmark: a reverse proxy (accelerator) on loopback in front of one origin. */
export interface RunningSquid {
  readonly url: string;
  /** The Squid process (one: -N, no SMP workers). */
  readonly pid: number;
  /** Counts of the access log's result codes (TCP_MISS, TCP_MEM_HIT, ...), after the requests so far. */
  resultCodes(): Record<string, number>;
  stop(): Promise<void>;
}

/** Where Debian installs Squid (`apt-get install squid`; `.ci/run` installs it). */
export const SQUID = '/usr/sbin/squid';

/**
 * Starts Squid with a generated configuration in a temporary directory: memory cache only,
 * collapsed forwarding (concurrent misses for one URL become one request to the origin),
 * loopback only, the origin as its only parent. It honours the service's Cache-Control.
 * Runs as the `proxy` user when started by root (Squid refuses to cache as root).
 */
export async function startSquid(origin: { host: string; port: number }): Promise<RunningSquid> {
  const dir = mkdtempSync(join(tmpdir(), 'nucal-squid-'));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const conf = join(dir, 'squid.conf');
  const root = process.getuid?.() === 0;
  writeFileSync(conf, [
    `http_port 127.0.0.1:${port} accel defaultsite=${origin.host}:${origin.port} no-vhost`,
    `cache_peer ${origin.host} parent ${origin.port} 0 no-query originserver name=conditions`,
    'acl loopback src 127.0.0.1/32',
    'http_access allow loopback',
    'http_access deny all',
    'cache_peer_access conditions allow all',
    'cache_mem 128 MB',
    'maximum_object_size_in_memory 4 MB',
    'collapsed_forwarding on',
    'shutdown_lifetime 0 seconds',
    `pid_filename ${join(dir, 'squid.pid')}`,
    `access_log stdio:${join(dir, 'access.log')}`,
    `cache_log ${join(dir, 'cache.log')}`,
    'cache_store_log none',
    'logfile_rotate 0',
    `coredump_dir ${dir}`,
    'netdb_filename none',
    'visible_hostname nucal-conditions-cache',
    ...(root ? ['cache_effective_user proxy'] : []),
    '',
  ].join('\n'));
  const check = spawnSync(SQUID, ['-k', 'parse', '-f', conf], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`squid -k parse failed: ${check.stderr}`);
  const child: ChildProcess = spawn(SQUID, ['-N', '-f', conf], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`squid exited with ${child.exitCode}: ${stderr}\n${safeRead(join(dir, 'cache.log'))}`);
    try {
      const r = await fetch(`${url}/healthz`);
      await r.text();
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`squid did not answer within 20 s: ${stderr}\n${safeRead(join(dir, 'cache.log'))}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid!,
    resultCodes() {
      const counts: Record<string, number> = {};
      for (const line of safeRead(join(dir, 'access.log')).split('\n')) {
        const code = line.split(/\s+/)[3]?.split('/')[0];
        if (code) counts[code] = (counts[code] ?? 0) + 1;
      }
      return counts;
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function safeRead(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}
