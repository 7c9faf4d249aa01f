import { refuse, type ErrorClass, type Outcome, type Plan } from './model-outcome.js';
import { effective, lastSince, sameView, UNBOUNDED } from './model-resolution.js';
import type { DbModel, GlobalTagState, TagState } from './reference-model.js';

/**
 * Export and import in the reference model (spec rules 8 and 9): an export file is itself a
 * {@link DbModel} holding one global tag and what it needs.
 */

/**
 * Rule 9: every imported global tag resolves exactly as in the file, also one without
 * snapshot whose tags exist here with other IOVs (the import is then refused). False would
 * check only global tags with a snapshot.
 */
export const NEW_GLOBAL_TAG_WITHOUT_SNAPSHOT_MUST_MATCH = true;

/**
 * A predicted import. `learn` names where the database shows the import's stamp (a row it
 * appended, or a snapshot it moved), which the runner reads and passes to `commit`.
 */
export interface ImportPlan extends Plan<null, number | null> {
  readonly learn: { readonly tag: string; readonly since: bigint } | { readonly globalTag: string } | null;
  /** Global tags created with their snapshot moved to the import's stamp. */
  readonly moved: readonly string[];
}

/**
 * Spec rule 8: the file holds the global tag, its map, the mapped tags and their rows up to
 * the snapshot (with their stamps), so that it resolves through the global tag exactly as
 * the source does now.
 */
export function exportModel(source: DbModel, gtName: string, pathExists: boolean): Outcome<DbModel> {
  const gt = source.globalTags.get(gtName);
  const faults: ErrorClass[] = [];
  if (pathExists) faults.push('ConflictError');
  if (!gt) faults.push('NotFoundError');
  if (faults.length || !gt) return refuse(`path exists: ${pathExists}, global tag ${gtName} exists: ${gt !== undefined}`, ...faults);
  const file = source.emptyLike();
  const bound = gt.snapshot?.stamp ?? Infinity;
  for (const tagName of new Set(gt.entries.values())) {
    const tag = source.tags.get(tagName)!;
    const rows = tag.rows.filter((r) => r.stamp <= bound);
    file.tags.set(tagName, { ...tag, rows });
    file.records.add(tag.record);
    for (const r of rows) {
      file.payloads.add(r.hash);
      file.stampsMs.push(r.ms);
    }
  }
  file.globalTags.set(gtName, { ...gt, entries: new Map(gt.entries) });
  return { ok: file };
}

/**
 * Spec rule 9, read with rules 2 and 3:
 * - refused (nothing written) when the file was tampered with, a tag exists here with
 *   another record/version/time type, or a global tag exists with another map or state;
 * - a tag new here is copied whole (rows, order and stamps: the file's history);
 * - an existing tag gets the file tag's effective IOVs as an append would: those whose
 *   payload is already current here are unchanged, a locked tag gaining any or a
 *   no-back-fill tag gaining one below its last since refuses the import, and the new rows
 *   carry the import's stamp;
 * - every global tag the import creates must then answer here as in the file; one whose
 *   snapshot hides rows this import appended may have its snapshot moved to the import's
 *   stamp when that gives the file's answers (the spec does not forbid it); an existing
 *   global tag with the same map and state is not imported and stays as it is;
 * - an existing locked global tag never changes its answers. The import's rows come after
 *   every snapshot; a locked global tag without snapshot that would change is not covered
 *   by the spec (refusal or success both accepted).
 */
export function importModel(target: DbModel, file: DbModel, opts: { tampered: boolean }): Outcome<ImportPlan> {
  if (opts.tampered) return refuse('a payload of the file was altered', 'ConflictError', 'ValidationError');
  const post = target.clone();
  // Rows and snapshots of this import get its stamp at commit; until then they carry
  // "later than everything" (Infinity), which is what the stamp will be here.
  const stamped: { tag: TagState; index: number }[] = [];
  const moved: string[] = [];
  for (const r of file.records) post.records.add(r);
  for (const h of file.payloads) post.payloads.add(h);
  for (const src of file.tags.values()) {
    const mine = post.tags.get(src.name);
    if (!mine) {
      post.tags.set(src.name, { ...src, rows: [...src.rows] });
      continue;
    }
    if (mine.record !== src.record || mine.version !== src.version || mine.timeType !== src.timeType) return refuse(`tag ${src.name} exists here with another record, version or time type`, 'ConflictError');
    const current = new Map(effective(mine.rows, UNBOUNDED).map((e) => [e.since, e.row.hash]));
    const wanted = effective(src.rows, UNBOUNDED).filter((e) => current.get(e.since) !== e.row.hash);
    if (wanted.length === 0) continue;
    if (mine.locked) return refuse(`tag ${src.name} is locked here and would gain ${wanted.length} IOV(s)`, 'ConflictError');
    const last = lastSince(mine.rows);
    if (!mine.allowBackfill && last !== null && wanted.some((e) => e.since < last)) return refuse(`tag ${src.name} would gain an IOV below its last since ${last} (no back-fill)`, 'ConflictError');
    for (const e of wanted) {
      stamped.push({ tag: mine, index: mine.rows.length });
      mine.rows.push({ since: e.since, hash: e.row.hash, payload: e.row.payload, stamp: Infinity, ms: Infinity });
    }
  }
  for (const g of file.globalTags.values()) {
    const fileBound = g.snapshot?.stamp ?? Infinity;
    const mine = post.globalTags.get(g.name);
    if (mine) {
      if (!sameMap(mine.entries, g.entries) || mine.locked !== g.locked || (mine.snapshot === null) !== (g.snapshot === null)) return refuse(`global tag ${g.name} exists here with another map or state`, 'ConflictError');
      // An existing global tag is not imported: with the same map and state it is left as
      // it is. Only a different snapshot (one an earlier import moved) must still give the
      // file's answers.
      if (mine.snapshot !== null && mine.snapshot.stamp !== g.snapshot!.stamp && !answersAlike(file, g, fileBound, post, mine.snapshot.stamp)) {
        return refuse(`global tag ${g.name} exists here with another snapshot that does not answer as in the file`, 'ConflictError');
      }
    } else if (answersAlike(file, g, fileBound, post, fileBound) || (g.snapshot === null && !NEW_GLOBAL_TAG_WITHOUT_SNAPSHOT_MUST_MATCH)) {
      post.globalTags.set(g.name, { ...g, entries: new Map(g.entries) });
    } else if (g.snapshot !== null && answersAlike(file, g, fileBound, post, Infinity)) {
      post.globalTags.set(g.name, { ...g, entries: new Map(g.entries), snapshot: { stamp: Infinity, ms: Infinity } });
      moved.push(g.name);
    } else {
      return refuse(`global tag ${g.name} would not answer here as in the file${g.snapshot ? ' (neither at its snapshot nor at the import)' : ''}`, 'ConflictError');
    }
  }
  let unspecified = false;
  for (const g of target.globalTags.values()) {
    if (!g.locked) continue;
    const bound = g.snapshot?.stamp ?? Infinity;
    if (!answersAlike(target, g, bound, post, bound)) {
      if (g.snapshot !== null) return refuse(`locked global tag ${g.name} would change its answers`, 'ConflictError');
      unspecified = true;
    }
  }
  const learn: ImportPlan['learn'] = stamped.length
    ? { tag: stamped[0]!.tag.name, since: stamped[0]!.tag.rows[stamped[0]!.index]!.since }
    : moved.length ? { globalTag: moved[0]! } : null;
  const plan: ImportPlan = {
    expected: null,
    learn,
    moved,
    commit: (ms) => {
      if (learn !== null) {
        const stamp = target.clock.next();
        for (const { tag, index } of stamped) tag.rows[index] = { ...tag.rows[index]!, stamp, ms: ms ?? NaN };
        for (const name of moved) post.globalTags.get(name)!.snapshot = { stamp, ms: ms ?? NaN };
      }
      target.adopt(post);
      for (const t of file.tags.values()) for (const r of t.rows) target.stampsMs.push(r.ms);
    },
  };
  return unspecified ? { ok: plan, refuse: ['ConflictError'], why: 'a locked global tag without snapshot would change (unspecified)' } : { ok: plan };
}

function sameMap(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

/** Whether global tag `g` of `a` (bound `boundA`) and the tags of its map in `b` (bound `boundB`) answer alike at every time. */
function answersAlike(a: DbModel, g: GlobalTagState, boundA: number, b: DbModel, boundB: number): boolean {
  for (const tagName of g.entries.values()) {
    const ta = a.tags.get(tagName)!;
    const tb = b.tags.get(tagName)!;
    if (ta.timeType !== tb.timeType || ta.version !== tb.version) return false;
    if (!sameView(ta.rows, boundA, tb.rows, boundB)) return false;
  }
  return true;
}
