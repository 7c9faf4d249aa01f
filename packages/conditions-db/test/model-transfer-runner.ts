import { chmodSync, copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import knexFactory from 'knex';
import { openConditionsDb, type ConditionsDb } from '../src/index.js';
import { Disagreement, same, settle, tally } from './model-compare.js';
import { probeTime } from './model-generate.js';
import { LIFETIME, SCALE } from './model-ops.js';
import type { ModelRunner } from './model-runner.js';
import { timeText } from './model-times.js';
import { exportModel, importModel, NEW_GLOBAL_TAG_WITHOUT_SNAPSHOT_MUST_MATCH, type ImportPlan } from './model-transfer.js';
import type { ResolveAsk } from './model-views.js';
import type { DbModel } from './reference-model.js';

/** An export file of the sequence and the model of what it holds (the source at export time). */
export interface ExportFile {
  readonly path: string;
  readonly model: DbModel;
}

/** Probes of the global tags of a file, per mapped record, after an export or an import. */
const PROBES_PER_RECORD = 10;

/**
 * The export and import operations of a {@link ModelRunner} (spec rules 8 and 9): files in
 * a temporary directory, probes through their global tags, tampered copies, the read-only
 * mark.
 */
export class TransferRunner {
  private copies = 0;

  constructor(
    private readonly run: ModelRunner,
    private readonly dir: string,
  ) {}

  async exportOp(i: number, gt: string, reusePath: number | null): Promise<void> {
    const path = reusePath !== null ? this.run.files[reusePath]!.path : join(this.dir, `export-${this.run.files.length}-${this.copies++}.sqlite`);
    const got = await settle(`exportGlobalTag ${gt}`, exportModel(this.run.models[i]!, gt, existsSync(path)), () => this.run.dbs[i]!.exportGlobalTag(gt, path));
    if (!got) return;
    this.run.files.push({ path, model: got.plan });
    const file = await openConditionsDb({ url: path, readOnly: true });
    try {
      await this.probeGlobalTags(file, got.plan, `export file of ${gt}`);
    } finally {
      await file.close();
    }
  }

  /**
   * Spec rule 9 through the real API. After a successful import every global tag of the
   * file must answer in this database as the file (the source at export time) answers; a
   * refused or dry-run import must leave everything as it was.
   */
  async importOp(i: number, f: number, dryRun: boolean): Promise<void> {
    const file = this.run.files[f < 0 ? this.run.files.length + f : f]!;
    await this.run.write(i, async (db, m) => {
      const what = `importFile ${file.path}${dryRun ? ' (dry run)' : ''}`;
      // Global tags that exist here without snapshot are not imported: they need not answer as in the file.
      const kept = new Set([...m.globalTags.values()].filter((g) => g.snapshot === null).map((g) => g.name));
      const got = await settle(what, importModel(m, file.model, { tampered: false }), () => db.importFile(file.path, { dryRun }));
      if (got && !dryRun) {
        if (got.plan.learn) tally.set('import appending rows', (tally.get('import appending rows') ?? 0) + 1);
        if (got.plan.moved.length) tally.set('import moving a snapshot', (tally.get('import moving a snapshot') ?? 0) + 1);
        const ms = await this.importStampMs(db, got.plan.learn, what);
        if (ms !== null && !m.observeStamp(ms)) throw new Disagreement(`${what}: its stamp ${new Date(ms).toISOString()} is earlier than an earlier stamp of this database`);
        got.plan.commit(ms);
        await this.probeGlobalTags(db, file.model, `after ${what}`, { model: m, kept });
      }
      await this.run.checkAll(i, `after ${what}${got ? '' : ' (refused)'}`);
    });
  }

  /**
   * The millisecond of an import's stamp, which only the database knows: on a row the
   * import appended (the winner at its since) or on a snapshot it moved.
   */
  private async importStampMs(db: ConditionsDb, learn: ImportPlan['learn'], what: string): Promise<number | null> {
    if (learn === null) return null;
    if ('globalTag' in learn) {
      const snapshot = (await db.getGlobalTag(learn.globalTag)).snapshot;
      if (snapshot === null) throw new Disagreement(`${what}: global tag ${learn.globalTag} has no snapshot, expected one (moved to the import's stamp)`);
      return snapshot.getTime();
    }
    const rows = await this.run.allIovs(db, learn.tag, true, undefined, 10_000);
    const since = timeText(this.run.models[this.run.dbs.indexOf(db)]!.tags.get(learn.tag)!.timeType, learn.since);
    const winner = rows.filter((r) => r.since === since && r.current)[0];
    if (!winner) throw new Disagreement(`${what}: tag ${learn.tag} has no current row at ${since}, expected one appended by the import`);
    return winner.insertedAt;
  }

  /** A copy of an export with one payload changed but its hash kept: the import must refuse it and write nothing. */
  async importTampered(i: number, f: number): Promise<void> {
    const copy = this.copyOf(this.run.files[f]!.path);
    const raw = knexFactory({ client: 'sqlite3', connection: { filename: copy }, useNullAsDefault: true });
    try {
      const row = (await raw('payloads').orderBy('hash').first('hash', 'data')) as { hash: string; data: string } | undefined;
      if (!row) throw new Error(`export ${copy} holds no payload to tamper with`);
      await raw('payloads').where({ hash: row.hash }).update({ data: JSON.stringify(bump(JSON.parse(row.data))) });
    } finally {
      await raw.destroy();
    }
    await this.run.write(i, async (db, m) => {
      const what = `importFile of tampered ${copy}`;
      await settle(what, importModel(m, this.run.files[f]!.model, { tampered: true }), () => db.importFile(copy));
      await this.run.checkAll(i, `after ${what}`);
    });
  }

  /** Spec rule 8: an export refuses writes even when opened without readOnly, unless the mark is overridden. */
  async exportFileWrites(f: number): Promise<void> {
    const copy = this.copyOf(this.run.files[f]!.path);
    await settle(`write to ${copy} opened without readOnly`, { refuse: ['PermissionError'] }, async () => {
      const db = await openConditionsDb({ url: copy });
      try {
        await db.createGlobalTag({ name: 'written' });
      } finally {
        await db.close();
      }
    });
    const db = await openConditionsDb({ url: copy, overrideReadOnlyMark: true });
    try {
      await settle(`write to ${copy} with overrideReadOnlyMark`, { ok: null }, () => db.createGlobalTag({ name: 'written' }));
      same(`global tag written to ${copy}`, 'open', (await db.getGlobalTag('written')).state);
    } finally {
      await db.close();
    }
  }

  /** A writable copy of a file (the original export stays as the model knows it). */
  private copyOf(path: string): string {
    const copy = join(this.dir, `copy-${this.copies++}.sqlite`);
    copyFileSync(path, copy);
    chmodSync(copy, 0o644);
    return copy;
  }

  /**
   * Lookups through every global tag of a file model, in `db`, at times and as-of dates where
   * answers change. In the file itself (`target` absent) the answers must be the file's in
   * full; in a database that imported it (`target`: its model) they must be the target
   * model's in full and the file's except insertedAt (rows an import appends carry its stamp)
   * and as-of dates (so as-of probes are only compared with the target model), unless the
   * global tag existed here without snapshot (`kept`: not imported, left as it was).
   */
  private async probeGlobalTags(db: ConditionsDb, file: DbModel, what: string, target?: { model: DbModel; kept: ReadonlySet<string> }): Promise<void> {
    for (const [gtName, gt] of file.globalTags) {
      for (const record of [SCALE, LIFETIME]) {
        const tagName = gt.entries.get(record);
        const tag = tagName === undefined ? null : file.tags.get(tagName)!;
        const n = tag ? PROBES_PER_RECORD : 1;
        for (let p = 0; p < n; p++) {
          const stamps = file.stampsMs;
          const asOfMs = stamps.length && this.run.rng.chance(0.4) ? Math.max(0, this.run.rng.pick(stamps) + this.run.rng.pick([-1, 0, 1])) : undefined;
          const ask: ResolveAsk = { globalTag: gtName, record, at: probeTime(this.run.rng, tag), ...(asOfMs !== undefined ? { asOfMs } : {}) };
          if (!target) {
            await this.run.resolveBoth(db, file, ask, false, what);
            continue;
          }
          await this.run.resolveBoth(db, target.model, ask, false, what);
          if (asOfMs !== undefined || target.kept.has(gtName) || (gt.snapshot === null && !NEW_GLOBAL_TAG_WITHOUT_SNAPSHOT_MUST_MATCH)) continue;
          await this.run.checkResolve(db, file.resolve(ask), ask, false, `${what}, as in the file`, true);
        }
      }
    }
  }
}

/** The payload with its first number changed (still valid for its schema: +1 keeps it positive). */
function bump(v: unknown): unknown {
  if (typeof v === 'number') return v + 1;
  if (Array.isArray(v)) return v.map((x, i) => (i === 0 ? bump(x) : x));
  if (v && typeof v === 'object') {
    const [k, x] = Object.entries(v)[0] ?? [];
    return k === undefined ? v : { ...v, [k]: bump(x) };
  }
  return v;
}
