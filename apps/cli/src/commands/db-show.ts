import type { Command } from 'commander';
import { NAMESPACED_ID, NotFoundError, ValidationError } from '@nucal/core';
import type { RecordInfo, TagInfo } from '@nucal/conditions-db';
import { emit, type CliContext, type DbOptions } from '../context.js';
import { showTime, table } from '../format.js';
import { dbCommandKit, subcommandGroup } from './db-command-kit.js';
import { parseInteger } from '../parse-args.js';

/**
 * `nucal db payload show <hash or prefix>`, `nucal db tag show <tag>` and
 * `nucal db record show <name>`: one object with everything known about it (CMS
 * `conddb show` / `conddb list`, Belle II `b2conditionsdb` payload and tag views).
 */
export function addShowCommands(cli: CliContext, db: Command): void {
  const { io } = cli;
  const { dbOptions, using } = dbCommandKit(cli);

  const payload = subcommandGroup(db, 'payload', 'stored payloads (content-addressed, immutable)');
  dbOptions(payload.command('show <hash>').description('a payload by its hash or a unique prefix of at least 6 hex digits: record, size, creation, provenance and content')).action(
    async (prefix: string, o: DbOptions) => {
      const p = await using(o, 'read', async (d) => {
        const info = await d.getPayload(await d.resolvePayloadPrefix(prefix));
        return { hash: info.hash, record: info.record, sizeBytes: info.sizeBytes, createdAt: info.createdAt, provenance: info.provenance, payload: JSON.parse(info.canonicalData) as unknown };
      });
      emit(io, o, p, () =>
        [
          `payload ${p.hash}`,
          `  record      ${p.record.name}@${p.record.version}`,
          `  size        ${p.sizeBytes} bytes (canonical JSON)`,
          `  created     ${p.createdAt.toISOString()}`,
          `  provenance  ${indent(JSON.stringify(p.provenance, null, 2), 14)}`,
          JSON.stringify(p.payload, null, 2),
        ].join('\n'),
      );
    },
  );

  const tag = subcommandGroup(db, 'tag', 'tags: ordered IOV sequences of one record');
  dbOptions(tag.command('show <tag>').description('a tag: record, time type, lock, description, IOV count, first and last since, global tags using it')).action(async (name: string, o: DbOptions) => {
    const t = await using(o, 'read', (d) => d.tagSummary(name));
    emit(io, o, t, () =>
      [
        `tag ${t.name}`,
        `  record       ${t.record.name}@${t.record.version}`,
        `  time type    ${t.timeType}`,
        `  state        ${t.state}${t.lockedAt ? ` (locked ${t.lockedAt.toISOString()})` : ''}${t.allowBackfill ? ', back-fill allowed' : ''}`,
        `  description  ${t.description || '-'}`,
        `  created      ${t.createdAt.toISOString()}`,
        `  IOVs         ${t.iovCount} (${t.rowCount} row(s) with superseded ones)`,
        `  first since  ${t.firstSince ? showTime(t.firstSince) : '-'}`,
        `  last since   ${t.lastSince ? showTime(t.lastSince) : '-'}`,
        `  last insert  ${t.lastInsertedAt?.toISOString() ?? '-'}`,
        `  global tags  ${t.globalTags.length ? t.globalTags.map((g) => `${g.globalTag} (${g.record})`).join(', ') : 'none'}`,
      ].join('\n'),
    );
  });

  const record = subcommandGroup(db, 'record', 'record types (payload schemas)');
  dbOptions(record.command('show <name>').description('a record type: its versions with their JSON Schemas and descriptions, and the tags holding it').option('--record-version <n>', 'only this version')).action(
    async (name: string, o: DbOptions & { recordVersion?: string }) => {
      const only = o.recordVersion === undefined ? undefined : parseInteger(o.recordVersion, '--record-version', 1, 2 ** 31 - 1);
      const r = await using(o, 'read', async (d) => {
        const versions = (await d.listRecords()).filter((x) => x.name === name && (only === undefined || x.version === only));
        if (versions.length === 0) {
          throw !NAMESPACED_ID.test(name)
            ? new ValidationError(`record name "${name}" is invalid: expected lower-case words joined by dots, e.g. "juno.nonlinearity"`)
            : new NotFoundError(`record ${name}${only === undefined ? '' : `@${only}`} is not registered (nucal db record list shows the registered ones)`);
        }
        const tags = (await d.listTags({ record: name })).filter((t) => only === undefined || t.record.version === only);
        return { name, versions, tags };
      });
      emit(io, o, r, () => showRecord(r));
    },
  );
}

function showRecord(r: { name: string; versions: RecordInfo[]; tags: TagInfo[] }): string {
  const lines = [`record ${r.name}`];
  for (const v of r.versions) {
    lines.push(`  version ${v.version} (registered ${v.createdAt.toISOString()}): ${v.description || '-'}`);
    lines.push(`  schema  ${indent(JSON.stringify(v.jsonSchema, null, 2), 10)}`);
  }
  lines.push(r.tags.length ? table(['tag', 'version', 'time', 'state', 'description'], r.tags.map((t) => [t.name, t.record.version, t.timeType, t.state, t.description])) : 'no tag holds it');
  return lines.join('\n');
}

/** Indents every line after the first by `n` spaces (a block under a label). */
function indent(text: string, n: number): string {
  return text.split('\n').join(`\n${' '.repeat(n)}`);
}
