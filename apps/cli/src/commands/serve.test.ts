import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { prepareDb } from '../cli.test-support.js';
import { runCaptured } from '../program.js';

const cliDir = fileURLToPath(new URL('../..', import.meta.url));

/** `nucal serve ...` in its own process (it runs until a signal); resolves with its URL once it listens. */
function serveProcess(args: string[]): Promise<{ url: string; stop: () => Promise<{ code: number | null; out: string; err: string }> }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/bin.ts', 'serve', ...args], { cwd: cliDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const exited = new Promise<{ code: number | null; out: string; err: string }>((resolve) => child.on('exit', (code) => resolve({ code, out, err })));
  return new Promise((resolve, reject) => {
    child.stdout.on('data', () => {
      const m = / on (http:\/\/\S+) /.exec(out);
      if (m) resolve({ url: m[1]!, stop: () => (child.kill('SIGTERM'), exited) });
    });
    void exited.then((r) => reject(new Error(`nucal serve exited with ${r.code}: ${r.err}`)));
  });
}

describe('nucal serve and nucal db token', () => {
  it('creates, lists and revokes tokens; the service takes them and refuses them once revoked', async () => {
    const p = await prepareDb('nucal-serve-');
    const created = await runCaptured(['db', 'token', 'create', 'calib-bot', '--role', 'writer', '--tag-prefix', 'scale-', '--description', 'the calibration bot', '--db', p.db, '--json']);
    expect(created.code, created.err).toBe(0);
    const bot = JSON.parse(created.out) as { token: string; tagPrefixes: string[] };
    expect(bot.token).toMatch(/^nct_[A-Za-z0-9_-]{43}$/);
    expect(bot.tagPrefixes).toEqual(['scale-']);
    const human = await runCaptured(['db', 'token', 'create', 'reader-1', '--role', 'reader', '--db', p.db]);
    expect(human.out).toMatch(/^created token reader-1 \(reader\); send it as "Authorization: Bearer <token>", it is not shown again:\nnct_[A-Za-z0-9_-]{43}$/);
    const refused = await runCaptured(['db', 'token', 'create', 'x', '--role', 'reader', '--tag-prefix', 'a', '--db', p.db]);
    expect([refused.code, refused.err]).toEqual([1, 'error: tag prefixes apply to writer tokens only, not to a reader']);
    const list = await runCaptured(['db', 'token', 'list', '--db', p.db]);
    expect(list.out.split('\n')[1]).toMatch(/^calib-bot\s+writer\s+scale-\*\s+\S+Z\s+-\s+the calibration bot$/);
    expect(list.out).not.toMatch(/nct_/);

    const svc = await serveProcess(['--db', p.db, '--port', '0']);
    try {
      expect((await fetch(`${svc.url}/healthz`)).status).toBe(200);
      // the conditions browser at / (reads are public)
      const home = await fetch(`${svc.url}/`);
      expect([home.status, home.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
      expect(await home.text()).toContain('<a href="/tags/scale-run">scale-run</a>');
      const r = await fetch(`${svc.url}/api/v1/resolve?gt=reco&record=demo.scale&at=150`);
      expect(r.status).toBe(200);
      expect(r.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(((await r.json()) as { hash: string }).hash).toMatch(/^[0-9a-f]{64}$/);
      const append = (token: string, since: string) =>
        fetch(`${svc.url}/api/v1/tags/scale-run/iovs`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ iovs: [{ since, payload: { y0PePerMeV: 1370 } }] }) });
      expect((await append(bot.token, '300')).status).toBe(200);
      const revoked = await runCaptured(['db', 'token', 'revoke', 'calib-bot', '--db', p.db]);
      expect(revoked.out).toBe('revoked token calib-bot');
      expect((await append(bot.token, '400')).status).toBe(401);
    } finally {
      const end = await svc.stop();
      expect(end.code).toBe(0);
    }
    const log = await runCaptured(['db', 'log', '--limit', '1', '--db', p.db, '--json']);
    expect(JSON.parse(log.out)[0]).toMatchObject({ action: 'iov.append', target: 'scale-run', label: 'http:calib-bot' });
    expect(JSON.parse((await runCaptured(['db', 'token', 'list', '--db', p.db, '--json'])).out)[0]).toMatchObject({ name: 'calib-bot', revokedAt: expect.stringMatching(/Z$/) });
  });

  it('fails in one line on a bad port or a missing database', async () => {
    const port = await runCaptured(['serve', '--port', '70000', '--db', 'x.sqlite']);
    expect([port.code, port.err]).toEqual([1, 'error: --port "70000" is invalid: expected an integer 0..65535']);
    const missing = await runCaptured(['serve', '--db', join(cliDir, 'no-such-dir', 'c.sqlite'), '--port', '0']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/^error: database file .*c\.sqlite does not exist/);
    expect(missing.out).toBe('');
  });
});
