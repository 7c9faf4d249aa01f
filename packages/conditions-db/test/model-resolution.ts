/**
 * What a tag's rows mean (spec rules 4 and 5), as pure functions over the rows of one tag
 * in insertion order (the array index is the database sequence).
 */

/** One IOV row as the model keeps it. */
export interface Row {
  readonly since: bigint;
  readonly hash: string;
  /** The validated payload, as resolve must return it. */
  readonly payload: unknown;
  /** Global order of the write transaction that first wrote it (kept by export and import). */
  readonly stamp: number;
  /** The database's stamp floored to the millisecond (AppendResult.insertedAt). */
  readonly ms: number;
}

/**
 * Which rows a lookup sees: stamp <= `stamp` (a global tag's snapshot, exact) and
 * floor(stamp_ms) <= `ms` (an as-of Date: its whole millisecond is included).
 */
export interface Bound {
  readonly stamp: number;
  readonly ms: number;
}

export const UNBOUNDED: Bound = { stamp: Infinity, ms: Infinity };

export const visible = (r: Row, b: Bound): boolean => r.stamp <= b.stamp && r.ms <= b.ms;

/** One effective IOV: the winner (highest sequence) among the visible rows at a since. */
export interface EffectiveIov {
  readonly since: bigint;
  readonly until: bigint | null;
  readonly row: Row;
}

/** The effective sequence of a tag under a bound, in since order. */
export function effective(rows: readonly Row[], bound: Bound): EffectiveIov[] {
  const winner = new Map<bigint, Row>();
  // Later rows (higher sequence) overwrite earlier ones at the same since.
  for (const r of rows) if (visible(r, bound)) winner.set(r.since, r);
  const sinces = [...winner.keys()].sort(compareBig);
  return sinces.map((since, i) => ({ since, until: sinces[i + 1] ?? null, row: winner.get(since)! }));
}

/** The IOV valid at `at`: the greatest visible since <= at; null when there is none. */
export function lookup(rows: readonly Row[], at: bigint, bound: Bound): EffectiveIov | null {
  const eff = effective(rows, bound);
  let lo = 0;
  let hi = eff.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (eff[mid]!.since <= at) lo = mid + 1;
    else hi = mid;
  }
  return lo === 0 ? null : eff[lo - 1]!;
}

/** Every visible row in (since, sequence) order, with whether it is the winner at its since. */
export function history(rows: readonly Row[], bound: Bound): { row: Row; current: boolean }[] {
  const vis = rows.filter((r) => visible(r, bound));
  const winner = new Map<bigint, Row>();
  for (const r of vis) winner.set(r.since, r);
  // A stable sort keeps the sequence order within a since.
  return [...vis].sort((a, b) => compareBig(a.since, b.since)).map((row) => ({ row, current: winner.get(row.since) === row }));
}

/** The greatest since ever written (visible or not): what the back-fill rule compares with. */
export function lastSince(rows: readonly Row[]): bigint | null {
  let last: bigint | null = null;
  for (const r of rows) if (last === null || r.since > last) last = r.since;
  return last;
}

/**
 * Whether two row sets give the same answer (since, until, payload hash) at every time, each
 * under its own stamp bound: what "resolves exactly as in the file" compares. Insertion
 * stamps are not compared: rows an import appends carry the import's stamp (spec rule 2).
 */
export function sameView(a: readonly Row[], boundA: number, b: readonly Row[], boundB: number): boolean {
  const ea = effective(a, { stamp: boundA, ms: Infinity });
  const eb = effective(b, { stamp: boundB, ms: Infinity });
  return ea.length === eb.length && ea.every((x, i) => {
    const y = eb[i]!;
    return x.since === y.since && x.until === y.until && x.row.hash === y.row.hash;
  });
}

export function compareBig(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
