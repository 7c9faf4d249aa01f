import type { CliEnv } from './cli-env.js';
import type { Io } from './io.js';
import { toJson } from './format.js';

/** What every command builder gets: where to print and the environment read at build time. */
export interface CliContext {
  readonly io: Io;
  readonly env: CliEnv;
}

/** Options every database command takes. */
export interface DbOptions {
  db: string;
  json?: boolean;
}

/**
 * Prints `value` as JSON with --json, else the human text. Commands call it once, after their
 * work and after the database is closed, so a failure never leaves half an output on stdout.
 */
export function emit(io: Io, opts: { json?: boolean }, value: unknown, human: () => string): void {
  io.out(opts.json ? toJson(value) : human());
}
