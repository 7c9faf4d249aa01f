/**
 * Base class of every error nucal throws on purpose. `code` is stable and machine-readable;
 * the message names the offending value and what was expected.
 */
export class NucalError extends Error {
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** Input that does not match what was expected (bad name, bad time, malformed payload). */
export class ValidationError extends NucalError {
  /** Paths and messages of the individual problems, e.g. `["fit.chi2: expected number"]`. */
  readonly issues: readonly string[];
  constructor(message: string, issues: readonly string[] = []) {
    super('VALIDATION', issues.length ? `${message}: ${issues.join('; ')}` : message);
    this.issues = issues;
  }
}

/** A named thing (tag, global tag, record, payload) does not exist. */
export class NotFoundError extends NucalError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** The request is well-formed but conflicts with stored state (locked tag, back-fill, duplicate). */
export class ConflictError extends NucalError {
  constructor(message: string) {
    super('CONFLICT', message);
  }
}

/** The caller's identity may not do this (a reader writing, a writer outside its tag prefix, a read-only file). */
export class PermissionError extends NucalError {
  constructor(message: string) {
    super('PERMISSION', message);
  }
}

/**
 * The database itself failed: unreachable, authentication refused, busy past the timeout,
 * held by a migration, missing, corrupt or not a nucal database. `reason` says which, so a
 * command line can give the right advice in one line; the message never contains a password.
 */
export class DatabaseError extends NucalError {
  readonly reason: DatabaseErrorReason;
  constructor(reason: DatabaseErrorReason, message: string, options?: { cause?: unknown }) {
    super('DATABASE', message, options);
    this.reason = reason;
  }
}

/** Why a {@link DatabaseError} happened. */
export type DatabaseErrorReason =
  | 'unreachable'
  | 'authentication'
  | 'busy'
  | 'migration-lock'
  | 'missing'
  | 'not-nucal'
  | 'corrupt'
  | 'schema-version'
  | 'other';

/** A physics input outside the validity range of the model that would use it. */
export class OutOfRangeError extends NucalError {
  constructor(message: string) {
    super('OUT_OF_RANGE', message);
  }
}

/** A fit or numerical procedure that did not converge or is otherwise unusable. */
export class FitError extends NucalError {
  constructor(message: string) {
    super('FIT', message);
  }
}

/** Turns zod issues into `path: message` strings for {@link ValidationError}. */
export function formatZodIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string[] {
  return issues.map((i) => `${i.path.length ? i.path.map(String).join('.') : '(root)'}: ${i.message}`);
}
