import { Command, Option } from 'commander';
import { parseInstant, parseTime, timeToJson, ValidationError, type ProvenanceInput, type Time, type TimeType } from '@nucal/core';
import type { AccessLevel, ConditionsDb, IovInput, RecordInfo } from '@nucal/conditions-db';
import { builtinRecords } from '../builtin-records.js';
import { parseBulkIovLines } from '../bulk-iov-lines.js';
import { emit, type CliContext, type DbOptions } from '../context.js';
import { dbOption } from '../db-option.js';
import { showTime, table } from '../format.js';
import { emitListing, outputFormat, withFormatOption, type OutputFormat } from '../listing-format.js';
import { withDb, type DbMode } from '../open-db.js';
import { addCloneCommand } from './db-clone.js';
import { addPlotCommand } from './db-plot.js';
import { addSearchCommand } from './db-search.js';
import { addShowCommands } from './db-show.js';
import { tokenCommand } from './serve.js';
import { parseInteger, parseJson } from '../parse-args.js';
import { readTextFile } from '../read-text-file.js';
import { redactUrl } from '../redact-url.js';

const VERSION = '0.1.0';

function manualProvenance(note: string | undefined): ProvenanceInput {
  return {
    plugin: { id: 'nucal.cli', version: VERSION },
    input: { description: note ?? 'entered with nucal db iov append' },
    createdAt: new Date().toISOString(),
  };
}

/** Options of a listing command: --json or --format. */
type ListingOptions = DbOptions & { format?: OutputFormat };

/** A time as its JSON text (CSV cells): RUN[:SUBRUN] or ISO-8601 with nanoseconds; empty for no end. */
const timeText = (t: Time | null): string => (t === null ? '' : timeToJson(t).text);

/** Time type of what `--tag` or `--gt` + `--record` points to, so `--at` can be parsed. */
async function timeTypeOf(db: ConditionsDb, o: { tag?: string; gt?: string; record: string }): Promise<TimeType> {
  if (o.tag) return (await db.getTag(o.tag)).timeType;
  const gt = await db.getGlobalTag(o.gt!);
  const entry = gt.entries.find((e) => e.record === o.record);
  if (!entry) throw new ValidationError(`global tag ${o.gt} maps no tag for record ${o.record}`);
  return (await db.getTag(entry.tag)).timeType;
}

/**
 * `nucal db ...`: the conditions database from the command line. Only `db init` creates a
 * database; every other command needs an initialised one, and the listing commands open it
 * read-only.
 */
export function dbCommand(cli: CliContext): Command {
  const { io } = cli;
  const dbOptions = (cmd: Command): Command => cmd.addOption(dbOption(cli.env)).option('--json', 'machine-readable JSON output');
  const using = <T>(o: DbOptions, mode: DbMode, fn: (d: ConditionsDb) => Promise<T>): Promise<T> => withDb(cli, { url: o.db, mode, json: o.json }, fn);
  const db = new Command('db').description('conditions database: records, tags, IOVs, global tags, export/import');

  dbOptions(db.command('init').description('create the tables (idempotent) and register the built-in record types')).action(async (o: DbOptions) => {
    const r = await using(o, 'create', async (d) => {
      const records: RecordInfo[] = [];
      for (const rec of builtinRecords()) records.push(await d.registerRecord(rec));
      return { db: redactUrl(d.location), dialect: d.dialect, records: records.map((x) => `${x.name}@${x.version}`) };
    });
    emit(io, o, r, () => `initialised ${r.dialect} database ${r.db}; built-in records: ${r.records.join(', ') || 'none'}`);
  });

  const record = db.command('record').description('record types (payload schemas)');
  withFormatOption(dbOptions(record.command('list').description('list registered record types'))).action(async (o: ListingOptions) => {
    outputFormat(o);
    const rs = await using(o, 'read', (d) => d.listRecords());
    emitListing(io, o, rs, () => ({ headers: ['record', 'version', 'description'], rows: rs.map((r) => [r.name, r.version, r.description]) }));
  });
  dbOptions(
    record
      .command('register')
      .description('register a record type from a JSON Schema file')
      .requiredOption('--name <name>', 'namespaced record name, e.g. det.gain')
      .requiredOption('--schema <file>', 'JSON Schema of the payload')
      .option('--record-version <n>', 'schema version', '1')
      .option('--description <text>', 'what the record holds, with units', ''),
  ).action(async (o: DbOptions & { name: string; schema: string; recordVersion: string; description: string }) => {
    const jsonSchema = parseJson(readTextFile(o.schema, '--schema'), `schema file ${o.schema}`);
    const version = parseInteger(o.recordVersion, '--record-version');
    const r = await using(o, 'write', (d) => d.registerJsonSchemaRecord({ name: o.name, version, description: o.description, jsonSchema }));
    emit(io, o, r, () => `registered ${r.name}@${r.version}`);
  });

  const tag = db.command('tag').description('tags: ordered IOV sequences of one record');
  dbOptions(
    tag
      .command('create <name>')
      .description('create a tag')
      .requiredOption('--record <name>', 'record the tag holds')
      .addOption(new Option('--time-type <type>', 'IOV time type').choices(['run', 'timestamp']).makeOptionMandatory())
      .option('--record-version <n>', 'record schema version (default: highest registered)')
      .option('--description <text>', 'description', '')
      .option('--allow-backfill', 'accept IOVs below the last since'),
  ).action(async (name: string, o: DbOptions & { record: string; timeType: TimeType; recordVersion?: string; description: string; allowBackfill?: boolean }) => {
    const recordVersion = o.recordVersion ? { recordVersion: parseInteger(o.recordVersion, '--record-version') } : {};
    const t = await using(o, 'write', (d) =>
      d.createTag({ name, record: o.record, timeType: o.timeType, description: o.description, allowBackfill: o.allowBackfill ?? false, ...recordVersion }),
    );
    emit(io, o, t, () => `created tag ${t.name} (${t.record.name}@${t.record.version}, ${t.timeType})`);
  });
  dbOptions(tag.command('lock <name>').description('lock a tag: it accepts no more IOVs')).action(async (name: string, o: DbOptions) => {
    const t = await using(o, 'write', (d) => d.lockTag(name));
    emit(io, o, t, () => `locked tag ${t.name}`);
  });
  withFormatOption(dbOptions(tag.command('list').description('list tags').option('--record <name>', 'only tags of this record'))).action(async (o: ListingOptions & { record?: string }) => {
    outputFormat(o);
    const ts = await using(o, 'read', (d) => d.listTags(o.record ? { record: o.record } : {}));
    emitListing(io, o, ts, () => ({ headers: ['tag', 'record', 'time', 'state', 'backfill', 'description'], rows: ts.map((t) => [t.name, `${t.record.name}@${t.record.version}`, t.timeType, t.state, t.allowBackfill ? 'yes' : 'no', t.description]) }));
  });

  const iov = db.command('iov').description('intervals of validity');
  dbOptions(
    iov
      .command('append <tag>')
      .description('append one IOV (--since with --payload or --payload-file) or many (--file, JSON lines of {since, payload})')
      .option('--since <time>', 'start: RUN[:SUBRUN], or ns since epoch / ISO-8601 date for timestamp tags')
      .option('--payload <json>', 'payload as JSON text')
      .option('--payload-file <file>', 'payload as a JSON file')
      .option('--file <jsonl>', 'bulk: one {"since": "...", "payload": {...}} per line, in one transaction')
      .option('--note <text>', 'provenance: what the input was'),
  ).action(async (tagName: string, o: DbOptions & { since?: string; payload?: string; payloadFile?: string; file?: string; note?: string }) => {
    // Everything that needs no database is checked (and every file read) before opening it.
    const provenance = manualProvenance(o.note);
    let bulk: string | undefined;
    let payload: unknown;
    if (o.file !== undefined) {
      if (o.since !== undefined || o.payload !== undefined || o.payloadFile !== undefined) throw new ValidationError('--file cannot be combined with --since/--payload/--payload-file');
      bulk = readTextFile(o.file, '--file');
    } else {
      if (o.since === undefined) throw new ValidationError('--since is required (or --file for bulk)');
      if ((o.payload === undefined) === (o.payloadFile === undefined)) throw new ValidationError('give exactly one of --payload or --payload-file');
      payload = o.payload !== undefined ? parseJson(o.payload, '--payload') : parseJson(readTextFile(o.payloadFile!, '--payload-file'), `--payload-file ${o.payloadFile}`);
    }
    const r = await using(o, 'write', async (d) => {
      const t = await d.getTag(tagName);
      const iovs: IovInput[] = bulk !== undefined
        ? parseBulkIovLines(bulk, o.file!, t.timeType).map((x) => ({ ...x, provenance }))
        : [{ since: parseTime(o.since!, t.timeType), payload, provenance }];
      return d.appendIovs(tagName, iovs);
    });
    emit(io, o, r, () => `tag ${tagName}: ${r.inserted} IOV(s) appended, ${r.unchanged} unchanged`);
  });
  withFormatOption(dbOptions(
    iov
      .command('list <tag>')
      .description('list IOVs of a tag (effective sequence, or every row with --history)')
      .option('--from <time>', 'start of the range (the IOV covering it is included)')
      .option('--to <time>', 'end of the range (exclusive)')
      .option('--as-of <date>', 'ignore IOVs inserted after this date')
      .option('--history', 'include superseded rows')
      .option('--limit <n>', 'page size', '100')
      .option('--cursor <c>', 'next page: the cursor printed by the previous page'),
  )).action(async (tagName: string, o: ListingOptions & { from?: string; to?: string; asOf?: string; history?: boolean; limit: string; cursor?: string }) => {
    outputFormat(o);
    const limit = parseInteger(o.limit, '--limit');
    const asOf = o.asOf !== undefined ? { asOf: parseInstant(o.asOf, '--as-of') } : {};
    const page = await using(o, 'read', async (d) => {
      const t = await d.getTag(tagName);
      return d.listIovs(tagName, {
        limit,
        ...(o.from !== undefined ? { from: parseTime(o.from, t.timeType) } : {}),
        ...(o.to !== undefined ? { to: parseTime(o.to, t.timeType) } : {}),
        ...asOf,
        ...(o.history ? { history: true } : {}),
        ...(o.cursor !== undefined ? { cursor: o.cursor } : {}),
      });
    });
    emitListing(io, o, page, (csv) => ({
      headers: ['since', 'until', 'payload', 'inserted', ...(o.history ? ['current'] : [])],
      rows: page.items.map((i) => [csv ? timeText(i.since) : showTime(i.since), csv ? timeText(i.until) : showTime(i.until), csv ? i.hash : i.hash.slice(0, 12), i.insertedAt.toISOString(), ...(o.history ? [i.current ? 'yes' : 'no'] : [])]),
      ...(page.nextCursor ? { footer: `more: --cursor ${page.nextCursor}` } : {}),
    }));
  });

  const gt = db.command('gt').description('global tags: record -> tag maps');
  dbOptions(gt.command('create <name>').description('create a global tag').option('--description <text>', 'description', '').option('--snapshot <date>', 'ignore IOVs inserted after this date')).action(
    async (name: string, o: DbOptions & { description: string; snapshot?: string }) => {
      const snapshot = o.snapshot !== undefined ? { snapshot: parseInstant(o.snapshot, '--snapshot') } : {};
      const g = await using(o, 'write', (d) => d.createGlobalTag({ name, description: o.description, ...snapshot }));
      emit(io, o, g, () => `created global tag ${g.name}`);
    },
  );
  dbOptions(gt.command('set <gt> <record> <tag>').description('map a record to a tag in an open global tag')).action(async (gtName: string, rec: string, tagName: string, o: DbOptions) => {
    const g = await using(o, 'write', (d) => d.setGlobalTagEntry(gtName, rec, tagName));
    emit(io, o, g, () => `global tag ${g.name}: ${rec} -> ${tagName}`);
  });
  dbOptions(gt.command('lock <gt>').description('lock a global tag (its map freezes); --snapshot now|DATE also freezes its IOVs').option('--snapshot <when>', '"now" or an ISO-8601 date')).action(
    async (gtName: string, o: DbOptions & { snapshot?: string }) => {
      const snapshot = o.snapshot === undefined ? undefined : o.snapshot.trim() === 'now' ? ('now' as const) : parseInstant(o.snapshot, '--snapshot');
      const g = await using(o, 'write', (d) => d.lockGlobalTag(gtName, snapshot ? { snapshot } : {}));
      emit(io, o, g, () => `locked global tag ${g.name}${g.snapshot ? ` with snapshot ${g.snapshot.toISOString()}` : ''}`);
    },
  );
  withFormatOption(dbOptions(gt.command('list').description('list global tags'))).action(async (o: ListingOptions) => {
    outputFormat(o);
    const gs = await using(o, 'read', (d) => d.listGlobalTags());
    emitListing(io, o, gs, (csv) => ({ headers: ['global tag', 'state', 'snapshot', 'records', 'description'], rows: gs.map((g) => [g.name, g.state, g.snapshot?.toISOString() ?? (csv ? '' : '-'), g.entries.length, g.description]) }));
  });
  dbOptions(gt.command('show <gt>').description('show a global tag and its map')).action(async (gtName: string, o: DbOptions) => {
    const g = await using(o, 'read', (d) => d.getGlobalTag(gtName));
    emit(io, o, g, () => `${g.name} (${g.state}${g.snapshot ? `, snapshot ${g.snapshot.toISOString()}` : ''})\n` + table(['record', 'tag'], g.entries.map((e) => [e.record, e.tag])));
  });

  dbOptions(
    db
      .command('resolve')
      .description('the payload valid at a time, through a tag or a global tag')
      .option('--tag <tag>', 'resolve through this tag')
      .option('--gt <globalTag>', 'resolve through this global tag')
      .requiredOption('--record <name>', 'record name')
      .requiredOption('--at <time>', 'RUN[:SUBRUN], or ns since epoch / ISO-8601 date')
      .option('--as-of <date>', 'ignore IOVs inserted after this date'),
  ).action(async (o: DbOptions & { tag?: string; gt?: string; record: string; at: string; asOf?: string }) => {
    if ((o.tag === undefined) === (o.gt === undefined)) throw new ValidationError('give exactly one of --tag or --gt');
    const asOf = o.asOf !== undefined ? { asOf: parseInstant(o.asOf, '--as-of') } : {};
    const { r, at } = await using(o, 'read', async (d) => {
      const at = parseTime(o.at, await timeTypeOf(d, o));
      return { at, r: await d.resolve({ record: o.record, at, ...(o.tag !== undefined ? { tag: o.tag } : { globalTag: o.gt! }), ...asOf }) };
    });
    emit(io, o, r, () =>
      [`${r.record.name}@${r.record.version} at ${showTime(at)}`, `  tag      ${r.tag}${r.globalTag ? ` (global tag ${r.globalTag})` : ''}`, `  valid    [${showTime(r.since)}, ${showTime(r.until)})`, `  payload  ${r.hash}`, `  inserted ${r.insertedAt.toISOString()}`, JSON.stringify(r.payload, null, 2)].join('\n'),
    );
  });

  dbOptions(db.command('diff <left> <right>').description('compare two tags (interval by interval) or, with --gt, two global tags').option('--gt', 'compare global tags')).action(
    async (left: string, right: string, o: DbOptions & { gt?: boolean }) => {
      if (o.gt) {
        const diff = await using(o, 'read', (d) => d.diffGlobalTags(left, right));
        emit(io, o, diff, () => (diff.length ? table(['record', left, right], diff.map((x) => [x.record, x.left ?? '-', x.right ?? '-'])) : `global tags ${left} and ${right} map every record to the same tag`));
      } else {
        const diff = await using(o, 'read', (d) => d.diffTags(left, right));
        emit(io, o, diff, () => (diff.length ? table(['since', 'until', left, right], diff.map((x) => [showTime(x.since), showTime(x.until), x.left?.slice(0, 12) ?? '-', x.right?.slice(0, 12) ?? '-'])) : `tags ${left} and ${right} give the same payloads at all times`));
      }
    },
  );

  dbOptions(db.command('uses').description('which global tags use a tag or a payload').option('--tag <tag>', 'tag name').option('--payload <hash>', 'payload hash')).action(
    async (o: DbOptions & { tag?: string; payload?: string }) => {
      if ((o.tag === undefined) === (o.payload === undefined)) throw new ValidationError('give exactly one of --tag or --payload');
      const u = await using(o, 'read', (d) => d.whoUses(o.tag !== undefined ? { tag: o.tag } : { payload: o.payload! }));
      emit(io, o, u, () => (u.length ? table(['global tag', 'record', 'tag'], u.map((x) => [x.globalTag, x.record, x.tag])) : 'used by no global tag'));
    },
  );

  dbOptions(db.command('export <gt> <file>').description('write a global tag and only what it needs to a new standalone SQLite file')).action(async (gtName: string, file: string, o: DbOptions) => {
    const s = await using(o, 'read', (d) => d.exportGlobalTag(gtName, file));
    emit(io, o, s, () => `exported ${gtName} to ${file}: ${s.tags} tag(s), ${s.iovs} IOV row(s), ${s.payloads} payload(s), ${s.records} record type(s)`);
  });
  dbOptions(
    db
      .command('import <file>')
      .description('import the global tags of an exported file: every payload hash is recomputed and existing tags gain IOVs only as an append would allow')
      .option('--dry-run', 'check everything and list what would change, writing nothing'),
  ).action(async (file: string, o: DbOptions & { dryRun?: boolean }) => {
    const s = await using(o, 'write', (d) => d.importFile(file, { dryRun: o.dryRun === true }));
    emit(io, o, s, () => {
      const verb = s.dryRun ? 'would add' : 'added';
      const head = `${s.dryRun ? 'dry run of import' : 'imported'} ${file}: ${verb} ${s.globalTags} global tag(s), ${s.tags} tag(s), ${s.iovs} IOV row(s), ${s.payloads} payload(s), ${s.records} record type(s)`;
      const lines = s.changes.map((c) => `  ${c.action} ${c.target}${c.count !== undefined ? ` (${c.count})` : ''}${c.detail ? `: ${c.detail}` : ''}`);
      return [head, ...lines].join('\n');
    });
  });
  dbOptions(
    db
      .command('grant <role>')
      .description('PostgreSQL: give an existing login role reader, writer or admin rights (sets up the group roles, row-level security and triggers the first time)')
      .addOption(new Option('--level <level>', 'access level').choices(['reader', 'writer', 'admin']).makeOptionMandatory())
      .option('--tag-prefix <prefix...>', 'writers only: tag-name prefixes it may create and append to (default: every tag)'),
  ).action(async (role: string, o: DbOptions & { level: AccessLevel; tagPrefix?: string[] }) => {
    const g = await using(o, 'write', (d) => d.grant(role, o.level, o.tagPrefix ? { tagPrefixes: o.tagPrefix } : {}));
    emit(io, o, g, () => `granted ${g.level} to ${g.role}${g.level === 'writer' ? ` on tags ${g.tagPrefixes.map((p) => (p === '' ? '(all)' : `${p}*`)).join(', ')}` : ''}`);
  });
  withFormatOption(dbOptions(db.command('grants').description('PostgreSQL: login roles with rights on this database'))).action(async (o: ListingOptions) => {
    outputFormat(o);
    const gs = await using(o, 'read', (d) => d.listGrants());
    emitListing(io, o, gs, () => ({
      headers: ['role', 'level', 'tag prefixes'], rows: gs.map((g) => [g.role, g.level, g.tagPrefixes.map((p) => (p === '' ? '(all)' : p)).join(' ')]),
      empty: 'no roles have been granted rights (the owner of the tables has all of them)',
    }));
  });
  withFormatOption(dbOptions(db.command('log').description('audit log of every write, newest first').option('--limit <n>', 'entries', '20').option('--target <name>', 'only entries about this tag / global tag / record'))).action(
    async (o: ListingOptions & { limit: string; target?: string }) => {
      outputFormat(o);
      const limit = parseInteger(o.limit, '--limit');
      const log = await using(o, 'read', (d) => d.auditLog({ limit, ...(o.target !== undefined ? { target: o.target } : {}) }));
      emitListing(io, o, log, () => ({ headers: ['when', 'who', 'label', 'action', 'target', 'details'], rows: log.map((e) => [e.at.toISOString(), e.actor, e.label ?? '', e.action, e.target, JSON.stringify(e.details)]) }));
    },
  );
  addShowCommands(cli, db);
  addCloneCommand(cli, db);
  addSearchCommand(cli, db);
  addPlotCommand(cli, db);
  db.addCommand(tokenCommand(cli));
  return db;
}
