import { afterAll, beforeAll, expect, it } from 'vitest';
import { dbFingerprint } from '../test/db-fingerprint.js';
import { fuzzRequest, fuzzStream } from '../test/fuzz-requests.js';
import { describeBackends, harness, type Harness } from '../test/service-harness.js';

/*
 * Fuzz test of the routes: seeded random and malformed paths, queries, headers and bodies,
 * injected into a service on a seeded database. Properties:
 * - no answer is a 5xx;
 * - every error answer (4xx) is `{ error: { code, message } }` JSON with `Cache-Control: no-store`;
 * - every answer with a body is JSON (but /metrics);
 * - the database is byte-for-byte unchanged: every write request is malformed (a body with an
 *   unknown key, text that is not JSON, a wrong content type) or carries no valid write token.
 * NUCAL_FUZZ_SEED and NUCAL_FUZZ_RUNS override the seed and the number of requests; request i
 * draws from `createRng(seed).fork(`request-${i}`)` (test/fuzz-requests.ts), and a failure prints
 * the seed and the requests.
 */
const SEED = process.env.NUCAL_FUZZ_SEED ?? 'nucal-service-fuzz';
const RUNS = Number(process.env.NUCAL_FUZZ_RUNS ?? 800);

describeBackends('conditions service: fuzzed requests', (backend) => {
  let h: Harness;
  let before = '';
  beforeAll(async () => {
    h = await harness(backend);
    before = await dbFingerprint(h.db);
  });
  afterAll(async () => h?.close());

  it(`never answers 5xx, always answers errors as JSON, writes nothing (${RUNS} requests, seed ${SEED})`, async () => {
    const root = fuzzStream(`${SEED}#${backend.name}`);
    const failures: string[] = [];
    const statuses = new Map<number, number>();
    for (let i = 0; i < RUNS; i++) {
      const req = fuzzRequest(root.fork(`request-${i}`), h.tokens);
      let problem: string | undefined;
      try {
        const r = await h.app.inject(req);
        statuses.set(r.statusCode, (statuses.get(r.statusCode) ?? 0) + 1);
        if (r.statusCode >= 500) problem = `status ${r.statusCode}: ${r.body.slice(0, 300)}`;
        else if (r.body !== '' && !req.url!.toString().startsWith('/metrics')) {
          let doc: { error?: { code?: unknown; message?: unknown } };
          try {
            doc = JSON.parse(r.body);
          } catch {
            problem = `body is not JSON: ${r.body.slice(0, 200)}`;
            doc = {};
          }
          if (!problem && r.statusCode >= 400 && (typeof doc.error?.code !== 'string' || typeof doc.error?.message !== 'string')) problem = `error body without {error:{code,message}}: ${r.body.slice(0, 200)}`;
          if (!problem && r.statusCode >= 400 && r.headers['cache-control'] !== 'no-store') problem = `error answer cacheable: ${String(r.headers['cache-control'])}`;
        }
        if (!problem && (req.method === 'POST' || req.method === 'PUT') && r.statusCode < 400) problem = `a write was accepted: ${r.statusCode} ${r.body.slice(0, 200)}`;
      } catch (err) {
        problem = `inject threw: ${String(err)}`;
      }
      if (problem) failures.push(`#${i} ${req.method} ${String(req.url)} ${JSON.stringify(req.headers)} ${String(req.payload ?? '').slice(0, 200)}\n    -> ${problem}`);
    }
    const after = await dbFingerprint(h.db);
    const replay = `replay with NUCAL_FUZZ_SEED=${JSON.stringify(SEED)} NUCAL_FUZZ_RUNS=${RUNS} (backend ${backend.name})`;
    expect(failures.slice(0, 20), `${replay}\n${failures.slice(0, 20).join('\n')}`).toEqual([]);
    expect(after, `${replay}: the database changed`).toBe(before);
    // the requests reached every kind of answer, not only 404s
    for (const s of [200, 304, 400, 401, 403, 404]) expect(statuses.get(s) ?? 0, `answers with status ${s} (${JSON.stringify([...statuses])})`).toBeGreaterThan(0);
  });
});
