import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { registerConditionsBrowser } from '@nucal/conditions-browser';
import { openConditionsDb, type ConditionsDb } from '@nucal/conditions-db';
import { createConditionsService } from '@nucal/conditions-service';

/** What {@link serveDemoBrowser} needs. */
export interface DemoBrowserOptions {
  /** The demo's SQLite file, closed (the demo is done with it). */
  readonly dbFile: string;
  /** Port to try first; a taken port falls back to a free one (0 asks for a free one at once). */
  readonly port: number;
  readonly host: string;
  /** Called with the browser's URL once it listens. */
  readonly onListening: (url: string, servedFile: string) => void;
  /** Resolves when the browser should stop (Ctrl-C, SIGTERM, or a test). */
  readonly until: Promise<void>;
}

/**
 * Serves the conditions browser over a copy of the demo's database until `until` resolves,
 * then closes it and deletes the copy. A copy, read-only, in a directory of its own: a second
 * `nucal demo` may re-create ./nucal-demo.sqlite while this one still serves, and nothing is
 * left for the user to clean up. A taken port (another demo still serving) falls back to a
 * free one.
 *
 * @example
 * await serveDemoBrowser({ dbFile: 'nucal-demo.sqlite', port: 8080, host: '127.0.0.1', onListening: (u) => console.log(u), until: stopSignal() });
 */
export async function serveDemoBrowser(o: DemoBrowserOptions): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'nucal-demo-browser-'));
  let db: ConditionsDb | undefined;
  let app: FastifyInstance | undefined;
  try {
    const copy = join(dir, basename(o.dbFile));
    copyFileSync(o.dbFile, copy);
    // a WAL the demo's last connection did not fold back holds the latest writes: copy it too
    if (existsSync(`${o.dbFile}-wal`)) copyFileSync(`${o.dbFile}-wal`, `${copy}-wal`);
    db = await openConditionsDb({ url: copy, readOnly: true });
    const make = (): FastifyInstance => {
      const a = createConditionsService({ db: db! });
      registerConditionsBrowser(a, { db: db! });
      return a;
    };
    app = await listenOrFreePort(make, o.port, o.host);
    const addr = app.server.address();
    const port = typeof addr === 'object' && addr !== null ? addr.port : o.port;
    o.onListening(`http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}/`, o.dbFile);
    await o.until;
  } finally {
    await app?.close();
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Listens on `port`, or on a free port when it is taken (a fresh instance: fastify does not listen twice). */
async function listenOrFreePort(make: () => FastifyInstance, port: number, host: string): Promise<FastifyInstance> {
  const app = make();
  try {
    await app.listen({ port, host });
    return app;
  } catch (err) {
    await app.close();
    if (port === 0 || (err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
  }
  const again = make();
  await again.listen({ port: 0, host });
  return again;
}

/** Resolves on the first SIGINT (Ctrl-C) or SIGTERM, and stops listening for both. */
export function stopSignal(): Promise<void> {
  return new Promise((resolve) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
