import type { Command } from 'commander';
import { parseInstant, ValidationError } from '@nucal/core';
import { emit, type CliContext, type DbOptions } from '../context.js';
import { withDb } from '../open-db.js';
import { redactUrl } from '../redact-url.js';
import { dbCommandKit, subcommandGroup } from './db-command-kit.js';

type CloneOptions = DbOptions & { from: string; to: string; targetDb?: string; asOf?: string; history?: boolean; description?: string; dryRun?: boolean };

/**
 * `nucal db tag clone --from <tag> --to <new> [--target-db <url>]` (CMS `conddb copy`): a new
 * open tag with the original's record, payloads and effective IOVs (every row and its stamps
 * with --history), in the same database or another one, through the import's verified path.
 */
export function addCloneCommand(cli: CliContext, db: Command): void {
  const { dbOptions, using } = dbCommandKit(cli);
  const tag = subcommandGroup(db, 'tag', 'tags: ordered IOV sequences of one record');
  dbOptions(
    tag
      .command('clone')
      .description('copy a tag as a new open tag (here or into --target-db) with its payloads and effective IOVs; every payload hash is re-checked; an existing target tag is refused')
      .requiredOption('--from <tag>', 'the tag to copy')
      .requiredOption('--to <tag>', 'name of the new tag')
      .option('--target-db <url>', 'copy into this database (SQLite file path or postgres:// URL; it must exist: nucal db init)')
      .option('--as-of <date>', 'copy the tag as it was at this date')
      .option('--history', 'copy every row, superseded ones too, with their insertion stamps (PostgreSQL: admins only)')
      .option('--description <text>', 'description of the new tag (default: "clone of <from>: <its description>")')
      .option('--dry-run', 'check everything and say what would be written, writing nothing'),
  ).action(async (o: CloneOptions) => {
    const asOf = o.asOf !== undefined ? { asOf: parseInstant(o.asOf, '--as-of') } : {};
    if (o.targetDb !== undefined && o.targetDb.trim() === '') throw new ValidationError('--target-db is empty: expected a SQLite file path or a postgres:// URL');
    const opts = { ...asOf, history: o.history === true, dryRun: o.dryRun === true, ...(o.description !== undefined ? { description: o.description } : {}) };
    const elsewhere = o.targetDb !== undefined && o.targetDb !== o.db;
    const s = elsewhere
      ? await using(o, 'read', (src) => withDb(cli, { url: o.targetDb!, mode: 'write', json: o.json }, (dst) => src.cloneTag(o.from, o.to, { ...opts, into: dst })))
      : await using(o, 'write', (d) => d.cloneTag(o.from, o.to, opts));
    emit(cli.io, o, s, () =>
      `${s.dryRun ? 'dry run: would clone' : 'cloned'} tag ${s.from} to ${s.to}${elsewhere ? ` in ${redactUrl(s.target)}` : ''}: ${s.iovs} IOV row(s)${s.history ? ' with history' : ''}, ${s.payloads} new payload(s), ${s.records} new record type(s)`,
    );
  });
}
