import { Command, CommanderError } from 'commander';
import { NucalError } from '@nucal/core';
import { dbCommand } from './commands/db.js';
import { demoCommand } from './commands/demo.js';
import { duneCommand } from './commands/dune.js';
import { junoCommand } from './commands/juno.js';
import type { Io } from './io.js';

/** The `nucal` command tree. */
export function buildProgram(io: Io): Command {
  const program = new Command('nucal')
    .description('nucal: calibration of neutrino detectors, with an interval-of-validity conditions database')
    .version('0.1.0');
  program.addCommand(dbCommand(io));
  program.addCommand(junoCommand(io));
  program.addCommand(duneCommand(io));
  program.addCommand(demoCommand(io, runCaptured));
  // Commands built apart and added later do not inherit settings: apply them to the whole tree.
  // Every command reports through exceptions (no process.exit), so tests can run the CLI in-process.
  const configure = (c: Command) => {
    c.exitOverride()
      .showHelpAfterError('(run with --help for usage)')
      .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) });
    c.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 for a refused operation (one clear
 * line on stderr), 2 for a usage error.
 */
export async function run(argv: string[], io: Io): Promise<number> {
  const program = buildProgram(io);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    if (err instanceof NucalError) {
      io.err(`error: ${err.message}`);
      return 1;
    }
    const e = err as NodeJS.ErrnoException;
    if (e.code === 'ENOENT' || e.code === 'EACCES') {
      io.err(`error: ${e.message}`);
      return 1;
    }
    io.err(`error: ${e?.stack ?? String(err)}`);
    return 1;
  }
}

/** Runs the CLI in-process and returns its exit code and what it printed (the demo and tests). */
export async function runCaptured(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}
