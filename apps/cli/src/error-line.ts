import type { ErrorReport } from './error-report.js';

/**
 * What goes to stderr for a failure. People get `error: <message>; <advice>` on one line;
 * with --json, programs get exactly one JSON object on one line:
 * `{"error":{"code":...,"reason"?:...,"message":...,"advice"?:...}}`. Only NUCAL_DEBUG adds
 * the stack (more lines for people, a "stack" field in the JSON object).
 */
export function formatErrorReport(r: ErrorReport, json: boolean): string {
  if (json) {
    const error = {
      code: r.code,
      ...(r.reason ? { reason: r.reason } : {}),
      message: r.message,
      ...(r.advice ? { advice: r.advice } : {}),
      ...(r.stack ? { stack: r.stack } : {}),
    };
    return JSON.stringify({ error });
  }
  const line = `error: ${r.message}${r.advice ? `; ${r.advice}` : ''}`;
  return r.stack ? `${line}\n${r.stack}` : line;
}
