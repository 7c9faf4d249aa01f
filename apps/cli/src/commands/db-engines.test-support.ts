import { describe, it } from 'vitest';
import { freshPostgres, prepareDb, type PreparedDb } from '../cli.test-support.js';

/**
 * Runs a CLI suite on a prepared SQLite database and, when NUCAL_TEST_PG_URL is set, on a
 * prepared PostgreSQL one (CI must set it: there a missing URL fails).
 */
export function describeEngines(title: string, suite: (prepare: () => Promise<PreparedDb>) => void): void {
  describe(`${title} [sqlite]`, () => suite(() => prepareDb('nucal-cli-parity-')));
  const admin = process.env.NUCAL_TEST_PG_URL;
  if (admin) describe(`${title} [postgres]`, () => suite(async () => prepareDb('nucal-cli-parity-pg-', await freshPostgres(admin))));
  else if (process.env.CI) it(`${title} [postgres]: needs NUCAL_TEST_PG_URL in CI`, () => {
    throw new Error('NUCAL_TEST_PG_URL is not set: CI must run the PostgreSQL CLI tests');
  });
}
