/**
 * Insertion times are integer microseconds since the epoch: finer than Date (ms), so rows
 * written in one burst keep their order for "as of" lookups, and still exact in a JS number.
 */
let last = 0;

/** Current time in microseconds since the epoch, strictly increasing within this process. */
export function nowMicros(): number {
  // Wall clock, shared by every process on the machine; the counter only breaks ties.
  const t = Date.now() * 1000;
  last = t > last ? t : last + 1;
  return last;
}

/** Microseconds since the epoch of a Date. */
export function dateToMicros(d: Date): number {
  return d.getTime() * 1000;
}

/** Date of a microsecond timestamp (ms precision). */
export function microsToDate(us: number): Date {
  return new Date(Math.floor(us / 1000));
}
