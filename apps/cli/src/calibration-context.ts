import type { Rng } from '@nucal/numeric';
import type { CalibrationContext, Logger } from '@nucal/core';
import type { Io } from './io.js';
import { terminalProgress } from './progress.js';

/** A calibration context for a command: seeded RNG stream, logger to stderr, progress bar. */
export function calibrationContext(io: Io, rng: Rng, opts: { json?: boolean; quiet?: boolean }): CalibrationContext {
  const logger: Logger = {
    debug() {},
    info: (m) => (opts.json || opts.quiet ? undefined : io.err(m)),
    warn: (m) => io.err(`warning: ${m}`),
  };
  return { rng, logger, progress: terminalProgress(!opts.json && !opts.quiet) };
}
