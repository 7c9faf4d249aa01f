import { ValidationError, type Time } from '@nucal/core';
import type { ConditionsDb, IovInfo } from '@nucal/conditions-db';

/** Most IOVs one plot draws (a page of the database's listing is at most 10,000). */
export const MAX_PLOT_IOVS = 10_000;

/**
 * Every effective IOV of a tag in [from, to), refused above {@link MAX_PLOT_IOVS} with the
 * advice to narrow the range.
 */
export async function iovsForPlot(db: ConditionsDb, tag: string, range: { from?: Time; to?: Time } = {}): Promise<IovInfo[]> {
  const page = await db.listIovs(tag, { ...range, limit: MAX_PLOT_IOVS });
  if (page.nextCursor !== null) throw new ValidationError(`tag ${tag} has more than ${MAX_PLOT_IOVS} IOVs in the range: expected fewer for one plot (narrow it with from= and to=)`);
  return page.items;
}

/** The stored JSON of each IOV's payload (each distinct payload read once), beside its since. */
export async function payloadsOf(db: ConditionsDb, iovs: readonly IovInfo[]): Promise<{ since: Time; payload: unknown }[]> {
  const byHash = new Map<string, unknown>();
  const out: { since: Time; payload: unknown }[] = [];
  for (const iov of iovs) {
    if (!byHash.has(iov.hash)) byHash.set(iov.hash, JSON.parse((await db.getPayload(iov.hash)).canonicalData));
    out.push({ since: iov.since, payload: byHash.get(iov.hash) });
  }
  return out;
}
