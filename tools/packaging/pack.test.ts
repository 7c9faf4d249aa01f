/**
 * Packaging test: the published packages install and work outside this repository.
 *
 * 1. Each package.json: license and LICENSE, engines, repository, an exports map whose targets
 *    exist, zod a peer, every runtime dependency used by the built code and every import of
 *    the built code declared.
 * 2. `npm pack` of every package: what the tarball holds (dist, README, LICENSE; no source
 *    maps, tests, fixtures or benchmarks) and that every relative import in it is in it.
 * 3. The tarballs installed together into an empty project (npm 11, `allowScripts` for
 *    sqlite3), where an ES module program, a CommonJS program (require(esm)), a program
 *    with pg hidden (an optional peer), the `nucal` binary and `tsc --strict` on a
 *    TypeScript program against the installed types must all work.
 *
 * Needs the packages built (`npm test` builds first; otherwise `npm run build`). About two
 * minutes, most of it compiling sqlite3 from source in the empty project.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const INSTALL_TIMEOUT_MS = 420_000;

interface PackageJson {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  repository?: { type?: string; url?: string; directory?: string };
  main?: string;
  types?: string;
  bin?: Record<string, string>;
  exports?: Record<string, unknown>;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  devDependencies?: Record<string, string>;
}

interface Workspace {
  /** Directory relative to the root, e.g. `packages/core`. */
  readonly dir: string;
  readonly json: PackageJson;
  /** The command-line application: its library entry is import-only (see the root README). */
  readonly isApp: boolean;
}

const rootJson = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as PackageJson;

/** Every publishable workspace (not `private`). */
function publishedWorkspaces(): Workspace[] {
  const out: Workspace[] = [];
  for (const group of ['packages', 'apps']) {
    for (const name of readdirSync(join(ROOT, group)).sort()) {
      const pj = join(ROOT, group, name, 'package.json');
      if (!existsSync(pj)) continue;
      const json = JSON.parse(readFileSync(pj, 'utf8')) as PackageJson;
      if (json.private) continue;
      out.push({ dir: `${group}/${name}`, json, isApp: group === 'apps' });
    }
  }
  return out;
}

const WORKSPACES = publishedWorkspaces();
const LIBRARIES = WORKSPACES.filter((w) => !w.isApp);

/** Runtime dependencies the built code does not import itself, and why they are there. */
const LOADED_INDIRECTLY: Record<string, Record<string, string>> = {
  '@nucal/cli': { pg: 'knex loads it for postgres:// databases' },
  '@nucal/conditions-browser': {
    vega: 'its browser build is served to the pages as a file',
    'vega-lite': 'its browser build is served to the pages as a file',
    'vega-embed': 'its browser build is served to the pages as a file',
  },
};

/** Every file under a directory, relative to it, with `/` separators. */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(relative(dir, p).split('\\').join('/'));
    }
  };
  walk(dir);
  return out;
}

/** Module specifiers of the imports and re-exports (static and dynamic) in a JS or .d.ts file. */
function specifiers(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const out: string[] = [];
  for (const m of code.matchAll(/(?:^|[;}])\s*(?:import|export)\b[^;'"`]*?\bfrom\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of code.matchAll(/(?:^|[;}])\s*import\s*['"]([^'"]+)['"]/gm)) out.push(m[1]!);
  for (const m of code.matchAll(/\b(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) out.push(m[1]!);
  return out;
}

/** `zod/v4` -> `zod`, `@scope/x/y` -> `@scope/x`. */
function packageOf(spec: string): string {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

const BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));

/** The bare specifiers imported by a workspace's built code, per package name. */
function bareImports(w: Workspace, ext: RegExp): Map<string, string[]> {
  const dist = join(ROOT, w.dir, 'dist');
  const found = new Map<string, string[]>();
  for (const f of filesUnder(dist).filter((f) => ext.test(f))) {
    for (const s of specifiers(readFileSync(join(dist, f), 'utf8'))) {
      if (s.startsWith('.') || s.startsWith('/') || BUILTINS.has(s) || s.startsWith('node:')) continue;
      const p = packageOf(s);
      found.set(p, [...(found.get(p) ?? []), `dist/${f}`]);
    }
  }
  return found;
}

/** Every file path an exports map, main, types and bin point to. */
function entryTargets(json: PackageJson): string[] {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (typeof v === 'string') out.add(posix.normalize(v));
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(json.exports);
  for (const v of [json.main, json.types, ...Object.values(json.bin ?? {})]) if (v) out.add(posix.normalize(v));
  return [...out];
}

interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * The environment of the commands run in the empty project: without the npm_* variables that
 * `npm test` sets for its scripts (they describe this repository, its workspaces and prefix).
 */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^npm_(package|lifecycle|config_(local_prefix|prefix|workspaces?|include_workspace_root|global))|^npm_command$|^INIT_CWD$/i.test(k)) continue;
    env[k] = v;
  }
  return env;
}

function run(cmd: string, args: string[], opts: SpawnSyncOptions & { cwd: string }): RunResult {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, env: cleanEnv(), ...opts });
  if (r.error) throw r.error;
  return { status: r.status, stdout: String(r.stdout ?? ''), stderr: String(r.stderr ?? '') };
}

/** The output of a failed command, for the assertion message. */
function explain(what: string, r: RunResult): string {
  const tail = (s: string) => s.trim().split('\n').slice(-40).join('\n');
  return `${what} exited with ${r.status}\n--- stdout\n${tail(r.stdout)}\n--- stderr\n${tail(r.stderr)}`;
}

const missingBuild = WORKSPACES.filter((w) => !existsSync(join(ROOT, w.dir, 'dist', 'index.js')) || !existsSync(join(ROOT, w.dir, 'dist', 'index.d.ts')));

describe('packaging: built', () => {
  it('every published package is built (dist/index.js and dist/index.d.ts)', () => {
    expect(missingBuild.map((w) => w.json.name), 'not built: run `npm run build` first (`npm test` builds before testing)').toEqual([]);
  });
});

describe.each(WORKSPACES.map((w) => [w.json.name, w] as const))('packaging: %s package.json', (_name, w) => {
  const json = w.json;

  it('is MIT with a LICENSE file, engines and repository of the monorepo', () => {
    expect(json.license).toBe('MIT');
    expect(readFileSync(join(ROOT, w.dir, 'LICENSE'), 'utf8')).toMatch(/^MIT License/);
    expect(json.engines?.node).toBe(rootJson.engines?.node);
    expect(json.repository).toMatchObject({ type: 'git', directory: w.dir });
    expect(json.repository?.url).toMatch(/^git\+https:\/\/\S+\.git$/);
  });

  it('has an exports map that require() and TypeScript can use, pointing at built files', () => {
    const dot = json.exports?.['.'] as Record<string, string> | undefined;
    expect(dot, 'exports["."]').toBeTypeOf('object');
    // `types` first: resolvers take the first matching condition.
    expect(Object.keys(dot!)[0]).toBe('types');
    expect(dot!.import).toBe('./dist/index.js');
    if (w.isApp) {
      // The CLI's library entry reaches vega, which has a top-level await: import() only.
      expect(dot!.default).toBeUndefined();
    } else {
      expect(dot!.default, 'a `default` condition, so that require() finds the package').toBe('./dist/index.js');
    }
    expect(json.exports?.['./package.json']).toBe('./package.json');
    for (const t of entryTargets(json)) expect(existsSync(join(ROOT, w.dir, t)), `${t} (main, types, bin or exports) exists`).toBe(true);
  });

  it('declares what its built code imports, and uses what it declares at run time', () => {
    const deps = json.dependencies ?? {};
    const peers = json.peerDependencies ?? {};
    const js = bareImports(w, /\.js$/);
    const dts = bareImports(w, /\.d\.ts$/);
    const undeclared = [...new Set([...js.keys(), ...dts.keys()])].filter((p) => p !== json.name && !(p in deps) && !(p in peers));
    expect(undeclared.map((p) => `${p} (imported by ${(js.get(p) ?? dts.get(p))![0]})`), 'imported but not in dependencies or peerDependencies').toEqual([]);
    const indirect = LOADED_INDIRECTLY[json.name] ?? {};
    // Third-party packages only (a sibling @nucal package is installed with the others anyway);
    // a package the declarations import is needed by TypeScript users, so it counts as used.
    const unused = Object.keys(deps).filter((d) => !d.startsWith('@nucal/') && !js.has(d) && !dts.has(d) && !(d in indirect));
    expect(unused, 'runtime dependencies the built code never imports (test-only? move them to devDependencies)').toEqual([]);
    // Every peer is installed in the workspace for the package's own tests.
    for (const p of Object.keys(peers)) expect(json.devDependencies?.[p], `${p} is a peer and a devDependency`).toBe(peers[p]);
  });

  // An app may depend on zod and pg at run time; the rule is for libraries, so apps have no such test.
  if (!w.isApp) it('takes zod from the project (a peer dependency), and pg only when asked for', () => {
    expect(json.dependencies?.zod, 'zod is not a runtime dependency of a library').toBeUndefined();
    if (bareImports(w, /\.(js|d\.ts)$/).has('zod')) expect(json.peerDependencies?.zod).toMatch(/^\^4\./);
    expect(json.dependencies?.pg, 'pg is not a runtime dependency of a library').toBeUndefined();
    if (json.peerDependencies?.pg) expect(json.peerDependenciesMeta?.pg?.optional).toBe(true);
  });
});

interface PackResult {
  name: string;
  version: string;
  filename: string;
  files: { path: string }[];
}

describe.skipIf(missingBuild.length > 0)('packaging: packed and installed in an empty project', () => {
  let work = '';
  let app = '';
  let packed: PackResult[] = [];
  /** What each package's dist/ held when it was packed (others may rebuild meanwhile). */
  const builtAtPack = new Map<string, string[]>();
  /** Where each tarball was unpacked (its `package/` folder), by package name. */
  const unpacked = new Map<string, string>();
  let install: RunResult | undefined;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'nucal-pack-'));
    const tarballs = join(work, 'tarballs');
    app = join(work, 'app');
    mkdirSync(tarballs);
    for (const w of WORKSPACES) builtAtPack.set(w.json.name, filesUnder(join(ROOT, w.dir, 'dist')).map((f) => `dist/${f}`));
    const pack = run('npm', ['pack', '--json', '--pack-destination', tarballs, ...WORKSPACES.flatMap((w) => ['-w', w.json.name])], { cwd: ROOT });
    if (pack.status !== 0) throw new Error(explain('npm pack', pack));
    packed = JSON.parse(pack.stdout) as PackResult[];
    for (const p of packed) {
      const into = join(work, 'unpacked', p.filename.replace(/\.tgz$/, ''));
      mkdirSync(into, { recursive: true });
      const tar = run('tar', ['-xzf', join(tarballs, p.filename), '-C', into], { cwd: work });
      if (tar.status !== 0) throw new Error(explain(`tar -xzf ${p.filename}`, tar));
      unpacked.set(p.name, join(into, 'package'));
    }
    // A consumer's project: npm 11 runs sqlite3's install script (its native build) only when allowed.
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), `${JSON.stringify({ name: 'nucal-consumer', version: '1.0.0', private: true, allowScripts: { sqlite3: true } }, null, 2)}\n`);
    install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...packed.map((p) => join(tarballs, p.filename))], { cwd: app });
    writeProgrammes(app);
  }, INSTALL_TIMEOUT_MS);

  afterAll(() => {
    if (work && !process.env.NUCAL_KEEP_PACK_DIR) rmSync(work, { recursive: true, force: true });
    else if (work) console.log(`packaging test directory kept: ${work}`);
  });

  it('packs every published package', () => {
    expect(packed.map((p) => p.name).sort()).toEqual(WORKSPACES.map((w) => w.json.name).sort());
  });

  it.each(WORKSPACES.map((w) => [w.json.name, w] as const))('%s: the tarball holds the built code, README, LICENSE and its other `files`, no tests', (name, w) => {
    const files = filesUnder(unpacked.get(name)!).sort();
    expect(files).toEqual(packed.find((p) => p.name === name)!.files.map((f) => f.path).sort());
    const set = new Set(files);
    for (const f of ['package.json', 'README.md', 'LICENSE']) expect(set.has(f), `${f} in the tarball`).toBe(true);
    const listed = (w.json.files ?? []).map((f) => f.replace(/\/$/, ''));
    const allowed = (f: string) => ['package.json', 'README.md', 'LICENSE'].includes(f) || listed.some((l) => f === l || f.startsWith(`${l}/`));
    expect(files.filter((f) => !allowed(f)), 'files not listed in `files`').toEqual([]);
    const testish = /(\.map$|\.test\.|\.spec\.|test-fixtures|test-support|\.bench\.|(^|\/)(test|tests|__tests__|fixtures|bench)\/|\.tsbuildinfo$)/;
    expect(files.filter((f) => testish.test(f)), 'source maps (their sources are not shipped), tests, fixtures, benchmarks').toEqual([]);
    // A file dist/ held when packed but the tarball does not means `files` left it out.
    expect(builtAtPack.get(name)!.filter((f) => !set.has(f)), 'built files left out of the tarball').toEqual([]);
    for (const t of entryTargets(w.json)) expect(set.has(t), `${t} (main, types, bin or exports) in the tarball`).toBe(true);
    const broken: string[] = [];
    for (const f of files.filter((f) => /\.(js|d\.ts)$/.test(f))) {
      for (const s of specifiers(readFileSync(join(unpacked.get(name)!, f), 'utf8')).filter((s) => s.startsWith('.'))) {
        const target = posix.normalize(posix.join(posix.dirname(f), s));
        const candidates = f.endsWith('.d.ts') ? [target, target.replace(/\.js$/, '.d.ts')] : [target];
        if (!candidates.some((c) => set.has(c))) broken.push(`${f} -> ${s}`);
      }
    }
    expect(broken, 'relative imports to files missing from the tarball').toEqual([]);
  });

  it('npm installs the tarballs (sqlite3 built from source, zod as the peer)', () => {
    expect(install!.status, explain('npm install of the tarballs', install!)).toBe(0);
    const lock = JSON.parse(readFileSync(join(app, 'package-lock.json'), 'utf8')) as { packages: Record<string, { resolved?: string; version?: string; peer?: boolean }> };
    for (const w of WORKSPACES) {
      const entry = lock.packages[`node_modules/${w.json.name}`];
      expect(entry?.resolved, `${w.json.name} installed from its tarball, not from a registry`).toMatch(/^file:/);
    }
    expect(existsSync(join(app, 'node_modules/zod/package.json')), 'zod installed as the peer').toBe(true);
    expect(existsSync(join(app, 'node_modules/sqlite3/build/Release/node_sqlite3.node')), 'sqlite3 built').toBe(true);
  });

  it('an ES module program imports every package and uses it', () => {
    const r = run(process.execPath, ['esm.mjs'], { cwd: app });
    expect(r.status, explain('node esm.mjs', r)).toBe(0);
    expect(r.stdout).toContain('esm ok');
  });

  it('a CommonJS program require()s every library package and uses it', () => {
    const r = run(process.execPath, ['cjs.cjs'], { cwd: app });
    expect(r.status, explain('node cjs.cjs', r)).toBe(0);
    expect(r.stdout).toContain('cjs ok');
  });

  it('without the optional pg, opening a postgres:// URL says to install it', () => {
    // Only the CLI depends on pg: hide it, as in a project of the libraries alone.
    const pg = join(app, 'node_modules', 'pg');
    const hidden = join(app, 'node_modules', '.pg-hidden');
    renameSync(pg, hidden);
    try {
      const r = run(process.execPath, ['no-pg.mjs'], { cwd: app });
      expect(r.status, explain('node no-pg.mjs', r)).toBe(0);
      expect(r.stdout).toContain('no-pg ok');
    } finally {
      renameSync(hidden, pg);
    }
  });

  it('the nucal binary runs', () => {
    const bin = join(app, 'node_modules', '.bin', 'nucal');
    const help = run(bin, ['--help'], { cwd: app });
    expect(help.status, explain('nucal --help', help)).toBe(0);
    expect(help.stdout).toMatch(/Usage: nucal/);
    const init = run(bin, ['db', 'init', '--db', 'cli.sqlite'], { cwd: app });
    expect(init.status, explain('nucal db init', init)).toBe(0);
    expect(existsSync(join(app, 'cli.sqlite'))).toBe(true);
  });

  it('tsc --strict checks a TypeScript program (ESM and CommonJS) against the installed types', () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = run(process.execPath, [tsc, '-p', 'tsconfig.json', '--strict'], { cwd: app });
    expect(r.status, explain('tsc --strict', r)).toBe(0);
  });
});

/** The consumer's programs: ESM, CommonJS and TypeScript. */
function writeProgrammes(app: string): void {
  // Shared by the ESM and CommonJS programs: the same calls through either loader.
  const body = `
const t = core.parseTime('2026-11-24T00:00:00Z', 'timestamp');
assert.equal(t.kind, 'timestamp');
assert.equal(core.formatTime(t), '1795478400000000000');
const u = numeric.createRng(1).uniform();
assert.ok(u >= 0 && u < 1);
assert.equal(numeric.createRng(1).uniform(), u, 'seeded streams repeat');
assert.equal(typeof geometry.duneFdSpModule(), 'object');
assert.equal(sources.getSource('Co-60').id, 'Co-60');
assert.ok(optics.cherenkovThresholdMeV(1.5) > 0);
assert.equal(typeof nonlinearity.fNonlin, 'function');
assert.ok(tpcDrift.driftVelocityMmPerUs(0.5, 87) > 1);
assert.ok(cosmics.betheDedxMeVPerCm(cosmics.liquidArgon(), 3.5) > 1);

// zod is the project's (the peer): a zod 3 schema is refused by name.
assert.throws(
  () => core.defineRecord({ name: 'demo.old', version: 1, schema: z3.object({ y: z3.number() }), description: '' }),
  (e) => e instanceof core.ValidationError && /expected a zod 4 schema/.test(e.message),
);
const record = core.defineRecord({ name: 'demo.scale', version: 1, schema: z.object({ y0PePerMeV: z.number().positive() }), description: 'light yield' });

// A SQLite file from scratch: register, append, resolve.
const db = await conditionsDb.openConditionsDb({ url: path.join(dir, loader + '.sqlite'), create: true });
try {
  await db.registerRecord(record);
  await db.createTag({ name: 'scale-run', record: 'demo.scale', timeType: 'run' });
  await db.appendIov('scale-run', { since: core.parseTime('100', 'run'), payload: { y0PePerMeV: 1345 }, provenance: { plugin: { id: 'demo.manual', version: '1' }, input: { description: 'packaging test' } } });
  const r = await db.resolve({ tag: 'scale-run', record, at: core.parseTime('150', 'run') });
  assert.deepEqual(r.payload, { y0PePerMeV: 1345 });
} finally {
  await db.close();
}

// pg is here (the CLI depends on it): knex loads it, and nothing listens on port 1.
await assert.rejects(
  conditionsDb.openConditionsDb({ url: 'postgres://calib:s3cret@127.0.0.1:1/conditions' }),
  (e) => e instanceof core.DatabaseError && e.reason === 'unreachable',
);
`;
  const names = `core, numeric, geometry, sources, optics, nonlinearity, tpcDrift, cosmics, conditionsDb`;
  writeFileSync(
    join(app, 'esm.mjs'),
    `import assert from 'node:assert/strict';
import path from 'node:path';
import { z } from 'zod';
import { z as z3 } from 'zod/v3';
import * as core from '@nucal/core';
import * as numeric from '@nucal/numeric';
import * as geometry from '@nucal/geometry';
import * as sources from '@nucal/sources';
import * as optics from '@nucal/optics';
import * as nonlinearity from '@nucal/nonlinearity';
import * as tpcDrift from '@nucal/tpc-drift';
import * as cosmics from '@nucal/cosmics';
import * as conditionsDb from '@nucal/conditions-db';
import * as cli from '@nucal/cli';

const dir = path.dirname(new URL(import.meta.url).pathname);
const loader = 'esm';
assert.equal(typeof cli.buildProgram, 'function');
${body}
console.log('esm ok');
`,
  );
  writeFileSync(
    join(app, 'no-pg.mjs'),
    `import assert from 'node:assert/strict';
import { DatabaseError } from '@nucal/core';
import { openConditionsDb } from '@nucal/conditions-db';

await assert.rejects(openConditionsDb({ url: 'postgres://calib:s3cret@127.0.0.1:1/conditions' }), (e) => {
  assert.ok(e instanceof DatabaseError, String(e));
  assert.match(e.message, /needs the optional "pg" package: run \`npm install pg\`/);
  assert.doesNotMatch(e.message, /s3cret/);
  return true;
});
console.log('no-pg ok');
`,
  );
  writeFileSync(
    join(app, 'cjs.cjs'),
    `'use strict';
const assert = require('node:assert/strict');
const path = require('node:path');
const { z } = require('zod');
const { z: z3 } = require('zod/v3');
const [${names}] = [
  '@nucal/core', '@nucal/numeric', '@nucal/geometry', '@nucal/sources', '@nucal/optics',
  '@nucal/nonlinearity', '@nucal/tpc-drift', '@nucal/cosmics', '@nucal/conditions-db',
].map((m) => require(m));
const dir = __dirname;
const loader = 'cjs';
(async () => {
${body}
console.log('cjs ok');
})().catch((e) => { console.error(e); process.exit(1); });
`,
  );
  writeFileSync(
    join(app, 'main.mts'),
    `import { z } from 'zod';
import { defineRecord, parseTime, ValidationError, type RecordRef, type Time } from '@nucal/core';
import { openConditionsDb, type ConditionsDb } from '@nucal/conditions-db';
import { createRng, type Rng } from '@nucal/numeric';
import { duneFdSpModule, type LArTpcModule } from '@nucal/geometry';
import { getSource, type CalibrationSource } from '@nucal/sources';
import { cherenkovThresholdMeV } from '@nucal/optics';
import { fNonlin } from '@nucal/nonlinearity';
import { driftVelocityMmPerUs } from '@nucal/tpc-drift';
import { betheDedxMeVPerCm, liquidArgon } from '@nucal/cosmics';
import { buildProgram } from '@nucal/cli';

const record: RecordRef<{ y0PePerMeV: number }> = defineRecord({ name: 'demo.scale', version: 1, schema: z.object({ y0PePerMeV: z.number() }), description: '' });
const at: Time = parseTime('100', 'run');
const rng: Rng = createRng(1);
// @ts-expect-error the installed types are real types, not any
const notANumber: string = rng.uniform();
const module: LArTpcModule = duneFdSpModule();
const source: CalibrationSource = getSource('Co-60');
const numbers: number[] = [cherenkovThresholdMeV(1.5), driftVelocityMmPerUs(0.5, 87), betheDedxMeVPerCm(liquidArgon(), 3.5)];
const db: Promise<ConditionsDb> = openConditionsDb({ url: 'x.sqlite', create: true });
async function payload(d: ConditionsDb): Promise<number> {
  const r = await d.resolve({ tag: 'scale-run', record, at });
  return r.payload.y0PePerMeV;
}
export { notANumber, module, source, numbers, db, payload, fNonlin, buildProgram, ValidationError };
`,
  );
  writeFileSync(
    join(app, 'main.cts'),
    `import core = require('@nucal/core');
import conditionsDb = require('@nucal/conditions-db');
import numeric = require('@nucal/numeric');

const at: import('@nucal/core').Time = core.parseTime('100', 'run');
const rng: import('@nucal/numeric').Rng = numeric.createRng(1);
const open: (o: { url: string; create: boolean }) => Promise<import('@nucal/conditions-db').ConditionsDb> = conditionsDb.openConditionsDb;
export = { at, rng, open };
`,
  );
  writeFileSync(
    join(app, 'tsconfig.json'),
    `${JSON.stringify(
      {
        compilerOptions: {
          strict: true,
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          noEmit: true,
          // The installed declaration files are checked as well, not skipped.
          skipLibCheck: false,
          types: ['node'],
          typeRoots: [join(ROOT, 'node_modules', '@types')],
        },
        files: ['main.mts', 'main.cts'],
      },
      null,
      2,
    )}\n`,
  );
}
