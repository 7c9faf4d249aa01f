/**
 * What the model predicts for one operation, before the database is asked.
 */

/** The error classes of @nucal/core a refusal is compared by (message text is not compared). */
export type ErrorClass = 'ValidationError' | 'NotFoundError' | 'ConflictError' | 'PermissionError';

/**
 * What the spec allows: `refuse` lists the acceptable error classes (several when a request
 * breaks several rules and the spec does not order them), `ok` the expected success. Both
 * set: the spec is silent and either is accepted (the model then follows the database).
 */
export interface Outcome<T> {
  readonly ok?: T;
  readonly refuse?: readonly ErrorClass[];
  /** Which rule refuses (for failure messages). */
  readonly why?: string;
}

/** A predicted write: what the database must answer, and how the model changes once it did. */
export interface Plan<V, C = void> {
  readonly expected: V;
  readonly commit: (observed: C) => void;
}

/** A refusal: which rule (for messages) and the error classes that may report it. */
export const refuse = <T>(why: string, ...classes: ErrorClass[]): Outcome<T> => ({ refuse: [...new Set(classes)], why });

