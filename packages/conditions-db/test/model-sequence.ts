import type { RecordRef } from '@nucal/core';
import { tempDir, type Backend } from './backends.js';
import { generateOp } from './model-generate.js';
import { showOp, type Op } from './model-ops.js';
import { Random } from './model-random.js';
import { ModelRunner } from './model-runner.js';
import { lifetimeRecord, scaleRecord } from './records.js';
import { LogicalClock } from './reference-model.js';

const CATALOG: ReadonlyMap<string, RecordRef> = new Map<string, RecordRef>([
  [scaleRecord.name, scaleRecord],
  [lifetimeRecord.name, lifetimeRecord],
]);
/** Operations shown before the failing one. */
const TAIL = 10;

/**
 * One seeded sequence: `ops` operations generated from the model's state, each run on the
 * databases and the model, then a full comparison of both databases. A failure names the
 * seed, the operation and the ones before it, and how to replay them.
 */
export async function runSequence(backend: Backend, seed: string, ops: number): Promise<void> {
  const rng = new Random(seed);
  const runner = new ModelRunner(backend, tempDir('nucal-model-'), rng, CATALOG, new LogicalClock());
  const log: Op[] = [];
  let index = -1;
  try {
    await runner.open();
    for (index = 0; index < ops; index++) {
      const op = generateOp(rng, runner);
      log.push(op);
      await runner.execute(op);
    }
    for (const db of [0, 1]) await runner.execute({ k: 'checkAll', db });
  } catch (err) {
    const where = index < 0 ? 'while opening' : index >= ops ? 'in the final comparison' : `at op #${index} of ${ops}`;
    const tail = log.slice(-TAIL).map((op, i) => `  ${showOp(op, log.length - Math.min(TAIL, log.length) + i)}`);
    const pg = backend.name === 'postgres' ? 'NUCAL_TEST_PG_URL=<url> ' : '';
    const replay = `${pg}NUCAL_MODEL_SEED=${seed} NUCAL_MODEL_OPS=${Math.min(ops, index + 1)}`;
    throw new Error(
      `model-based test [${backend.name}] seed ${seed}, ${where}: ${err instanceof Error ? err.message : String(err)}\n` +
        `last operations:\n${tail.join('\n')}\nreplay: ${replay} npx vitest run packages/conditions-db/src/model.test.ts`,
      { cause: err },
    );
  } finally {
    await runner.close();
  }
}
