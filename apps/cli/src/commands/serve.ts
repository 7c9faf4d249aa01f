import { Command, Option } from 'commander';
import { registerConditionsBrowser } from '@nucal/conditions-browser';
import type { AccessLevel } from '@nucal/conditions-db';
import { createConditionsService, createToken, listTokens, revokeToken } from '@nucal/conditions-service';
import { emit, type CliContext, type DbOptions } from '../context.js';
import { dbOption } from '../db-option.js';
import { table } from '../format.js';
import { openDb, withDb } from '../open-db.js';
import { parseInteger } from '../parse-args.js';
import { redactUrl } from '../redact-url.js';

/**
 * `nucal serve`: the conditions database over HTTP (`@nucal/conditions-service`) until
 * SIGINT or SIGTERM, with the conditions browser at `/` (`@nucal/conditions-browser`). Reads
 * are public unless `--private-reads` (then without the browser, whose pages read without a
 * token); writes need a token (`nucal db token create`).
 */
export function serveCommand(cli: CliContext): Command {
  return new Command('serve')
    .description('serve the conditions database over HTTP: read API with HTTP caching, token-authorised writes, /healthz, /metrics (stops on Ctrl-C or SIGTERM)')
    .addOption(dbOption(cli.env))
    .option('--port <n>', 'TCP port (0: any free port)', '8080')
    .option('--host <address>', 'interface to listen on (0.0.0.0: every interface)', '127.0.0.1')
    .option('--private-reads', 'reads need a token too (of any level); answers are then private to caches')
    .option('--read-only', 'open the database read-only: every write is refused')
    .option('--short-max-age <s>', 'max-age in seconds of answers that may still change (open-ended IOVs, open global tags)', '60')
    .action(async (o: { db: string; port: string; host: string; privateReads?: boolean; readOnly?: boolean; shortMaxAge: string }) => {
      const port = parseInteger(o.port, '--port', 0, 65_535);
      const shortMaxAgeS = parseInteger(o.shortMaxAge, '--short-max-age', 0, 31_536_000);
      const db = await openDb(cli, { url: o.db, mode: o.readOnly ? 'read' : 'write' });
      const app = createConditionsService({ db, readPublic: !o.privateReads, shortMaxAgeS });
      // the browser's pages read without a token: only where reads are public
      if (!o.privateReads) registerConditionsBrowser(app, { db });
      try {
        await app.listen({ port, host: o.host });
        const addr = app.server.address();
        const url = `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${typeof addr === 'object' && addr ? addr.port : port}`;
        cli.io.out(`serving ${redactUrl(o.db)} on ${url} (reads ${o.privateReads ? 'need a token' : 'public'}, ${o.readOnly ? 'read-only' : 'writes need a token'}); ${o.privateReads ? 'no conditions browser (its pages read without a token)' : `conditions browser at ${url}/`}; stop with Ctrl-C`);
        await new Promise<void>((resolve) => {
          process.once('SIGINT', resolve);
          process.once('SIGTERM', resolve);
        });
      } finally {
        await app.close();
        await db.close();
      }
    });
}

/** `nucal db token create|list|revoke`: the service's tokens, kept (hashed) in the database. */
export function tokenCommand(cli: CliContext): Command {
  const { io } = cli;
  const token = new Command('token').description('tokens of the HTTP service (nucal serve): reader, writer (tag prefixes), admin');
  const dbOptions = (cmd: Command): Command => cmd.addOption(dbOption(cli.env)).option('--json', 'machine-readable JSON output');
  const prefixes = (p: readonly string[]) => (p.length ? p.map((x) => (x === '' ? '(all)' : `${x}*`)).join(' ') : '-');
  dbOptions(
    token
      .command('create <name>')
      .description('create a token and print it once (only its sha256 is stored)')
      .addOption(new Option('--role <role>', 'what the token may do').choices(['reader', 'writer', 'admin']).makeOptionMandatory())
      .option('--tag-prefix <prefix...>', 'writers only: tag-name prefixes it may create, lock and append to (default: every tag)')
      .option('--description <text>', 'who or what holds it', ''),
  ).action(async (name: string, o: DbOptions & { role: AccessLevel; tagPrefix?: string[]; description: string }) => {
    const t = await withDb(cli, { url: o.db, mode: 'write', json: o.json }, (d) =>
      createToken(d, { name, role: o.role, description: o.description, ...(o.tagPrefix ? { tagPrefixes: o.tagPrefix } : {}) }),
    );
    emit(io, o, t, () => `created token ${t.name} (${t.role}${t.role === 'writer' ? ` on ${prefixes(t.tagPrefixes)}` : ''}); send it as "Authorization: Bearer <token>", it is not shown again:\n${t.token}`);
  });
  dbOptions(token.command('list').description('list tokens (never their secrets)')).action(async (o: DbOptions) => {
    const ts = await withDb(cli, { url: o.db, mode: 'read', json: o.json }, (d) => listTokens(d));
    emit(io, o, ts, () => (ts.length ? table(['token', 'role', 'tag prefixes', 'created', 'revoked', 'description'], ts.map((t) => [t.name, t.role, prefixes(t.tagPrefixes), t.createdAt.toISOString(), t.revokedAt?.toISOString() ?? '-', t.description])) : 'no tokens'));
  });
  dbOptions(token.command('revoke <name>').description('revoke a token: the service refuses it from its next request on')).action(async (name: string, o: DbOptions) => {
    const t = await withDb(cli, { url: o.db, mode: 'write', json: o.json }, (d) => revokeToken(d, name));
    emit(io, o, t, () => `revoked token ${t.name}`);
  });
  return token;
}
