import { CommanderError } from 'commander';
import { DatabaseError, NotFoundError, PermissionError, type DatabaseErrorReason } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { DbOpenFailure } from './db-open-failure.js';
import { formatErrorReport } from './error-line.js';
import { reportError } from './error-report.js';
import { secretScrubber } from './redact-url.js';

const URL_ = 'postgres://calib:hunter22@127.0.0.1:1/cond';
const opts = { scrub: secretScrubber([URL_]), debug: false, usage: {} };
const line = (err: unknown, json = false, o = opts) => formatErrorReport(reportError(err, o), json);
const opening = (reason: DatabaseErrorReason, creating = false) =>
  new DbOpenFailure(new DatabaseError(reason, `database postgres://calib:***@127.0.0.1:1/cond: ${reason}`), 'postgres://calib:***@127.0.0.1:1/cond', creating);

describe('reportError', () => {
  it('gives each database error reason its advice in the same line', () => {
    expect(line(opening('missing'))).toBe('error: database postgres://calib:***@127.0.0.1:1/cond: missing; run "nucal db init --db postgres://calib:***@127.0.0.1:1/cond" to create it');
    expect(line(opening('missing', true))).toMatch(/; create the database on the server first/);
    expect(line(opening('unreachable'))).toMatch(/; check the host and port in --db \(or NUCAL_DB\) and that the server is running$/);
    expect(line(opening('authentication'))).toMatch(/; check the user name and password in --db/);
    expect(line(opening('busy'))).toMatch(/; another writer holds the database: try again/);
    expect(line(opening('migration-lock'))).toMatch(/; another nucal is creating or upgrading/);
    expect(line(opening('not-nucal'))).toMatch(/; it is not a nucal conditions database: check --db/);
    expect(line(opening('corrupt'))).toMatch(/; it is not a nucal conditions database: check --db/);
    expect(line(opening('schema-version'))).toMatch(/; upgrade nucal, or run "nucal db init" to migrate/);
    expect(line(opening('other'))).toBe('error: database postgres://calib:***@127.0.0.1:1/cond: other');
    // a path that exists but cannot be opened (a directory) is not a database to create
    expect(line(new DbOpenFailure(new DatabaseError('missing', 'database /tmp cannot be opened'), '/tmp', false, true))).toMatch(/; it exists but cannot be opened as a database file/);
    // not while opening --db (e.g. an import file): no advice about --db
    expect(line(new DatabaseError('missing', 'import file x.sqlite does not exist'))).toBe('error: import file x.sqlite does not exist; check the file name or URL');
  });

  it('prints one JSON object with --json', () => {
    expect(JSON.parse(line(opening('unreachable'), true))).toEqual({
      error: { code: 'DATABASE', reason: 'unreachable', message: 'database postgres://calib:***@127.0.0.1:1/cond: unreachable', advice: 'check the host and port in --db (or NUCAL_DB) and that the server is running' },
    });
    expect(JSON.parse(line(new NotFoundError('tag x does not exist'), true))).toEqual({ error: { code: 'NOT_FOUND', message: 'tag x does not exist' } });
  });

  it('reports nucal refusals by their message and unexpected errors as one internal-error line without the stack', () => {
    expect(reportError(new PermissionError('database x.sqlite was opened read-only'), opts)).toEqual({ exitCode: 1, code: 'PERMISSION', message: 'database x.sqlite was opened read-only' });
    const boom = new RangeError('Maximum call stack size exceeded\n    at f (x.ts:1:1)');
    expect(line(boom)).toBe('error: internal error: Maximum call stack size exceeded; set NUCAL_DEBUG=1 for the stack');
    expect(line('a string was thrown')).toBe('error: internal error: a string was thrown; set NUCAL_DEBUG=1 for the stack');
    const debug = line(boom, false, { ...opts, debug: true });
    expect(debug.split('\n')[0]).toBe('error: internal error: Maximum call stack size exceeded');
    expect(debug).toMatch(/\n\s+at /);
    expect(JSON.parse(line(boom, true, { ...opts, debug: true })).error.stack).toMatch(/RangeError/);
  });

  it('never shows a password, a line break or a control character from a message', () => {
    const e = new Error(`connect to ${URL_} failed: password "hunter22" rejected\nsecond line\u001b[2J`);
    const l = line(e);
    expect(l).not.toMatch(/hunter22/);
    expect(l.split('\n')).toHaveLength(1);
    expect(l).toBe('error: internal error: connect to postgres://calib:***@127.0.0.1:1/cond failed: password "***" rejected; set NUCAL_DEBUG=1 for the stack');
    expect(line(new NotFoundError('tag "a\nb" does not exist'))).toBe('error: tag "a\\nb" does not exist');
  });

  it('reports commander errors as usage errors (exit 2) on one line', () => {
    const r = reportError(new CommanderError(1, 'commander.unknownOption', "error: unknown option '--jsn'\n(Did you mean --json?)"), opts);
    expect(r).toEqual({ exitCode: 2, code: 'USAGE', message: "unknown option '--jsn' (Did you mean --json?)" });
  });
});
