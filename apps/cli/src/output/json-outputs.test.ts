import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { payloadHash } from '@nucal/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { prepareDb, type PreparedDb } from '../cli.test-support.js';
import { runCaptured } from '../program.js';
import { OUTPUT_SCHEMAS, outputJsonSchema, schemaFileName } from './schemas.js';

/** Hash of the prepared database's payload {"y0PePerMeV": 1345} of record demo.scale@1. */
const PAYLOAD_1345 = payloadHash({ name: 'demo.scale', version: 1 }, '{"y0PePerMeV":1345}');

/**
 * Every command's --json output against its published schema, on a prepared database: a
 * schema that does not describe what the command prints fails here. (The calibrations'
 * output is validated in their own tests, grant/grants in the PostgreSQL test of db.test.ts.)
 */
describe('--json outputs match their published schemas', () => {
  let p: PreparedDb;
  beforeAll(async () => {
    p = await prepareDb('nucal-json-');
  });

  const cases: [string, (p: PreparedDb) => string[]][] = [
    ['db record list', () => ['db', 'record', 'list']],
    ['db tag list', () => ['db', 'tag', 'list']],
    ['db tag create', () => ['db', 'tag', 'create', 'json-tag', '--record', 'demo.scale', '--time-type', 'run']],
    ['db tag lock', () => ['db', 'tag', 'lock', 'frozen-tag']],
    ['db iov append', () => ['db', 'iov', 'append', 'scale-run', '--since', '300', '--payload', '{"y0PePerMeV": 1360}']],
    ['db iov list', () => ['db', 'iov', 'list', 'scale-run', '--history']],
    ['db gt list', () => ['db', 'gt', 'list']],
    ['db gt show', () => ['db', 'gt', 'show', 'reco']],
    ['db gt create', () => ['db', 'gt', 'create', 'json-gt', '--description', 'x']],
    ['db gt set', () => ['db', 'gt', 'set', 'json-gt', 'demo.scale', 'scale-run']],
    ['db gt lock', () => ['db', 'gt', 'lock', 'json-gt', '--snapshot', 'now']],
    ['db resolve', () => ['db', 'resolve', '--gt', 'reco', '--record', 'demo.scale', '--at', '200:7']],
    ['db diff', () => ['db', 'diff', 'scale-run', 'frozen-tag']],
    ['db diff', () => ['db', 'diff', 'reco', 'draft', '--gt']],
    ['db uses', () => ['db', 'uses', '--tag', 'scale-run']],
    ['db export', (q) => ['db', 'export', 'reco', join(q.dir, 'json-export.sqlite')]],
    ['db import', (q) => ['db', 'import', q.exported, '--dry-run']],
    ['db log', () => ['db', 'log', '--limit', '5']],
    ['db payload show', () => ['db', 'payload', 'show', PAYLOAD_1345.slice(0, 8)]],
    ['db tag show', () => ['db', 'tag', 'show', 'scale-run']],
    ['db record show', () => ['db', 'record', 'show', 'demo.scale']],
    ['db tag clone', () => ['db', 'tag', 'clone', '--from', 'frozen-tag', '--to', 'json-clone']],
    ['db search', () => ['db', 'search', 'scale']],
    ['db plot', () => ['db', 'plot', '--tag', 'scale-run', '--field', 'y0PePerMeV']],
    ['db token create', () => ['db', 'token', 'create', 'json-bot', '--role', 'writer', '--tag-prefix', 'scale-']],
    ['db token list', () => ['db', 'token', 'list']],
    ['db token revoke', () => ['db', 'token', 'revoke', 'json-bot']],
    ['db init', () => ['db', 'init']],
    ['db record register', (q) => ['db', 'record', 'register', '--name', 'demo.scale', '--schema', q.schema]],
    ['plugins list', () => ['plugins', 'list']],
    ['dune stats', () => ['dune', 'stats', '--sample', 'stopping', '--precision', '0.01', '--resolution', '0.2', '--rate', '50']],
    ['dune simulate', (q) => ['dune', 'simulate', '--preset', 'surface-protodune', '--below-energy', '2', '--days', '0.2', '--seed', '1', '--out', join(q.dir, 'json-hits.h5')]],
    // the same file as data and reference: the shapes agree exactly (chi2 0)
    ['dune dedx-check', (q) => ['dune', 'dedx-check', '--input', join(q.dir, 'json-hits.h5'), '--reference', join(q.dir, 'json-hits.h5'), '--replicas', '100']],
    ['juno plan', () => ['juno', 'plan', '--programme', 'weekly']],
    ['juno uniformity', () => ['juno', 'uniformity', '--scenario', 'central', '--events-per-energy', '1000']],
  ];
  for (const [command, argv] of cases) {
    it(`nucal ${command}`, async () => {
      const args = argv(p);
      const withDb = args[0] === 'db' ? [...args, '--db', p.db, '--json'] : [...args, '--json'];
      const r = await runCaptured(withDb);
      expect(r.code, r.err).toBe(0);
      const parsed = OUTPUT_SCHEMAS[command]!.safeParse(JSON.parse(r.out));
      expect(parsed.success, parsed.success ? '' : JSON.stringify(parsed.error.issues.slice(0, 3))).toBe(true);
    });
  }

  it('every command with a schema is exercised here or in its own test', () => {
    const elsewhere = ['calibrate', 'db grant', 'db grants'];
    expect(new Set([...cases.map(([c]) => c), ...elsewhere])).toEqual(new Set(Object.keys(OUTPUT_SCHEMAS)));
  });

  it('the published JSON Schemas in apps/cli/schemas are the current ones (npm run schemas -w @nucal/cli)', () => {
    const dir = fileURLToPath(new URL('../../schemas/', import.meta.url));
    expect(readdirSync(dir).sort()).toEqual(Object.keys(OUTPUT_SCHEMAS).map(schemaFileName).sort());
    for (const command of Object.keys(OUTPUT_SCHEMAS)) {
      expect(JSON.parse(readFileSync(join(dir, schemaFileName(command)), 'utf8')), command).toEqual(outputJsonSchema(command));
    }
  });
});
