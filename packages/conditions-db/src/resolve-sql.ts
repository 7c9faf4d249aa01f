/**
 * The two lookups behind every resolution, each one statement so that a resolution costs one
 * round trip. Parameters are bound as decimal strings for times (exact 64-bit) and numbers
 * for insertion stamps (microseconds). The chosen row is the greatest since at or before
 * the time, and among rows at that since the last written (highest row id: the database's
 * sequence, never a clock); its end is the next greater
 * since. Rows inserted after the "as of" bound (and after the global tag's snapshot) are
 * invisible to both.
 */
const PICK = `CAST(i.since AS TEXT) AS since, i.inserted_at AS inserted_at, p.hash AS hash, p.data AS data,
  t.name AS tag, t.time_type AS time_type, t.record_name AS record_name, t.record_version AS record_version,
  (SELECT CAST(MIN(n.since) AS TEXT) FROM iovs n WHERE n.tag_id = i.tag_id AND n.since > i.since AND n.inserted_at <= :bound) AS until`;

/**
 * The chosen IOV row as a correlated subquery with ORDER BY ... LIMIT 1 on the tag's index:
 * both engines walk the (tag_id, since, id, inserted_at) index backwards and stop at the first
 * visible row, instead of joining every earlier IOV of the tag before sorting (which
 * PostgreSQL's planner did right after a bulk load, at ~3 ms a lookup).
 */
const CHOSEN = `(SELECT j.id FROM iovs j WHERE j.tag_id = t.id AND j.since <= :at AND j.inserted_at <= :bound
  ORDER BY j.since DESC, j.id DESC LIMIT 1)`;

/** Parameters: tag, at, bound. */
export const RESOLVE_BY_TAG = `SELECT ${PICK}
FROM tags t
JOIN iovs i ON i.id = ${CHOSEN}
JOIN payloads p ON p.hash = i.payload_hash
WHERE t.name = :tag`;

/** The insertion-time bound through a global tag: its snapshot when earlier than the asked bound. */
const GT_BOUND = '(CASE WHEN g.snapshot_at IS NOT NULL AND g.snapshot_at < :bound THEN g.snapshot_at ELSE :bound END)';

/** Parameters: gt, record, at, bound (the snapshot, when earlier, is applied in SQL). */
export const RESOLVE_BY_GLOBAL_TAG = `SELECT ${PICK.replaceAll(':bound', GT_BOUND)}
FROM global_tags g
JOIN global_tag_entries e ON e.global_tag_id = g.id AND e.record_name = :record
JOIN tags t ON t.id = e.tag_id
JOIN iovs i ON i.id = ${CHOSEN.replaceAll(':bound', GT_BOUND)}
JOIN payloads p ON p.hash = i.payload_hash
WHERE g.name = :gt`;

/**
 * Turns `:name` placeholders into positional ones (`?` for SQLite, `$1, $2, ...` for
 * PostgreSQL with `placeholder`) and returns the binding order.
 */
export function positional(sql: string, placeholder: (index: number) => string = () => '?'): { sql: string; names: string[] } {
  const names: string[] = [];
  const out = sql.replace(/:([a-z]+)/g, (_, n: string) => placeholder(names.push(n)));
  return { sql: out, names };
}
