import { existsSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { prepareDb } from './cli.test-support.js';
import { serveDemoBrowser } from './demo-browser.js';

/** Holds a port, as a demo still serving would. */
async function occupiedPort(): Promise<{ port: number; release: () => Promise<void> }> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  return { port: typeof addr === 'object' && addr ? addr.port : 0, release: () => new Promise((resolve) => server.close(() => resolve())) };
}

const copies = () => readdirSync(tmpdir()).filter((f) => f.startsWith('nucal-demo-browser-'));

describe('the demo’s conditions browser', () => {
  it('serves a copy of the database on a free port when the asked one is taken, and removes the copy when stopped', async () => {
    const p = await prepareDb('nucal-demo-browser-test-');
    const taken = await occupiedPort();
    const before = new Set(copies());
    let stop!: () => void;
    const until = new Promise<void>((resolve) => (stop = resolve));
    let url = '';
    const serving = serveDemoBrowser({ dbFile: p.db, port: taken.port, host: '127.0.0.1', until, onListening: (u) => (url = u) });
    try {
      await expect.poll(() => url, { timeout: 20_000 }).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      expect(new URL(url).port).not.toBe(String(taken.port));
      const mine = copies().filter((f) => !before.has(f));
      expect(mine).toHaveLength(1);
      // a second demo run re-creates the demo's file: the browser keeps serving its copy
      rmSync(p.db);
      const home = await fetch(url);
      expect(home.status).toBe(200);
      expect(await home.text()).toContain('scale-run');
      const tag = await fetch(`${url}tags/scale-run`);
      expect(tag.status).toBe(200);
      stop();
      await serving;
      expect(existsSync(`${tmpdir()}/${mine[0]}`)).toBe(false);
      await expect(fetch(url)).rejects.toThrow();
    } finally {
      stop();
      await serving.catch(() => undefined);
      await taken.release();
    }
  });
});
