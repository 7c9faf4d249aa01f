import { existsSync, rmSync } from 'node:fs';
import { Command } from 'commander';
import { defineRecord, formatTime, IovCache, runTime, timestampTime, type ProvenanceInput } from '@nucal/core';
import { openConditionsDb } from '@nucal/conditions-db';
import { z } from 'zod';
import { builtinRecords } from '../builtin-records.js';
import { showTime } from '../format.js';
import type { Io } from '../io.js';

/** A channel-gain record used only to show the conditions workflow. */
export const demoGainRecord = defineRecord({
  name: 'demo.channel-gain',
  version: 1,
  description: 'Demo: mean LPMT gain in ADC counts per photoelectron',
  schema: z.object({ gainAdcPerPe: z.number().positive(), gainErrAdcPerPe: z.number().nonnegative() }),
});

const provenance: ProvenanceInput = { plugin: { id: 'nucal.demo', version: '0.1.0' }, input: { description: 'demo values' }, createdAt: new Date().toISOString() };

/** `nucal demo`: the whole workflow on an embedded SQLite file, narrated. */
export function demoCommand(io: Io): Command {
  return new Command('demo')
    .description('run the end-to-end demo on an embedded SQLite database')
    .option('--db <file>', 'SQLite file to (re)create', './nucal-demo.sqlite')
    .option('--export <file>', 'where to export the locked global tag', './nucal-demo-export.sqlite')
    .action(async (o: { db: string; export: string }) => {
      for (const f of [o.db, o.export]) for (const s of ['', '-wal', '-shm', '-journal']) if (existsSync(f + s)) rmSync(f + s);
      const say = (t: string) => io.out(t);
      say(`nucal demo — conditions database ${o.db} (SQLite, embedded)\n`);
      const db = await openConditionsDb({ url: o.db, actor: 'demo' });
      try {
        for (const r of [...builtinRecords(), demoGainRecord]) await db.registerRecord(r);
        say(`1. registered record types: ${(await db.listRecords()).map((r) => `${r.name}@${r.version}`).join(', ')}`);

        await db.createTag({ name: 'gain-run-v1', record: demoGainRecord.name, timeType: 'run', description: 'gains by run' });
        await db.appendIovs('gain-run-v1', [
          { since: runTime(1000), payload: { gainAdcPerPe: 101.2, gainErrAdcPerPe: 0.3 }, provenance },
          { since: runTime(1100), payload: { gainAdcPerPe: 100.7, gainErrAdcPerPe: 0.3 }, provenance },
          { since: runTime(1200, 3), payload: { gainAdcPerPe: 99.9, gainErrAdcPerPe: 0.4 }, provenance },
        ]);
        const t0 = 1_795_478_400_000_000_000n; // 2026-11-24T00:00:00Z in ns, beyond 2^53
        await db.createTag({ name: 'gain-time-v1', record: demoGainRecord.name, timeType: 'timestamp', description: 'gains by time' });
        await db.appendIovs('gain-time-v1', [
          { since: timestampTime(t0), payload: { gainAdcPerPe: 100.0, gainErrAdcPerPe: 0.2 }, provenance },
          { since: timestampTime(t0 + 1n), payload: { gainAdcPerPe: 100.5, gainErrAdcPerPe: 0.2 }, provenance },
        ]);
        say('2. tags gain-run-v1 (3 IOVs by run, one at run 1200 subrun 3) and gain-time-v1 (2 IOVs one nanosecond apart)');

        await db.createGlobalTag({ name: 'demo-reco-v1', description: 'demo reconstruction pass' });
        await db.setGlobalTagEntry('demo-reco-v1', demoGainRecord.name, 'gain-run-v1');
        const gt = await db.lockGlobalTag('demo-reco-v1', { snapshot: 'now' });
        say(`3. global tag ${gt.name} locked with snapshot ${gt.snapshot?.toISOString()}`);

        await db.appendIov('gain-run-v1', { since: runTime(1300), payload: { gainAdcPerPe: 98.0, gainErrAdcPerPe: 0.5 }, provenance });
        for (const at of [runTime(1050), runTime(1200, 2), runTime(1350)]) {
          const viaGt = await db.resolve({ globalTag: 'demo-reco-v1', record: demoGainRecord, at });
          const viaTag = await db.resolve({ tag: 'gain-run-v1', record: demoGainRecord, at });
          say(`4. run ${formatTime(at)}: global tag -> ${viaGt.payload.gainAdcPerPe} ADC/PE valid [${showTime(viaGt.since)}, ${showTime(viaGt.until)}); tag -> ${viaTag.payload.gainAdcPerPe}`);
        }
        const ts = await db.resolve({ tag: 'gain-time-v1', record: demoGainRecord, at: timestampTime(t0 + 1n) });
        say(`5. timestamp ${showTime(timestampTime(t0 + 1n))}: ${ts.payload.gainAdcPerPe} ADC/PE since ${showTime(ts.since)}`);

        const summary = await db.exportGlobalTag('demo-reco-v1', o.export);
        const ex = await openConditionsDb({ url: o.export, readOnly: true });
        try {
          const cache = new IovCache(ex.provider({ globalTag: 'demo-reco-v1', cache: false }));
          let sum = 0;
          for (let run = 1000n; run < 1400n; run++) sum += (await cache.resolve(demoGainRecord, runTime(run))).payload.gainAdcPerPe;
          say(`6. exported to ${o.export} (${summary.iovs} IOV rows, ${summary.payloads} payloads); 400 runs resolved from the export through the IOV cache: ${cache.misses} lookups, ${cache.hits} cache hits, mean gain ${(sum / 400).toFixed(2)} ADC/PE`);
        } finally {
          await ex.close();
        }
        const log = await db.auditLog({ limit: 3 });
        say(`7. audit log (latest): ${log.map((e) => `${e.action} ${e.target}`).join('; ')}`);
      } finally {
        await db.close();
      }
      say(`\nexplore: npx nucal db gt show demo-reco-v1 --db ${o.db}`);
    });
}
