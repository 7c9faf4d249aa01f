import { afterAll, it } from 'vitest';
import { describeBackends } from '../test/backends.js';
import { tally } from '../test/model-compare.js';
import { runSequence } from '../test/model-sequence.js';

/**
 * Model-based differential test: seeded random sequences of operations run against the real
 * database (SQLite, and PostgreSQL when configured) and against an in-memory reference model
 * of the spec (test/reference-model.ts); every answer and every refusal must agree.
 *
 * Default: 10 sequences of 500 operations per engine (5,000 operations; about 15 s on
 * SQLite and 30 s on PostgreSQL on the 2-core development machine). NUCAL_MODEL_SEED=<seed>
 * runs that one sequence, NUCAL_MODEL_OPS=<n> changes the length (a failure prints both for
 * a replay), NUCAL_MODEL_STATS=1 prints how often each operation succeeded or was refused.
 */
const OPS = Number(process.env.NUCAL_MODEL_OPS ?? 500);
if (!Number.isInteger(OPS) || OPS < 1) throw new Error(`NUCAL_MODEL_OPS=${process.env.NUCAL_MODEL_OPS} is invalid: expected a positive integer`);
const SEEDS = process.env.NUCAL_MODEL_SEED ? [process.env.NUCAL_MODEL_SEED] : Array.from({ length: 10 }, (_, i) => `model-${i + 1}`);

describeBackends('model-based differential test', (backend) => {
  for (const seed of SEEDS) {
    it(`seed ${seed}: ${OPS} operations agree with the reference model`, () => runSequence(backend, seed, OPS));
  }
});

if (process.env.NUCAL_MODEL_STATS) {
  afterAll(() => console.log([...tally].sort().map(([k, n]) => `${k}: ${n}`).join('\n')));
}
