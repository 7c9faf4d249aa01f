import { Option, type Command } from 'commander';
import { ValidationError } from '@nucal/core';
import { toCsv } from './csv.js';
import { toJson, table } from './format.js';
import type { Io } from './io.js';

/** Output formats of the listing commands. */
export const OUTPUT_FORMATS = ['table', 'json', 'csv'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** What a listing command prints as a table or as CSV: the same columns, CSV with complete values. */
export interface Listing {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly (string | number | null)[])[];
  /** A line under the table (on stderr with CSV, which has room for nothing but rows). */
  readonly footer?: string;
  /** What a table with no rows says instead (CSV still prints its header row). */
  readonly empty?: string;
}

/**
 * Adds `--format table|json|csv` to a listing command. `--json` stays the short form of
 * `--format json`: `--format json` sets the command's `json` option while parsing, so an
 * error of that run is reported as JSON like any other `--json` run.
 */
export function withFormatOption(cmd: Command): Command {
  cmd.addOption(new Option('--format <format>', 'output format (--json is --format json)').choices(OUTPUT_FORMATS));
  cmd.on('option:format', (value: string) => {
    if (value === 'json') cmd.setOptionValue('json', true);
  });
  return cmd;
}

/** The format asked for; `--json` with `--format table|csv` is refused. */
export function outputFormat(o: { json?: boolean; format?: OutputFormat }): OutputFormat {
  if (o.json && o.format !== undefined && o.format !== 'json') throw new ValidationError(`--json is --format json: it cannot be combined with --format ${o.format}`);
  return o.json ? 'json' : (o.format ?? 'table');
}

/**
 * Prints a listing in the format asked for: JSON of `value` (its published schema), an
 * aligned table, or CSV with a header row. `listing(csv)` builds the rows; with `csv` true
 * cells carry complete values (full hashes, time texts as in JSON) instead of short ones.
 */
export function emitListing(io: Io, o: { json?: boolean; format?: OutputFormat }, value: unknown, listing: (csv: boolean) => Listing): void {
  const format = outputFormat(o);
  if (format === 'json') return io.out(toJson(value));
  const l = listing(format === 'csv');
  if (format === 'csv') {
    io.out(toCsv(l.headers, l.rows));
    if (l.footer) io.err(l.footer);
    return;
  }
  const body = l.rows.length === 0 && l.empty !== undefined ? l.empty : table([...l.headers], l.rows.map((r) => r.map((c) => c ?? '')));
  io.out(l.footer ? `${body}\n${l.footer}` : body);
}
