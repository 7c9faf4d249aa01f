import { ValidationError } from '@nucal/core';

/**
 * A dotted path into a payload (`fit.values.p0`, `electronLifetimeMs.0`): object keys, and
 * array indices as decimal integers. `what` names the option in errors.
 *
 * @example parseFieldPath('fit.values.p0', '--field') // ['fit', 'values', 'p0']
 */
export function parseFieldPath(text: string, what: string): string[] {
  const parts = text.split('.');
  if (text.length === 0 || text.length > 512 || parts.some((p) => p === '' || /\s/.test(p))) {
    throw new ValidationError(`${what} "${text}" is invalid: expected a dotted path of keys and array indices, e.g. fit.values.p0 or electronLifetimeMs.0`);
  }
  return parts;
}

/**
 * The finite number at `path` in `value`, or a {@link ValidationError} saying where the path
 * leaves the payload and what is there instead (`where` names the payload).
 */
export function numberAt(value: unknown, path: readonly string[], what: string, where: string): number {
  let cur = value;
  for (let i = 0; i < path.length; i++) {
    const key = path[i]!;
    const at = path.slice(0, i).join('.') || '(top)';
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(key) || Number(key) >= cur.length) throw new ValidationError(`${what} "${path.join('.')}": ${where} holds an array of ${cur.length} at ${at}: expected an index 0..${cur.length - 1}, not "${key}"`);
      cur = cur[Number(key)];
    } else if (cur !== null && typeof cur === 'object') {
      if (!Object.hasOwn(cur, key)) {
        const keys = Object.keys(cur);
        throw new ValidationError(`${what} "${path.join('.')}": ${where} has no "${key}" at ${at}: expected one of ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', ...' : ''}`);
      }
      cur = (cur as Record<string, unknown>)[key];
    } else {
      throw new ValidationError(`${what} "${path.join('.')}": ${where} holds ${describe(cur)} at ${at}, which has no "${key}"`);
    }
  }
  if (typeof cur !== 'number' || !Number.isFinite(cur)) throw new ValidationError(`${what} "${path.join('.')}": ${where} holds ${describe(cur)} there: expected a number`);
  return cur;
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return `an array of ${v.length}`;
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}...` : v)}`;
  return `${typeof v} ${String(v)}`;
}
