import type { Command } from 'commander';
import type { ConditionsDb } from '@nucal/conditions-db';
import type { CliContext, DbOptions } from '../context.js';
import { dbOption } from '../db-option.js';
import { withDb, type DbMode } from '../open-db.js';

/**
 * What the `nucal db` subcommands built outside db.ts share with it: the common options
 * (`--db`, `--json`), opening the database for one command, and finding a subcommand group.
 */
export interface DbCommandKit {
  /** Adds `--db <url>` and `--json`. */
  readonly dbOptions: (cmd: Command) => Command;
  /** Opens `--db` in a mode, runs `fn`, closes it and returns what `fn` returned. */
  readonly using: <T>(o: DbOptions, mode: DbMode, fn: (d: ConditionsDb) => Promise<T>) => Promise<T>;
}

export function dbCommandKit(cli: CliContext): DbCommandKit {
  return {
    dbOptions: (cmd) => cmd.addOption(dbOption(cli.env)).option('--json', 'machine-readable JSON output'),
    using: (o, mode, fn) => withDb(cli, { url: o.db, mode, json: o.json }, fn),
  };
}

/** The subcommand group `name` of `nucal db` (`tag`, `record`), created when absent. */
export function subcommandGroup(db: Command, name: string, description: string): Command {
  return db.commands.find((c) => c.name() === name) ?? db.command(name).description(description);
}
