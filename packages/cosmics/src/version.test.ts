import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cosmicsPlugin } from './cosmics-plugin.js';
import { COSMICS_VERSION } from './version.js';

describe('COSMICS_VERSION', () => {
  it('equals the version in package.json, and the plugin reports it', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(COSMICS_VERSION).toBe(pkg.version);
    expect(cosmicsPlugin().version).toBe(pkg.version);
  });
});
