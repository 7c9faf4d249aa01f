import type { Command } from 'commander';
import type { CliContext, DbOptions } from '../context.js';
import { emitListing, outputFormat, withFormatOption, type OutputFormat } from '../listing-format.js';
import { oneLine } from '../one-line.js';
import { parseInteger } from '../parse-args.js';
import { dbCommandKit } from './db-command-kit.js';

/** Widest matched text in a table cell (CSV and JSON carry it whole). */
const TEXT_WIDTH = 60;

/**
 * `nucal db search <text>`: tags, global tags and records whose name or description holds the
 * text (case-insensitive), and payloads whose hash starts with it (6+ hex digits).
 */
export function addSearchCommand(cli: CliContext, db: Command): void {
  const { dbOptions, using } = dbCommandKit(cli);
  withFormatOption(
    dbOptions(
      db
        .command('search <text>')
        .description('find tags, global tags and records by name or description (case-insensitive), payloads by hash prefix (6+ hex digits)')
        .option('--limit <n>', 'most hits shown', '100'),
    ),
  ).action(async (text: string, o: DbOptions & { format?: OutputFormat; limit: string }) => {
    outputFormat(o);
    const limit = parseInteger(o.limit, '--limit', 1, 10_000);
    const r = await using(o, 'read', async (d) => ({ query: text, ...(await d.search(text, { limit })) }));
    emitListing(cli.io, o, r, (csv) => ({
      headers: ['kind', 'name', 'field', 'text', 'detail'],
      rows: r.hits.map((h) => [h.kind, h.version === undefined ? h.name : `${h.name}@${h.version}`, h.field, csv ? h.text : short(h.text), h.detail]),
      empty: `nothing matches "${oneLine(text)}"`,
      ...(r.more ? { footer: `more hits than ${limit}: raise --limit` } : {}),
    }));
  });
}

/** One line of at most {@link TEXT_WIDTH} characters for a table cell. */
function short(text: string): string {
  const line = oneLine(text);
  return line.length > TEXT_WIDTH ? `${line.slice(0, TEXT_WIDTH - 1)}…` : line;
}
