import { createHash } from 'node:crypto';
import { ValidationError } from './errors.js';

/**
 * Canonical JSON: object keys sorted, no whitespace, no undefined members, finite numbers
 * only. Two payloads with the same content give the same text, hence the same hash.
 *
 * @example canonicalJson({ b: 1, a: [2, 3] }) // '{"a":[2,3],"b":1}'
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(v: unknown, path: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new ValidationError(`value at ${path} is ${v}: expected a finite number`);
      return JSON.stringify(v);
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'bigint':
      throw new ValidationError(`value at ${path} is a bigint: expected a JSON value (encode bigints as decimal strings)`);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x, i) => write(x ?? null, `${path}[${i}]`)).join(',')}]`;
      if (v instanceof Date) return JSON.stringify(v.toISOString());
      const keys = Object.keys(v as object)
        .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
        .sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write((v as Record<string, unknown>)[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new ValidationError(`value at ${path} is a ${typeof v}: expected a JSON value`);
  }
}

/** Hex sha256 of a string or bytes. */
export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Content address of a JSON value: sha256 of its canonical JSON. */
export function contentHash(value: unknown): string {
  return sha256(canonicalJson(value));
}

/**
 * Content address of a payload: sha256 of `{"data":<canonical JSON>,"record":<name>,"version":<n>}`
 * (the canonical JSON of `{ data, record, version }`), the one definition the conditions
 * database and the in-memory conditions share.
 *
 * @example payloadHash({ name: 'dune.t0', version: 1 }, canonicalJson(payload))
 */
export function payloadHash(record: { name: string; version: number }, canonicalData: string): string {
  return sha256(`{"data":${canonicalData},"record":${JSON.stringify(record.name)},"version":${record.version}}`);
}
