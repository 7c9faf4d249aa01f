import { isTime, timeToJson } from '@nucal/core';

/**
 * The JSON text of a response: times in core's one lossless JSON form (`timeToJson`: kind,
 * decimal strings, text), other bigints as decimal strings, dates as ISO-8601 (their
 * `toJSON`). The same rules as the CLI's `--json`, so a client reads both alike.
 *
 * @example jsonBody({ since: runTime(42) }) // '{"since":{"kind":"run","run":"42","subrun":"0","text":"42"}}'
 */
export function jsonBody(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (isTime(v)) return timeToJson(v);
    return typeof v === 'bigint' ? v.toString() : v;
  });
}
