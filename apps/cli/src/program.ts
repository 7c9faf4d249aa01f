import { Command, CommanderError } from 'commander';
import { readCliEnv } from './cli-env.js';
import { dbCommand } from './commands/db.js';
import { demoCommand } from './commands/demo.js';
import { calibrateCommand } from './commands/calibrate.js';
import { detectorCommands } from './commands/detectors.js';
import { pluginsCommand } from './commands/plugins.js';
import { schemaCommand } from './commands/schema.js';
import { serveCommand } from './commands/serve.js';
import type { CliContext } from './context.js';
import { formatErrorReport } from './error-line.js';
import { reportError, type UsageTrace } from './error-report.js';
import type { Io } from './io.js';
import { argvWantsJson } from './json-flag.js';
import { secretScrubber } from './redact-url.js';

/** Hooks of {@link buildProgram} that {@link run} uses to report errors. */
export interface BuildOptions {
  /** Environment to read NUCAL_DB, NUCAL_BUSY_TIMEOUT_MS and NUCAL_DEBUG from (default: process.env, read now). */
  readonly env?: NodeJS.ProcessEnv;
  /** Filled with where commander reported a usage error. */
  readonly usage?: UsageTrace;
  /** Called with the command about to run, once its options are parsed. */
  readonly onAction?: (command: Command) => void;
}

/**
 * The `nucal` command tree. The environment is read here, when the program is built, so the
 * --help text and the defaults follow NUCAL_DB as it is when the command runs.
 */
export function buildProgram(io: Io, options: BuildOptions = {}): Command {
  const cli: CliContext = { io, env: readCliEnv(options.env ?? process.env) };
  const usage = options.usage ?? {};
  const program = new Command('nucal')
    .description('nucal: calibration of neutrino detectors, with an interval-of-validity conditions database')
    .version('0.1.0');
  program.addCommand(dbCommand(cli));
  program.addCommand(calibrateCommand(cli));
  program.addCommand(pluginsCommand(cli));
  program.addCommand(schemaCommand(cli));
  program.addCommand(serveCommand(cli));
  for (const d of detectorCommands(cli)) program.addCommand(d);
  program.addCommand(demoCommand(cli, runCaptured));
  program.hook('preAction', (_root, action) => options.onAction?.(action));
  // Commands built apart and added later do not inherit settings: apply them to the whole tree.
  // Every command reports through exceptions (no process.exit), so tests can run the CLI
  // in-process. Commander's own error text is not printed: run() prints every failure as one
  // line (or one JSON object), so commander's stderr output only records which command spoke.
  const configure = (c: Command) => {
    c.exitOverride().configureOutput({
      writeOut: (s) => io.out(s.trimEnd()),
      writeErr: () => {
        usage.helpErrorCommand = c; // help on stderr: the command needs a subcommand
      },
      outputError: () => {
        usage.errorCommand = c;
      },
    });
    c.commands.forEach(configure);
  };
  configure(program);
  return program;
}

/**
 * Runs the CLI and returns the exit code: 0 on success, 1 for a refused or failed operation,
 * 2 for a usage error. A failure prints exactly one line on stderr, `error: <message>[;
 * <advice>]`, or with --json one JSON object `{"error":{"code","reason"?,"message","advice"?}}`
 * and nothing on stdout; passwords are redacted and no stack is printed unless NUCAL_DEBUG is set.
 */
export async function run(argv: string[], io: Io, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const usage: UsageTrace = {};
  let json = argvWantsJson(argv);
  try {
    const program = buildProgram(io, {
      env,
      usage,
      // the parsed option is the truth once parsing succeeded (`--note --json` is a note)
      onAction: (c) => {
        json = c.opts().json === true;
      },
    });
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (err) {
    if (err instanceof CommanderError && err.exitCode === 0 && !usage.helpErrorCommand) return 0; // --help, --version
    const scrub = secretScrubber([...dbValues(argv), ...(env.NUCAL_DB ? [env.NUCAL_DB] : [])]);
    const report = reportError(err, { scrub, debug: readCliEnv(env).debug, usage });
    io.err(formatErrorReport(report, json));
    return report.exitCode;
  }
}

/** Every URL on the command line (`--db URL`, `--db=URL`, an operand): their passwords are scrubbed from errors. */
function dbValues(argv: readonly string[]): string[] {
  // (a lookbehind and a bounded scheme keep this linear on a 100 kB argument)
  return argv.flatMap((a) => /(?<![a-z0-9+.-])[a-z][a-z0-9+.-]{0,31}:\/\/\S*/i.exec(a)?.[0] ?? []);
}

/** Runs the CLI in-process and returns its exit code and what it printed (the demo and tests). */
export async function runCaptured(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<{ code: number; out: string; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await run(argv, { out: (t) => out.push(t), err: (t) => err.push(t) }, env);
  return { code, out: out.join('\n'), err: err.join('\n') };
}
