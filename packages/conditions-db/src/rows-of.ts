/** Rows of a knex.raw result on either driver (SQLite returns an array, PostgreSQL `{ rows }`). */
export function rowsOf(res: unknown): Record<string, unknown>[] {
  return Array.isArray(res) ? (res as Record<string, unknown>[]) : ((res as { rows: Record<string, unknown>[] }).rows ?? []);
}
