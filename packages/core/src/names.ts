import { ValidationError } from './errors.js';

/** Namespaced identifier: lower-case words joined by dots, e.g. `juno.nonlinearity`, `dune.t0`. */
export const NAMESPACED_ID = /^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/;
/** Tag and global-tag names: letters, digits, `_`, `-`, `.`; 1 to 128 characters, starting with a letter or digit. */
export const TAG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/;

/** Throws a {@link ValidationError} unless `id` is namespaced (`family.name`). */
export function assertNamespacedId(id: string, what = 'id'): void {
  if (typeof id !== 'string' || !NAMESPACED_ID.test(id)) {
    throw new ValidationError(`${what} "${String(id)}" is not namespaced: expected lower-case words joined by dots, e.g. "juno.nonlinearity"`);
  }
}

/** Throws a {@link ValidationError} unless `name` is a valid tag or global-tag name. */
export function assertTagName(name: string, what = 'tag name'): void {
  if (typeof name !== 'string' || !TAG_NAME.test(name)) {
    throw new ValidationError(`${what} "${String(name)}" is invalid: expected 1-128 characters of A-Z a-z 0-9 _ - . starting with a letter or digit`);
  }
}
