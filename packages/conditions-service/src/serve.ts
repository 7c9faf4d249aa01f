import type { FastifyInstance } from 'fastify';
import { openConditionsDb } from '@nucal/conditions-db';
import { createConditionsService, type ServiceOptions } from './service.js';

/** Options of {@link serve}. */
export interface ServeOptions extends Omit<ServiceOptions, 'db'> {
  /** SQLite file or `postgres://` URL of the conditions database. */
  readonly dbUrl: string;
  /** TCP port (default 8080; 0 picks a free one). */
  readonly port?: number;
  /** Interface to listen on (default 127.0.0.1; `0.0.0.0` for every interface). */
  readonly host?: string;
  /** Open the database read-only: every write is refused (403). */
  readonly readOnly?: boolean;
}

/** A running service. */
export interface RunningService {
  readonly app: FastifyInstance;
  /** `http://host:port`. */
  readonly url: string;
  /** Stops listening (letting requests in flight finish) and closes the database. */
  close(): Promise<void>;
}

/**
 * Opens a conditions database and serves it over HTTP until `close()`.
 *
 * @example
 * const svc = await serve({ dbUrl: 'conditions.sqlite', port: 8080 });
 * console.log(`serving on ${svc.url}`);
 */
export async function serve(opts: ServeOptions): Promise<RunningService> {
  const { dbUrl, port = 8080, host = '127.0.0.1', readOnly = false, ...service } = opts;
  const db = await openConditionsDb({ url: dbUrl, readOnly });
  const app = createConditionsService({ ...service, db });
  app.addHook('onClose', async () => db.close());
  try {
    await app.listen({ port, host });
  } catch (err) {
    await app.close();
    throw err;
  }
  const addr = app.server.address();
  const bound = typeof addr === 'object' && addr !== null ? addr.port : port;
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { app, url: `http://${shownHost}:${bound}`, close: () => app.close() };
}
