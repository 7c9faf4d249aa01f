import { CommanderError, type Command } from 'commander';
import { DatabaseError, NucalError, type DatabaseErrorReason } from '@nucal/core';
import { dbAdvice } from './db-advice.js';
import { DbOpenFailure } from './db-open-failure.js';
import { oneLine } from './one-line.js';

/** Everything the CLI says about a failure: one line for people, one JSON object for programs. */
export interface ErrorReport {
  /** 1: refused or failed; 2: usage (unknown option, missing argument, invalid choice). */
  readonly exitCode: 1 | 2;
  /** A NucalError code (VALIDATION, NOT_FOUND, CONFLICT, PERMISSION, DATABASE, ...), USAGE, IO or INTERNAL. */
  readonly code: string;
  /** Why the database failed, for code DATABASE. */
  readonly reason?: DatabaseErrorReason;
  /** One line, passwords redacted, control characters escaped. */
  readonly message: string;
  /** What to do next, when there is something to say. */
  readonly advice?: string;
  /** Stack (and causes), only when NUCAL_DEBUG is set; never printed otherwise. */
  readonly stack?: string;
}

/** Where commander said something went wrong (recorded by the program's output hooks). */
export interface UsageTrace {
  /** The command whose parser reported the error. */
  errorCommand?: Command;
  /** The command that printed its help because it was called without a subcommand. */
  helpErrorCommand?: Command;
}

/** How to turn an error into a report. */
export interface ReportOptions {
  /** Redacts passwords (URL forms and the literal passwords of the URLs given to this run). */
  readonly scrub: (text: string) => string;
  /** NUCAL_DEBUG: keep the stack. */
  readonly debug: boolean;
  readonly usage: UsageTrace;
}

/** `nucal db tag` for a command object. */
export function commandPath(c: Command): string {
  const names: string[] = [];
  for (let x: Command | null = c; x; x = x.parent) names.unshift(x.name());
  return names.join(' ');
}

/**
 * Classifies what a command threw: nucal's own errors are refusals (exit 1) with their
 * message, database errors get advice by reason, commander's errors are usage errors (exit 2)
 * and anything else is an internal error reported by the first line of its message only.
 */
export function reportError(err: unknown, opts: ReportOptions): ErrorReport {
  const clean = (t: string) => oneLine(opts.scrub(t));
  const stack = opts.debug ? { stack: opts.scrub(stackOf(err)) } : {};
  if (err instanceof CommanderError) return usageReport(err, opts.usage, clean);

  const failure = err instanceof DbOpenFailure ? err : undefined;
  const inner = failure ? failure.error : err;
  if (inner instanceof DatabaseError) {
    const advice = dbAdvice(inner.reason, failure ? { db: failure.db, creating: failure.creating, pathExists: failure.pathExists } : {});
    return { exitCode: 1, code: inner.code, reason: inner.reason, message: clean(inner.message), ...(advice ? { advice: clean(advice) } : {}), ...stack };
  }
  if (inner instanceof NucalError) return { exitCode: 1, code: inner.code, message: clean(inner.message), ...stack };
  if (isSystemError(inner)) return { exitCode: 1, code: 'IO', message: clean(inner.message), ...stack };
  const first = (inner instanceof Error ? inner.message : String(inner)).split('\n')[0]!.trim() || (inner as Error)?.name || 'unknown error';
  return {
    exitCode: 1,
    code: 'INTERNAL',
    message: clean(`internal error: ${first}`),
    ...(opts.debug ? {} : { advice: 'set NUCAL_DEBUG=1 for the stack' }),
    ...stack,
  };
}

function usageReport(err: CommanderError, usage: UsageTrace, clean: (t: string) => string): ErrorReport {
  if (err.code === 'commander.help' && usage.helpErrorCommand) {
    const c = usage.helpErrorCommand;
    const subs = c.commands.map((s) => s.name()).filter((n) => n !== 'help');
    return {
      exitCode: 2, code: 'USAGE',
      message: clean(`missing command: "${commandPath(c)}" needs one of ${subs.join(', ')}`),
      advice: `run "${commandPath(c)} --help" for usage`,
    };
  }
  // commander's messages start with "error: " and may carry a "(Did you mean ...?)" line
  const message = err.message.replace(/^error:\s*/, '').split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  return {
    exitCode: 2, code: 'USAGE', message: clean(message || 'invalid usage'),
    ...(usage.errorCommand ? { advice: clean(`run "${commandPath(usage.errorCommand)} --help" for usage`) } : {}),
  };
}

function isSystemError(e: unknown): e is NodeJS.ErrnoException {
  const x = e as NodeJS.ErrnoException | undefined;
  return x instanceof Error && typeof x.code === 'string' && /^E[A-Z]+$/.test(x.code) && typeof x.syscall === 'string';
}

function stackOf(err: unknown): string {
  const parts: string[] = [];
  for (let e: unknown = err, depth = 0; e !== undefined && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    parts.push(e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e));
    if (!(e instanceof Error)) break;
  }
  return parts.join('\ncaused by: ');
}
