import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ConditionsDb } from '@nucal/conditions-db';
import { freshDb, type Backend } from '../../conditions-db/test/backends.js';
import { createConditionsService, type ServiceOptions } from '../src/service.js';
import { createToken, revokeToken } from '../src/tokens.js';
import { seedConditions } from './fixture.js';

export { describeBackends, type Backend } from '../../conditions-db/test/backends.js';

/** A seeded database, a service on it (not listening: requests are injected) and one token per role. */
export interface Harness {
  readonly db: ConditionsDb;
  readonly app: FastifyInstance;
  readonly tokens: { readonly reader: string; readonly writer: string; readonly admin: string; readonly revoked: string };
  /** Injects a request; `json` parses the body. */
  request(opts: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function harness(backend: Backend, opts: Omit<ServiceOptions, 'db'> = {}): Promise<Harness> {
  const db = await freshDb(backend);
  await seedConditions(db);
  const reader = (await createToken(db, { name: 'reader', role: 'reader' })).token;
  const writer = (await createToken(db, { name: 'calib-bot', role: 'writer', tagPrefixes: ['calib.'] })).token;
  const admin = (await createToken(db, { name: 'admin', role: 'admin' })).token;
  const revoked = (await createToken(db, { name: 'old', role: 'admin' })).token;
  await revokeToken(db, 'old');
  const app = createConditionsService({ db, ...opts });
  return {
    db,
    app,
    tokens: { reader, writer, admin, revoked },
    request: ({ token, headers, ...o }) => app.inject({ ...o, headers: { ...headers, ...(token ? { authorization: `Bearer ${token}` } : {}) } }),
    close: async () => {
      await app.close();
      await db.close();
    },
  };
}
