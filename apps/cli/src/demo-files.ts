import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { ConflictError, ValidationError } from '@nucal/core';
import { readFileMark, type FileMark } from '@nucal/conditions-db';

/** The global tag the demo exports; its export's mark names it. */
export const DEMO_EXPORT_GLOBAL_TAG = 'demo-reco-v1';

const SIDECARS = ['-wal', '-shm', '-journal'];

/** The demo's own database: created by `nucal demo` with the mark `{ kind: 'demo' }`. */
function isDemoDatabase(mark: FileMark | null): boolean {
  return mark?.kind === 'demo';
}

/**
 * The demo's own export: an export file (mark kind `export`) of the demo's global tag.
 * conditions-db writes the note `export of global tag <name> from <db> at <time>`.
 */
function isDemoExport(mark: FileMark | null): boolean {
  return mark?.kind === 'export' && (mark.note ?? '').includes(`global tag ${DEMO_EXPORT_GLOBAL_TAG} `);
}

/**
 * Removes what a previous `nucal demo` left at these paths, and nothing else: an existing
 * file is deleted only when its mark shows the demo made it. Everything is checked before
 * anything is deleted, so a refusal leaves both files as they were.
 */
export async function clearDemoFiles(dbFile: string, exportFile: string): Promise<void> {
  if (resolve(dbFile) === resolve(exportFile)) throw new ValidationError(`--db and --export are the same file ${dbFile}: expected two different paths`);
  const doomed: string[] = [];
  const plan = [
    { file: dbFile, option: '--db', ours: isDemoDatabase, what: 'a database' },
    { file: exportFile, option: '--export', ours: isDemoExport, what: 'an export' },
  ];
  for (const p of plan) {
    if (existsSync(p.file)) {
      if (!p.ours(await readFileMark(p.file))) {
        throw new ConflictError(`${p.option} ${p.file} exists and is not ${p.what} made by nucal demo: refusing to delete it (choose another ${p.option} path, or remove the file yourself)`);
      }
      doomed.push(p.file, ...SIDECARS.map((s) => p.file + s));
    } else {
      // A journal without its database is someone else's leftover; SQLite would replay a
      // stale -wal into the new file, so it is neither used nor silently deleted.
      const orphan = SIDECARS.map((s) => p.file + s).find((f) => existsSync(f));
      if (orphan) throw new ConflictError(`${orphan} exists without ${p.file}: refusing to create ${p.what} for the demo beside it (remove it or choose another ${p.option} path)`);
    }
  }
  for (const f of doomed) rmSync(f, { force: true });
}
