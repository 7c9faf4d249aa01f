import type { RecordRef } from '@nucal/core';
import { openConditionsDb, type ConditionsDb } from '../src/index.js';
import type { Backend } from './backends.js';
import {
  Disagreement, diffView, gtInfoView, iovView, resolutionView, same, settle, show, tagInfoView, tally,
} from './model-compare.js';
import { LIFETIME, SCALE, type AsOfChoice, type ItemSpec, type Op } from './model-ops.js';
import type { Outcome } from './model-outcome.js';
import type { Random } from './model-random.js';
import { TransferRunner, type ExportFile } from './model-transfer-runner.js';
import type { GlobalTagView, ResolutionView, ResolveAsk } from './model-views.js';
import { provenance } from './records.js';
import { DbModel, type LogicalClock } from './reference-model.js';

/** 2100-01-01: an as-of later than every stamp of the run. */
const FUTURE_MS = Date.UTC(2100, 0, 1);

/**
 * Runs operations against two real databases of one engine (0: the main one, 1: a second
 * one that receives imports and some writes of its own) and against their models, and
 * throws a {@link Disagreement} at the first difference.
 */
export class ModelRunner {
  readonly dbs: ConditionsDb[] = [];
  readonly models: DbModel[] = [];
  readonly files: ExportFile[] = [];
  readonly queue: Op[] = [];
  private lastWriter = -1;
  private lastWriteWallMs = 0;
  private readonly transfer: TransferRunner;

  constructor(
    private readonly backend: Backend,
    dir: string,
    readonly rng: Random,
    private readonly catalog: ReadonlyMap<string, RecordRef>,
    private readonly clock: LogicalClock,
  ) {
    this.transfer = new TransferRunner(this, dir);
  }

  /** Opens both databases; the first always has both records, the second only sometimes. */
  async open(): Promise<void> {
    for (const i of [0, 1]) {
      this.dbs[i] = await this.fresh();
      this.models[i] = new DbModel(this.catalog, this.clock);
      if (i === 0 || this.rng.chance(0.5)) for (const r of [SCALE, LIFETIME]) await this.registerRecord(i, r);
    }
  }

  async close(): Promise<void> {
    for (const db of this.dbs.splice(0)) await db.close();
  }

  private async fresh(): Promise<ConditionsDb> {
    return openConditionsDb({ url: await this.backend.fresh(), create: true, label: 'model-test' });
  }

  async execute(op: Op): Promise<void> {
    switch (op.k) {
      case 'createTag':
        return this.write(op.db, async (db, m) => {
          const got = await settle('createTag', m.createTag(op), () => db.createTag({ name: op.name, record: op.record, timeType: op.timeType, allowBackfill: op.allowBackfill }));
          if (!got) return;
          same('createTag result', got.plan.expected, tagInfoView(got.result));
          got.plan.commit();
        });
      case 'lockTag':
        return this.write(op.db, async (db, m) => {
          const got = await settle('lockTag', m.lockTag(op.tag), () => db.lockTag(op.tag));
          if (!got) return;
          same('lockTag result', got.plan.expected, tagInfoView(got.result));
          got.plan.commit();
        });
      case 'append':
        return this.write(op.db, (db, m) => this.append(db, m, op.tag, op.bulk, op.items));
      case 'createGlobalTag':
        return this.write(op.db, async (db, m) => {
          const got = await settle('createGlobalTag', m.createGlobalTag(op.name), () => db.createGlobalTag({ name: op.name }));
          if (!got) return;
          same('createGlobalTag result', got.plan.expected, gtInfoView(got.result));
          got.plan.commit();
        });
      case 'setEntry':
        return this.write(op.db, async (db, m) => {
          const got = await settle('setGlobalTagEntry', m.setGlobalTagEntry(op.gt, op.record, op.tag), () => db.setGlobalTagEntry(op.gt, op.record, op.tag));
          if (!got) return;
          same('setGlobalTagEntry result', got.plan.expected, gtInfoView(got.result));
          got.plan.commit();
        });
      case 'lockGlobalTag':
        return this.write(op.db, async (db, m) => {
          const got = await settle('lockGlobalTag', m.lockGlobalTag(op.gt, op.now), () => db.lockGlobalTag(op.gt, op.now ? { snapshot: 'now' } : {}));
          if (!got) return;
          const view = gtInfoView(got.result);
          const expected = got.plan.expected;
          if (expected.snapshot === 'new') {
            if (typeof view.snapshot !== 'number' || Number.isNaN(view.snapshot)) throw new Disagreement(`lockGlobalTag with snapshot 'now': expected a snapshot, got ${show(view)}`);
            if (!m.observeStamp(view.snapshot)) throw new Disagreement(`lockGlobalTag snapshot ${view.snapshot} is earlier than an earlier stamp ${m.lastMs} of this database`);
          }
          same('lockGlobalTag result', { ...expected, snapshot: expected.snapshot === 'new' ? view.snapshot : expected.snapshot } satisfies GlobalTagView, view);
          got.plan.commit(typeof view.snapshot === 'number' ? view.snapshot : null);
        });
      case 'resolve': {
        const m = this.models[op.db]!;
        const asOfMs = this.asOfMs(m, op.asOf);
        return this.resolveBoth(this.dbs[op.db]!, m, { ...(op.tag !== undefined ? { tag: op.tag } : { globalTag: op.globalTag! }), record: op.record, at: op.at, ...(asOfMs !== undefined ? { asOfMs } : {}) }, op.recordAsName);
      }
      case 'listIovs': {
        const m = this.models[op.db]!;
        const asOfMs = this.asOfMs(m, op.asOf);
        const got = await settle('listIovs', m.listIovs(op.tag, { history: op.history, ...(asOfMs !== undefined ? { asOfMs } : {}) }), () =>
          this.allIovs(this.dbs[op.db]!, op.tag, op.history, asOfMs, op.limit),
        );
        if (got) same(`listIovs ${op.tag}${op.history ? ' (history)' : ''}`, got.plan, got.result);
        return;
      }
      case 'diffTags': {
        const m = this.models[op.db]!;
        const asOfMs = this.asOfMs(m, op.asOf);
        const got = await settle('diffTags', m.diffTags(op.left, op.right, asOfMs), () =>
          this.dbs[op.db]!.diffTags(op.left, op.right, asOfMs !== undefined ? { asOf: new Date(asOfMs) } : {}),
        );
        if (got) same(`diffTags ${op.left} ${op.right}`, got.plan, got.result.map(diffView));
        return;
      }
      case 'export':
        return this.transfer.exportOp(op.db, op.gt, op.reusePath);
      case 'import':
        return this.transfer.importOp(op.db, op.file, op.dryRun);
      case 'importTampered':
        return this.transfer.importTampered(op.db, op.file);
      case 'exportFileWrites':
        return this.transfer.exportFileWrites(op.file);
      case 'resetSecondary':
        await this.dbs[1]!.close();
        this.dbs[1] = await this.fresh();
        this.models[1] = new DbModel(this.catalog, this.clock);
        if (op.registerRecords) for (const r of [SCALE, LIFETIME]) await this.registerRecord(1, r);
        return;
      case 'registerRecord':
        return this.registerRecord(op.db, op.record);
      case 'checkAll':
        return this.checkAll(op.db, 'checkAll');
    }
  }

  /**
   * A write to database `i` (also used by the transfer operations). When the writer changes, the host clock first moves two
   * milliseconds past the previous write, so that stamps of different databases are
   * ordered like the operations (SQLite's clock has millisecond resolution and breaks ties
   * with a counter per database).
   */
  async write(i: number, fn: (db: ConditionsDb, m: DbModel) => Promise<void>): Promise<void> {
    if (this.lastWriter !== i) while (Date.now() < this.lastWriteWallMs + 2) await new Promise((r) => setTimeout(r, 1));
    try {
      await fn(this.dbs[i]!, this.models[i]!);
    } finally {
      this.lastWriter = i;
      this.lastWriteWallMs = Date.now();
    }
  }

  private registerRecord(i: number, name: string): Promise<void> {
    return this.write(i, async (db, m) => {
      const got = await settle('registerRecord', m.registerRecord(name), () => db.registerRecord(this.catalog.get(name)!));
      if (!got) return;
      same('registerRecord result', { name, version: 1 }, { name: got.result.name, version: got.result.version });
      got.plan.commit();
    });
  }

  private async append(db: ConditionsDb, m: DbModel, tag: string, bulk: boolean, items: readonly ItemSpec[]): Promise<void> {
    const inputs = items.map((it) => ({ since: it.since, payload: it.payload, provenance }));
    const got = await settle(`append to ${tag}`, m.append(tag, items), () => (bulk ? db.appendIovs(tag, inputs) : db.appendIov(tag, inputs[0]!)));
    if (!got) return;
    const r = got.result;
    same(`append to ${tag}`, got.plan.expected, { inserted: r.inserted, unchanged: r.unchanged, hashes: [...r.hashes] });
    if (r.unchanged) tally.set('append with unchanged items', (tally.get('append with unchanged items') ?? 0) + 1);
    const at: unknown = (r as { insertedAt?: unknown }).insertedAt;
    if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw new Disagreement(`append to ${tag}: AppendResult.insertedAt is ${show(at)}, expected the Date of the write's stamp`);
    if (!m.observeStamp(at.getTime())) throw new Disagreement(`append to ${tag}: insertedAt ${at.toISOString()} is earlier than an earlier stamp of this database (${new Date(m.lastMs).toISOString()})`);
    got.plan.commit(at.getTime());
  }

  private asOfMs(m: DbModel, c: AsOfChoice | null): number | undefined {
    if (c === null) return undefined;
    if (c.from === 'epoch') return 0;
    if (c.from === 'future') return FUTURE_MS;
    return Math.max(0, m.stampsMs[c.index]! + c.delta);
  }

  async resolveBoth(db: ConditionsDb, m: DbModel, ask: ResolveAsk, recordAsName: boolean, what = 'resolve'): Promise<void> {
    return this.checkResolve(db, m.resolve(ask), ask, recordAsName, what);
  }

  /** A lookup in the database against an expected outcome (insertedAt compared unless `ignoreInsertedAt`). */
  async checkResolve(db: ConditionsDb, expected: Outcome<ResolutionView>, ask: ResolveAsk, recordAsName: boolean, what: string, ignoreInsertedAt = false): Promise<void> {
    const record = recordAsName ? ask.record : this.catalog.get(ask.record)!;
    const got = await settle(`${what} ${show(ask)}`, expected, () =>
      db.resolve({
        ...(ask.tag !== undefined ? { tag: ask.tag } : { globalTag: ask.globalTag! }),
        record,
        at: ask.at,
        ...(ask.asOfMs !== undefined ? { asOf: new Date(ask.asOfMs) } : {}),
      }),
    );
    if (!got) return;
    const view = resolutionView(got.result);
    same(`${what} ${show(ask)}`, ignoreInsertedAt ? { ...got.plan, insertedAt: 0 } : got.plan, ignoreInsertedAt ? { ...view, insertedAt: 0 } : view);
  }

  /** Every page of a listing (small page sizes exercise the cursors). */
  async allIovs(db: ConditionsDb, tag: string, history: boolean, asOfMs: number | undefined, limit: number | null) {
    const out = [];
    let cursor: string | undefined;
    do {
      const page = await db.listIovs(tag, {
        history,
        ...(asOfMs !== undefined ? { asOf: new Date(asOfMs) } : {}),
        ...(limit !== null ? { limit } : {}),
        ...(cursor !== undefined ? { cursor } : {}),
      });
      out.push(...page.items.map(iovView));
      if (page.nextCursor !== null && page.nextCursor === cursor) throw new Disagreement(`listIovs ${tag}: the cursor does not advance`);
      cursor = page.nextCursor ?? undefined;
    } while (cursor !== undefined);
    return out;
  }

  /**
   * The whole visible state of a database against its model: records, tags, global tags
   * and every row of every tag. Run after refused and dry-run imports ("nothing written")
   * and now and then.
   */
  async checkAll(i: number, what: string): Promise<void> {
    const db = this.dbs[i]!;
    const m = this.models[i]!;
    same(`${what}: records`, [...m.records].sort(), (await db.listRecords()).map((r) => r.name).sort());
    same(`${what}: tags`, [...m.tags.keys()].sort().map((n) => m.tagView(n)), (await db.listTags()).map(tagInfoView));
    same(`${what}: global tags`, [...m.globalTags.keys()].sort().map((n) => m.gtView(n)), (await db.listGlobalTags()).map(gtInfoView));
    for (const name of [...m.tags.keys()].sort()) {
      same(`${what}: rows of ${name}`, m.listIovs(name, { history: true }).ok, await this.allIovs(db, name, true, undefined, 10_000));
    }
  }
}
