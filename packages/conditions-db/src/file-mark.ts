import { existsSync } from 'node:fs';
import sqlite3 from 'sqlite3';
import { z } from 'zod';

/** What made a standalone SQLite file: an export (read-only by default) or the demo. */
export const FileMarkSchema = z.object({
  kind: z.enum(['export', 'demo']),
  note: z.string().optional(),
});
export type FileMark = z.infer<typeof FileMarkSchema>;

/** nucal_meta key of the mark. */
export const FILE_MARK_KEY = 'file_mark';

/**
 * The mark of an existing SQLite file, read without writing anything (the file is opened
 * read-only); null when it has none, is not a nucal database or does not exist.
 *
 * @example
 * if ((await readFileMark('reco.sqlite'))?.kind === 'export') console.log('an exported snapshot');
 */
export async function readFileMark(file: string): Promise<FileMark | null> {
  if (!existsSync(file)) return null;
  return new Promise((resolve) => {
    const db = new sqlite3.Database(file, sqlite3.OPEN_READONLY, (err) => {
      if (err) return resolve(null);
      db.get(`SELECT value FROM nucal_meta WHERE key = '${FILE_MARK_KEY}'`, (e: Error | null, row: { value?: string } | undefined) => {
        db.close(() => {
          if (e || !row?.value) return resolve(null);
          try {
            const parsed = FileMarkSchema.safeParse(JSON.parse(row.value));
            resolve(parsed.success ? parsed.data : null);
          } catch {
            resolve(null);
          }
        });
      });
    });
  });
}
