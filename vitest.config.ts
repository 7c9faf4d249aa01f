import { readdirSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Tests import sibling packages from source, so a change in one package is seen by the
// tests of every package that uses it without a rebuild.
const root = fileURLToPath(new URL('.', import.meta.url));
const alias: Record<string, string> = {};
for (const dir of readdirSync(`${root}packages`)) {
  const entry = `${root}packages/${dir}/src/index.ts`;
  if (existsSync(entry)) alias[`@nucal/${dir}`] = entry;
}

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts', 'tools/**/*.test.{ts,mjs}'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // CI asks for a JSON report as well, to print one plain "N passed, N failed" line.
    ...(process.env.NUCAL_TEST_REPORT
      ? { reporters: ['default', 'json'], outputFile: { json: process.env.NUCAL_TEST_REPORT } }
      : {}),
  },
});
