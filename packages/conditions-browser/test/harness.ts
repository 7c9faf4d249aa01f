import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { openConditionsDb, type ConditionsDb } from '@nucal/conditions-db';
import { createConditionsService } from '@nucal/conditions-service';
import { registerConditionsBrowser } from '../src/register-browser.js';
import { seedBrowserFixture } from './fixture-db.js';

/** A conditions service with the browser over the fixture database (a SQLite file in a temporary directory). */
export interface BrowserHarness {
  readonly db: ConditionsDb;
  readonly app: FastifyInstance;
  /** `http://127.0.0.1:<port>` when listening, else null (inject only). */
  readonly url: string | null;
  close(): Promise<void>;
}

/** Starts the service with the browser; `listen` binds a free port on the loopback interface. */
export async function browserHarness(options: { listen?: boolean } = {}): Promise<BrowserHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'nucal-browser-'));
  const db = await openConditionsDb({ url: join(dir, 'conditions.sqlite'), create: true });
  await seedBrowserFixture(db);
  const app = createConditionsService({ db });
  registerConditionsBrowser(app, { db });
  let url: string | null = null;
  if (options.listen) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const addr = app.server.address();
    url = `http://127.0.0.1:${typeof addr === 'object' && addr !== null ? addr.port : 0}`;
  } else {
    await app.ready();
  }
  return {
    db,
    app,
    url,
    close: async () => {
      await app.close();
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
