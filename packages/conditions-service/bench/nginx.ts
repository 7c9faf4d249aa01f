import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../test/http-front.js';

/** Where Debian installs nginx (`apt-get install nginx`; `.ci/run` installs it). */
export const NGINX = '/usr/sbin/nginx';

/**
 * nginx serving files as static content on loopback, started with a generated configuration
 * in a temporary directory: one process (the service is one Node process), keep-alive,
 * `sendfile`, ETags, no access log: the baseline "the same bytes, served as fast as a web
 * server can".
 */
export async function startNginx(files: Record<string, string>): Promise<{ url: string; pid: number; stop: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'nucal-nginx-'));
  chmodSync(dir, 0o755);
  for (const [path, body] of Object.entries(files)) {
    const file = join(dir, 'www', path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, body);
  }
  const port = await freePort();
  const conf = join(dir, 'nginx.conf');
  writeFileSync(conf, `
worker_processes 1;
master_process off;
daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
${process.getuid?.() === 0 ? 'user root;' : ''}
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  keepalive_timeout 65;
  client_body_temp_path ${dir}/tmp-body;
  proxy_temp_path ${dir}/tmp-proxy;
  fastcgi_temp_path ${dir}/tmp-fastcgi;
  uwsgi_temp_path ${dir}/tmp-uwsgi;
  scgi_temp_path ${dir}/tmp-scgi;
  default_type application/json;
  server {
    listen 127.0.0.1:${port};
    root ${dir}/www;
    etag on;
    location / { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
`);
  const test = spawnSync(NGINX, ['-t', '-c', conf, '-p', dir], { encoding: 'utf8' });
  if (test.status !== 0) throw new Error(`nginx -t failed: ${test.stderr}`);
  const child: ChildProcess = spawn(NGINX, ['-c', conf, '-p', dir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const first = Object.keys(files)[0]!;
  for (const deadline = Date.now() + 10_000; ; ) {
    if (child.exitCode !== null) throw new Error(`nginx exited with ${child.exitCode}: ${stderr}`);
    try {
      const r = await fetch(`${url}/${first}`);
      await r.text();
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`nginx did not answer within 10 s: ${stderr}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url,
    pid: child.pid!,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGQUIT');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
