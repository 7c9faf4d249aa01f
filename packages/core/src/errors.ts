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
