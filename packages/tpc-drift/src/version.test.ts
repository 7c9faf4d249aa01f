import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TPC_DRIFT_VERSION } from './version.js';

describe('TPC_DRIFT_VERSION', () => {
  it('equals the version in package.json (the dune.hits plugin reports it)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(TPC_DRIFT_VERSION).toBe(pkg.version);
  });
});
