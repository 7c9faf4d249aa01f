/**
 * A separate writer process for the concurrency and crash tests.
 *   tsx test/writer.ts <db-url> <tag> <first-since> <count> <batch> [--pause-after-first-chunk]
 * Appends `count` IOVs with sinces first, first+step, ... in batches; with the pause flag it
 * prints "IN_TRANSACTION" after the first chunk of a single bulk append and waits to be killed.
 */
import { runTime } from '@nucal/core';
import { openConditionsDb } from '../src/index.js';
import { provenance, scaleRecord } from './records.js';

const [url, tag, firstText, countText, batchText, flag] = process.argv.slice(2);
const first = Number(firstText);
const count = Number(countText);
const batch = Number(batchText);
const step = Number(process.env.NUCAL_WRITER_STEP ?? '1');
// With a payload base, IOV i carries y0 = base + i (distinct payloads even at one since).
const payloadBase = process.env.NUCAL_WRITER_PAYLOAD_BASE === undefined ? undefined : Number(process.env.NUCAL_WRITER_PAYLOAD_BASE);
const db = await openConditionsDb({ url: url!, label: `writer-${process.pid}` });
await db.registerRecord(scaleRecord);
const y0 = (i: number) => (payloadBase === undefined ? first + i * step + 1 : payloadBase + i);
const iov = (i: number) => ({ since: runTime(first + i * step), payload: { y0PePerMeV: y0(i), y0ErrPePerMeV: 0, fit: { chi2: 0, ndof: 0 } }, provenance });
if (flag === '--pause-after-first-chunk') {
  await db.appendIovs(tag!, Array.from({ length: count }, (_, i) => iov(i)), {
    onChunk: async () => {
      process.stdout.write('IN_TRANSACTION\n');
      await new Promise(() => {}); // hold the transaction open until killed
    },
  });
} else {
  for (let i = 0; i < count; i += batch) {
    await db.appendIovs(tag!, Array.from({ length: Math.min(batch, count - i) }, (_, j) => iov(i + j)));
  }
  await db.close();
  process.stdout.write('DONE\n');
}
