import type { InjectOptions } from 'fastify';
import type { RandomSource } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { scale } from './fixture.js';
import type { Harness } from './service-harness.js';

/** The seeded stream of the fuzz test: request i draws from `fuzzStream(seed).fork(\`request-${i}\`)`. */
export const fuzzStream = (seed: string): RandomSource => createRng(seed);

const pick = <T>(rng: RandomSource, xs: readonly T[]): T => xs[Math.floor(rng.uniform() * xs.length)]!;
const chance = (rng: RandomSource, p: number) => rng.uniform() < p;

const NAMES = ['calib.scale-run', 'calib.scale-ts', 'reco-open', 'reco-locked', 'reco-ts', 'nope', 'test.energy-scale'];
const HASHES = ['0'.repeat(64), 'f'.repeat(64), 'ABC', 'g'.repeat(64)];
const JUNK = [
  '', ' ', '..', '../../etc/passwd', '%00', '%E0%A4%A', '%ZZ', '%2F', 'ä', '😀', '\u0000', 'a'.repeat(300), '-1', '1e309', 'NaN', 'null', '[]', '{}',
  "'; DROP TABLE iovs; --", '<script>', 'run:', 'ts:', 'run:1:2:3', '9223372036854775808', '18446744073709551616', '2026-02-30', '2026-11-24T24:00:00Z',
  'run:2147483648', 'ts:-5', '0x10', ' 42', '42 ', '4_2', 'true',
];
const TIMES = ['150', 'run:150', 'run:150:3', `ts:${2n ** 63n - 1n}`, '2026-11-24', '2026-11-24T12:00:00.123456789+01:00', '1764000000123456789', ...JUNK];

function fuzzValue(rng: RandomSource, pool: readonly string[]): string {
  if (chance(rng, 0.75)) return pick(rng, pool);
  if (chance(rng, 0.5)) return pick(rng, JUNK);
  let s = '';
  const n = Math.floor(rng.uniform() * 20);
  for (let i = 0; i < n; i++) s += String.fromCodePoint(chance(rng, 0.8) ? 32 + Math.floor(rng.uniform() * 95) : Math.floor(rng.uniform() * 0x2ffff));
  return s;
}

/**
 * A value as it goes into a URL: percent-encoded byte by byte (lone surrogates become U+FFFD),
 * except the junk meant to arrive raw (malformed escapes, `..`).
 */
function enc(s: string): string {
  if (/^%|\.\./.test(s)) return s;
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9._~:-]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

function path(rng: RandomSource): string {
  const name = () => enc(fuzzValue(rng, NAMES));
  const templates = [
    () => '/api/v1', () => '/api/v1/records', () => '/api/v1/global-tags', () => `/api/v1/global-tags/${name()}`, () => '/api/v1/tags',
    () => `/api/v1/tags/${name()}`, () => `/api/v1/tags/${name()}/iovs`, () => `/api/v1/tags/${name()}/lock`, () => '/api/v1/resolve',
    () => `/api/v1/payloads/${enc(fuzzValue(rng, HASHES))}`, () => '/api/v1/diff/tags', () => '/api/v1/diff/global-tags', () => '/api/v1/usage',
    () => '/api/v1/audit', () => `/api/v1/global-tags/${name()}/entries/${name()}`, () => `/api/v1/global-tags/${name()}/lock`, () => '/healthz',
    () => '/metrics', () => `/${name()}`, () => `/api/v2/${name()}`, () => '//api//v1//tags', () => `/api/v1/tags/${name()}/iovs/${name()}`,
  ];
  return pick(rng, templates)();
}

function query(rng: RandomSource): string {
  const keys = ['gt', 'tag', 'record', 'at', 'asOf', 'include', 'from', 'to', 'history', 'limit', 'cursor', 'left', 'right', 'payload', 'target', 'x', '__proto__', 'constructor'];
  const parts: string[] = [];
  const n = Math.floor(rng.uniform() * 6);
  for (let i = 0; i < n; i++) {
    const k = pick(rng, keys);
    const pool = k === 'at' || k === 'from' || k === 'to' ? TIMES : k === 'payload' ? HASHES : k === 'asOf' ? ['2026-01-01', '2999-01-01', ...JUNK] : k === 'limit' ? ['1', '0', '10001', '5', ...JUNK] : NAMES;
    parts.push(`${encodeURIComponent(k)}=${enc(fuzzValue(rng, pool))}`);
  }
  if (chance(rng, 0.1)) parts.push('at'); // a key without a value
  return parts.length ? `?${parts.join('&')}` : '';
}

/** A JSON value of bounded size, sometimes deep, sometimes with numbers JSON cannot hold exactly. */
function jsonValue(rng: RandomSource, depth = 0): unknown {
  const k = Math.floor(rng.uniform() * (depth > 3 ? 5 : 8));
  switch (k) {
    case 0: return null;
    case 1: return chance(rng, 0.5);
    case 2: return pick(rng, [0, -1, 1.5, 1e308, 2 ** 53 + 1, -0]);
    case 3: return fuzzValue(rng, [...NAMES, ...TIMES]);
    case 4: return pick(rng, [{}, [], { kind: 'run', run: '1' }, { kind: 'timestamp', ns: '-1' }]);
    case 5: return Array.from({ length: Math.floor(rng.uniform() * 3) }, () => jsonValue(rng, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (const key of ['name', 'record', 'timeType', 'iovs', 'since', 'payload', 'tag', 'snapshot', 'description', 'allowBackfill', 'recordVersion']) if (chance(rng, 0.3)) o[key] = jsonValue(rng, depth + 1);
      return o;
    }
  }
}

const VALID_BODIES = [
    { name: 'calib.fuzz', record: 'test.energy-scale', timeType: 'run' },
    { iovs: [{ since: '400', payload: scale(400) }] },
    { name: 'reco-fuzz' },
    { tag: 'calib.scale-ts' },
    { snapshot: 'now' },
    {},
];

/**
 * A write body: well-formed only for a token that may not write at all (none, unknown,
 * revoked, a reader); otherwise malformed whatever the token (an unknown key, text that is
 * not JSON, a type that is not JSON).
 */
function writeBody(rng: RandomSource, mayBeValid: boolean): Pick<InjectOptions, 'payload' | 'headers'> {
  const valid = pick(rng, VALID_BODIES);
  if (mayBeValid && chance(rng, 0.6)) return { payload: JSON.stringify(valid), headers: { 'content-type': 'application/json' } };
  switch (Math.floor(rng.uniform() * 4)) {
    case 0: return { payload: JSON.stringify({ ...valid, [pick(rng, ['extra', 'Name', 'iov', ' name'])]: jsonValue(rng) }), headers: { 'content-type': 'application/json' } };
    case 1: return { payload: JSON.stringify(valid).slice(0, -1 - Math.floor(rng.uniform() * 5)), headers: { 'content-type': 'application/json' } };
    case 2: return { payload: JSON.stringify(valid), headers: { 'content-type': pick(rng, ['text/plain', 'application/x-www-form-urlencoded', 'application/xml', 'multipart/form-data; boundary=x']) } };
    default: {
      // a JSON value that is not an object, or an object with a key no route takes
      const v = jsonValue(rng);
      const text = v !== null && typeof v === 'object' && !Array.isArray(v) ? JSON.stringify({ [pick(rng, ['unknown', '__proto__', 'constructor'])]: 1, ...v }) : JSON.stringify(v);
      return { payload: text, headers: { 'content-type': 'application/json' } };
    }
  }
}

const VALID_READS = [
  '/api/v1/resolve?gt=reco-locked&record=test.energy-scale&at=150', '/api/v1/resolve?gt=reco-open&record=test.energy-scale&at=run:350',
  `/api/v1/resolve?gt=reco-ts&record=test.energy-scale&at=ts:${2n ** 63n - 1n}&include=payload`, '/api/v1/resolve?tag=calib.scale-run&record=test.energy-scale&at=250&asOf=2026-01-01',
  '/api/v1/tags', '/api/v1/tags?record=test.energy-scale', '/api/v1/tags/calib.scale-run', '/api/v1/tags/calib.scale-run/iovs?limit=1&from=150&to=300',
  '/api/v1/tags/calib.scale-ts/iovs?history=true', '/api/v1/global-tags', '/api/v1/global-tags/reco-locked', '/api/v1/records', '/api/v1/diff/tags?left=calib.scale-run&right=calib.scale-run',
  '/api/v1/diff/global-tags?left=reco-open&right=reco-ts', '/api/v1/usage?tag=calib.scale-run', `/api/v1/usage?payload=${'0'.repeat(64)}`, '/api/v1/audit?limit=3&target=reco-open', '/api/v1', '/healthz',
];
const VALID_WRITES: [string, string, unknown][] = [
  ['POST', '/api/v1/tags', VALID_BODIES[0]], ['POST', '/api/v1/tags/calib.scale-run/iovs', VALID_BODIES[1]], ['POST', '/api/v1/tags/calib.scale-run/lock', {}],
  ['POST', '/api/v1/global-tags', VALID_BODIES[2]], ['PUT', '/api/v1/global-tags/reco-open/entries/test.energy-scale', VALID_BODIES[3]], ['POST', '/api/v1/global-tags/reco-open/lock', VALID_BODIES[4]],
];

/** One small change to a well-formed URL: a value, a key, a path segment. */
function mutateUrl(rng: RandomSource, url: string): string {
  const [p, q = ''] = url.split('?');
  const params = q ? q.split('&') : [];
  switch (Math.floor(rng.uniform() * 5)) {
    case 0: if (params.length) { const i = Math.floor(rng.uniform() * params.length); params[i] = `${params[i]!.split('=')[0]}=${enc(fuzzValue(rng, [...TIMES, ...NAMES]))}`; } break;
    case 1: params.push(`${pick(rng, ['x', 'at', 'gt', 'limit', 'asOf'])}=${enc(fuzzValue(rng, TIMES))}`); break;
    case 2: params.splice(Math.floor(rng.uniform() * params.length), 1); break;
    case 3: { const seg = p!.split('/'); seg[1 + Math.floor(rng.uniform() * (seg.length - 1))] = enc(fuzzValue(rng, NAMES)); return seg.join('/') + (params.length ? `?${params.join('&')}` : ''); }
    default: break;
  }
  return p + (params.length ? `?${params.join('&')}` : '');
}

/** One fuzzed request: near-valid reads, writes with tokens that may not write or with malformed bodies, random ones. */
export function fuzzRequest(rng: RandomSource, tokens: Harness['tokens']): InjectOptions {
  const headers: Record<string, string> = {};
  const token = Math.floor(rng.uniform() * 7);
  if (token === 1) headers.authorization = `Bearer ${tokens.reader}`;
  if (token === 2) headers.authorization = `Bearer ${tokens.revoked}`;
  if (token === 3) headers.authorization = `Bearer ${fuzzValue(rng, ['nct_x', tokens.admin.slice(0, -1)])}`.replace(/[^\t\x20-\x7e]/g, '');
  if (token === 4) headers.authorization = pick(rng, ['Bearer', 'Basic abc', 'bearer  ', `Bearer ${tokens.admin} extra`]);
  if (token >= 5) headers.authorization = `Bearer ${chance(rng, 0.5) ? tokens.admin : tokens.writer}`; // valid writers: their bodies are malformed
  if (chance(rng, 0.25)) headers['if-none-match'] = fuzzValue(rng, ['*', '*', '"x"', 'W/"x"', '']).replace(/[^\t\x20-\x7e]/g, '');
  if (chance(rng, 0.1)) headers.accept = 'text/html';
  const kind = rng.uniform();
  if (kind < 0.45) {
    let url = pick(rng, VALID_READS);
    for (let n = Math.floor(rng.uniform() * 3); n > 0; n--) url = mutateUrl(rng, url);
    return { method: chance(rng, 0.9) ? 'GET' : 'HEAD', url, headers };
  }
  if (kind < 0.7) {
    const [method, url, body] = pick(rng, VALID_WRITES);
    const b = token < 5 && chance(rng, 0.7) ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : writeBody(rng, false);
    return { method: method as 'POST' | 'PUT', url: chance(rng, 0.3) ? mutateUrl(rng, url) : url, payload: b.payload as string, headers: { ...headers, ...(b.headers as Record<string, string>) } };
  }
  const method = pick(rng, ['GET', 'GET', 'HEAD', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const);
  const url = path(rng) + query(rng);
  if (method === 'POST' || method === 'PUT' || method === 'PATCH' || (method === 'DELETE' && chance(rng, 0.5))) {
    const b = writeBody(rng, token < 5);
    return { method, url, payload: b.payload as string, headers: { ...headers, ...(b.headers as Record<string, string>) } };
  }
  return { method, url, headers };
}

