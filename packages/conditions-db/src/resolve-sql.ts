/**
 * The two lookups behind every resolution, each one statement so that a resolution costs one
 * round trip. Parameters are bound as decimal strings for times (exact 64-bit) and numbers
 * for insertion times (microseconds). The chosen row is the greatest since at or before
 * the time, and among rows at that since the latest inserted; its end is the next greater
 * since. Rows inserted after the "as of" bound (and after the global tag's snapshot) are
 * invisible to both.
 */
const PICK = `CAST(i.since AS TEXT) AS since, i.inserted_at AS inserted_at, p.hash AS hash, p.data AS data,
  t.name AS tag, t.time_type AS time_type, t.record_name AS record_name, t.record_version AS record_version,
  (SELECT CAST(MIN(n.since) AS TEXT) FROM iovs n WHERE n.tag_id = i.tag_id AND n.since > i.since AND n.inserted_at <= :bound) AS until`;

/** Parameters: tag, at, bound. */
export const RESOLVE_BY_TAG = `SELECT ${PICK}
FROM tags t JOIN iovs i ON i.tag_id = t.id JOIN payloads p ON p.hash = i.payload_hash
WHERE t.name = :tag AND i.since <= :at AND i.inserted_at <= :bound
ORDER BY i.since DESC, i.inserted_at DESC, i.id DESC LIMIT 1`;

/** Parameters: gt, record, at, bound (the snapshot, when earlier, is applied in SQL). */
export const RESOLVE_BY_GLOBAL_TAG = `SELECT ${PICK.replaceAll(':bound', 'b.bound')}
FROM global_tags g
JOIN global_tag_entries e ON e.global_tag_id = g.id AND e.record_name = :record
JOIN tags t ON t.id = e.tag_id
CROSS JOIN (SELECT CASE WHEN g2.snapshot_at IS NOT NULL AND g2.snapshot_at < :bound THEN g2.snapshot_at ELSE :bound END AS bound
            FROM global_tags g2 WHERE g2.name = :gt) b
JOIN iovs i ON i.tag_id = t.id JOIN payloads p ON p.hash = i.payload_hash
WHERE g.name = :gt AND i.since <= :at AND i.inserted_at <= b.bound
ORDER BY i.since DESC, i.inserted_at DESC, i.id DESC LIMIT 1`;

/** Turns `:name` placeholders into positional `?` with the binding order, for drivers without named parameters. */
export function positional(sql: string): { sql: string; names: string[] } {
  const names: string[] = [];
  const out = sql.replace(/:([a-z]+)/g, (_, n: string) => {
    names.push(n);
    return '?';
  });
  return { sql: out, names };
}
