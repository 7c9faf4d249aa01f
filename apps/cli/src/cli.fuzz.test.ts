import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { payloadHash } from '@nucal/core';
import seedrandom from 'seedrandom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consoleDuring, freshPostgres, postgresContentHash, prepareDb, STACK_PATTERN, type PreparedDb } from './cli.test-support.js';
import { buildProgram, runCaptured } from './program.js';

/*
 * CLI fuzz test: thousands of random and malformed command lines and input files, run
 * in-process against a prepared SQLite database. Properties:
 * - a failing run (exit code != 0) exits 1 or 2 and prints exactly one non-empty line on
 *   stderr (with --json: one JSON object `{"error":{...}}`; without any --json: `error: ...`),
 *   nothing on stdout, no stack trace, never the password, and changes no file (the database
 *   and its -wal byte-identical, no file created);
 * - a successful run with --json prints valid JSON on stdout;
 * - no run prints to the console behind the CLI's back (a library logging by itself);
 * - no run ever shows the password;
 * - no run takes more than a few seconds (a failure is found at once, never after a fit).
 * NUCAL_FUZZ_SEED and NUCAL_FUZZ_RUNS override the seed and the number of runs; every run's
 * generator is seeded with `${seed}#${run}`, and a failure prints both and the argv to replay.
 */

const SEED = process.env.NUCAL_FUZZ_SEED ?? 'nucal-cli-fuzz';
const RUNS = Number(process.env.NUCAL_FUZZ_RUNS ?? 2000);
const SECRET = 'fuzz5ecretPW';
/** Slowest acceptable run: ~30x the slowest normal one, so a loaded machine does not trip it. */
const MAX_RUN_MS = 3000;
/** Examples printed per kind of failure. */
const EXAMPLES_PER_KIND = 3;

/** A seeded source of choices. */
class Rand {
  private readonly next: () => number;
  constructor(seed: string) {
    this.next = seedrandom(seed);
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)]!;
  }
  /** `[flag, value]` with probability p, else []. */
  opt(p: number, flag: string, values: readonly string[]): string[] {
    return this.chance(p) ? [flag, this.pick(values)] : [];
  }
}

const deepJson = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
const deepArray = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

/** Names: valid ones of the prepared database, unknown ones and hostile ones. */
const NAMES = [
  'scale-run', 'scale-ts', 'frozen-tag', 'reco', 'draft', 'nope', 'x', 'new-tag', 'a.b-c_1',
  '', ' ', '-', '-x', '..', '../escape', 'a/b', 'x'.repeat(300), 'tag\nwith\nnewlines', 'cr\rlf',
  'bell\u0007', 'esc\u001b[31mred\u001b[0m', 'nul\u0000byte', 'τάγ', 'ταυ-δ', '🙂', '\u202eevil', 'zw\u200bsp', 'ls\u2028ps\u2029',
  'tab\tsep', '"quoted"', "it's", '%s%n', '$(reboot)', '__proto__', 'constructor',
];
const RECORDS = ['demo.scale', 'juno.nonlinearity', 'dune.t0', 'nope.nothing', 'Bad.Name', '', 'demo.scale\n', 'demo', 'a..b', 'ünï.côde', 'x'.repeat(200)];
const RUN_TIMES = [
  '100', '150', '200:5', '200:7', '0', '0:0', '2147483647', '2147483648', '-1', '1:4294967295', '1:4294967296', '1.5', '1e3', '0x10', ' 7 ',
  '', '9007199254740993', '9223372036854775807', '9223372036854775808', '18446744073709551616', '1:', ':1', '١٢٣', '100\n', 'now',
];
const TS_TIMES = [
  '1795478400000000256', '1795478400000000001', '2026-11-24', '2026-11-24T00:00:00Z', '2026-11-25T00:00:00Z', '2026-02-30', '2026-02-29T00:00:00Z',
  '2024-02-29T12:00:00Z', '2026-11-24T24:00:00Z', '2026-12-31T23:59:60Z', '2026-11-24T12:00:00.123456789Z', '2026-11-24T12:00:00.1234567891Z',
  '2026-11-24T12:00:00+25:00', '2026-11-24T12:00:00-05:00', '2026-11-24T12:00:00+0530', '1969-12-31T23:59:59Z', '1970-01-01T00:00:00Z',
  '2262-04-11T23:47:16.854775807Z', '2262-04-11T23:47:16.854775808Z', '9223372036854775807', '9223372036854775808', '18446744073709551616',
  '-1', 'now', 'yesterday', '+002026-11-24', '２０２６-11-24', '2026-11-24T12:00:00\n', '2026-13-01', '2026-00-10', '0000-01-01', '',
];
const INSTANTS = [
  '2026-11-24T12:00:00.123Z', '2026-11-24T12:00:00.1234Z', '2026-11-24', '2026-11-24T12:00:00', '2030-01-01T00:00:00Z', '2020-01-01',
  '2026-02-30', '2026-11-24T24:00:00Z', '2026-12-31T23:59:60Z', '1969-12-31T23:59:59Z', '+275760-09-13T00:00:00Z', '275760-09-14', 'now', '', 'yesterday', '8.64e15', '1795478400000',
];
const INTS = ['0', '1', '2', '5', '100', '-1', '1.5', '1e3', '9007199254740991', '9007199254740992', '9007199254740993', 'NaN', 'Infinity', '', ' 3 ', '0x10', '٣', '99999999999999999999'];
const TEXTS = ['', 'first pass', 'line1\nline2', 'ctl\u0000\u0007\u001b[2J', 'ünïcödé τ 🙂', 'x'.repeat(5000), '--json', '-h'];
const PAYLOADS = [
  '{"y0PePerMeV": 1345}', '{"y0PePerMeV": 1346.5}', '{oops', '[]', 'null', '1', '"str"', '', ' ', '{"y0PePerMeV": -1}', '{"y0PePerMeV": 0}',
  '{"y0PePerMeV": 1e400}', '{"y0PePerMeV": "1345"}', '{"y0PePerMeV": 9007199254740993}', '{"y0PePerMeV": 1, "note": "\\u0000nul"}',
  '{"__proto__": {"y0PePerMeV": 1}}', '{"y0PePerMeV": 1, "y0PePerMeV": 2}', deepJson(5000), deepJson(200), deepArray(5000),
  `{"y0PePerMeV": 1, "big": "${'x'.repeat(100_000)}"}`, '{"y0PePerMeV": NaN}', '{"y0PePerMeV": 1}\n{"y0PePerMeV": 2}',
];
/** Payload hash prefixes: real ones of the prepared database (short, unique, full, upper case) and bad ones. */
const REAL_HASH = payloadHash({ name: 'demo.scale', version: 1 }, '{"y0PePerMeV":1345}');
const PAYLOAD_PREFIXES = [REAL_HASH.slice(0, 6), REAL_HASH.slice(0, 5), REAL_HASH, REAL_HASH.toUpperCase(), `${REAL_HASH}0`, '000000', 'abc', '', 'zzzzzz', '0'.repeat(64), ' 12345678 '];
const FIELD_PATHS = ['y0PePerMeV', 'y0PePerMeV.0', 'x', '', '.', 'a..b', '__proto__', 'constructor', 'toString', 'y0PePerMeV.__proto__', '0', 'a b', 'x'.repeat(600)];
const FORMATS = ['table', 'json', 'csv', 'xml', '', 'JSON'];
/** Tokens inserted by mutations: unknown and known options, stray values. Never a calibration command. */
const STRAYS = ['--bogus', '--db=', '--', '-', '-x', '--json', '--json', '--no-json', '--help', '-h', '--version', '-V', '--limit', '--since', '--tag', '--gt', '--record', 'extra', '=', '--=', '---json', '--DB', 'list', 'create', 'tag', 'iov', 'db'];

/** Input files written into the fuzz directory. */
function writeInputs(dir: string): Record<string, string> {
  const files: Record<string, string> = {
    valid: '{"since": "300", "payload": {"y0PePerMeV": 1}}\n{"since": "301:2", "payload": {"y0PePerMeV": 2}}\n',
    validTs: '{"since": "2026-12-01T00:00:00Z", "payload": {"y0PePerMeV": 1}}\n{"since": 1795478400, "payload": {"y0PePerMeV": 2}}\n',
    unsafe: '{"since": 9007199254740993, "payload": {"y0PePerMeV": 1}}\n',
    ns256: '{"since": 1795478400000000256, "payload": {"y0PePerMeV": 1}}\n',
    big63: '{"since": 9223372036854775808, "payload": {"y0PePerMeV": 1}}\n',
    str63: '{"since": "9223372036854775808", "payload": {"y0PePerMeV": 1}}\n',
    max63: '{"since": "9223372036854775807", "payload": {"y0PePerMeV": 1}}\n',
    float: '{"since": 300.5, "payload": {"y0PePerMeV": 1}}\n',
    negative: '{"since": -300, "payload": {"y0PePerMeV": 1}}\n',
    noPayload: '{"since": "300"}\n',
    notObject: '[300, {"y0PePerMeV": 1}]\n',
    sinceObject: '{"since": {"run": 300}, "payload": {"y0PePerMeV": 1}}\n',
    extraKey: '{"since": "300", "payload": {"y0PePerMeV": 1}, "provenance": {}}\n',
    badDates: '{"since": "2026-02-30", "payload": {"y0PePerMeV": 1}}\n{"since": "2026-11-24T24:00:00Z", "payload": {"y0PePerMeV": 1}}\n',
    leap: '{"since": "2026-12-31T23:59:60Z", "payload": {"y0PePerMeV": 1}}\n',
    deep: `{"since": "300", "payload": ${deepJson(5000)}}\n`,
    crlf: '{"since": "302", "payload": {"y0PePerMeV": 1}}\r\n{"since": "303", "payload": {"y0PePerMeV": 2}}\r\n',
    bom: '\uFEFF{"since": "304", "payload": {"y0PePerMeV": 1}}\n',
    ctl: '{"since": "305\\n", "payload": {"y0PePerMeV": 1, "s": "\\u0000\\u001b"}}\n',
    empty: '',
    blank: '\n  \n\t\n',
    halfBad: '{"since": "306", "payload": {"y0PePerMeV": 1}}\n{"since": "307", "payload": {"y0PePerMeV": -5}}\n',
    many: Array.from({ length: 200 }, (_, i) => JSON.stringify({ since: String(1000 + i), payload: { y0PePerMeV: 1 + i } })).join('\n'),
    schema: JSON.stringify({ type: 'object', properties: { g: { type: 'number' } }, required: ['g'] }),
    schemaBad: '{"type": "object", ',
    schemaDeep: `{"type": "object", "properties": ${deepJson(5000)}}`,
    schemaArray: '[]',
    schemaWeird: '{"type": "nonsense", "$ref": "http://127.0.0.1:1/x"}',
    payloadOk: '{"y0PePerMeV": 1400}',
    payloadDeep: deepJson(5000),
    notDb: 'this is not a database\n',
    injectBad: '{"tpcs": ',
  };
  const paths: Record<string, string> = {};
  for (const [k, v] of Object.entries(files)) {
    paths[k] = join(dir, `${k}.${k.startsWith('schema') ? 'schema.json' : k.startsWith('payload') ? 'json' : k === 'notDb' ? 'sqlite' : 'jsonl'}`);
    writeFileSync(paths[k]!, v);
  }
  paths.garbage = join(dir, 'garbage.bin');
  writeFileSync(paths.garbage, Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)));
  paths.subdir = join(dir, 'a-directory');
  mkdirSync(paths.subdir);
  return paths;
}

/** A fuzz scenario: the prepared database, its input files and the pools built from them. */
interface World {
  p: PreparedDb;
  f: Record<string, string>;
  goodDbs: string[];
  badDbs: string[];
  fastBadDbs: string[];
  bulkFiles: string[];
  schemaFiles: string[];
  payloadFiles: string[];
  exportTargets: string[];
}

function world(p: PreparedDb): World {
  const f = writeInputs(p.dir);
  const unreachable = [`postgres://calib:${SECRET}@127.0.0.1:1/conditions`, `postgresql://calib:${SECRET}@127.0.0.1:1/x?sslmode=disable`, `postgres://calib:${SECRET}@[::1]:1/x`];
  const missing = [join(p.dir, 'missing.sqlite'), `sqlite:${join(p.dir, 'missing2.sqlite')}`, 'sqlite:/nonexistent/dir/x', '/nonexistent/dir/x.sqlite'];
  const fastBadDbs = [...unreachable, ...missing, f.notDb!, f.garbage!, f.subdir!, `mysql://calib:${SECRET}@127.0.0.1/x`, ':memory:', '', ' '];
  return {
    p, f,
    goodDbs: [p.db, p.db, p.db, p.db, p.db, p.db, `sqlite:${p.db}`],
    badDbs: [...fastBadDbs, p.exported, `file:${p.db}`],
    fastBadDbs,
    bulkFiles: Object.keys(f).filter((k) => !/^(schema|payload|notDb|injectBad|garbage|subdir)/.test(k)).map((k) => f[k]!).concat([f.garbage!, f.subdir!, join(p.dir, 'nope.jsonl')]),
    schemaFiles: [f.schema!, f.schemaBad!, f.schemaDeep!, f.schemaArray!, f.schemaWeird!, f.garbage!, f.subdir!, p.schema, join(p.dir, 'nope.json')],
    payloadFiles: [f.payloadOk!, f.payloadDeep!, f.garbage!, f.subdir!, f.empty!, join(p.dir, 'nope.json')],
    exportTargets: [join(p.dir, 'out.sqlite'), join(p.dir, 'out dir', 'x.sqlite'), p.db, p.exported, f.notDb!, f.subdir!, '/nonexistent/dir/out.sqlite', `postgres://calib:${SECRET}@127.0.0.1:1/x`, ''],
  };
}

/** One generated command line and how it was built. */
interface Case {
  argv: string[];
  env: NodeJS.ProcessEnv;
}

/** Database commands: generated, then mutated. */
function dbCase(r: Rand, w: World): string[] {
  const name = () => r.pick(NAMES);
  const tag = () => r.pick(['scale-run', 'scale-ts', 'frozen-tag', ...NAMES]);
  const gt = () => r.pick(['reco', 'draft', ...NAMES]);
  const time = () => r.pick(r.chance(0.5) ? RUN_TIMES : TS_TIMES);
  const templates: (() => string[])[] = [
    () => ['db', 'init'],
    () => ['db', 'record', 'list'],
    () => ['db', 'record', 'register', ...r.opt(0.9, '--name', [...RECORDS, 'demo.gain', 'fuzz.record']), ...r.opt(0.9, '--schema', w.schemaFiles), ...r.opt(0.3, '--record-version', INTS), ...r.opt(0.3, '--description', TEXTS)],
    () => ['db', 'tag', 'create', name(), ...r.opt(0.9, '--record', RECORDS), ...r.opt(0.9, '--time-type', ['run', 'timestamp', 'weekly', '', 'RUN']), ...r.opt(0.2, '--record-version', INTS), ...r.opt(0.3, '--description', TEXTS), ...(r.chance(0.2) ? ['--allow-backfill'] : [])],
    // locking only what is locked already or does not exist: the fuzz keeps its open tags open
    () => ['db', 'tag', 'lock', r.pick(['frozen-tag', 'nope', '', 'tag\nnl', '🙂'])],
    () => ['db', 'tag', 'list', ...r.opt(0.4, '--record', RECORDS)],
    () => {
      const since = r.pick([['--since', time()], []]);
      const payload = r.pick([['--payload', r.pick(PAYLOADS)], ['--payload-file', r.pick(w.payloadFiles)], [], ['--payload', r.pick(PAYLOADS), '--payload-file', r.pick(w.payloadFiles)]]);
      const body = r.chance(0.35) ? ['--file', r.pick(w.bulkFiles), ...(r.chance(0.15) ? since : [])] : [...since, ...payload];
      return ['db', 'iov', 'append', tag(), ...body, ...r.opt(0.3, '--note', TEXTS)];
    },
    () => ['db', 'iov', 'list', tag(), ...r.opt(0.3, '--from', [...RUN_TIMES, ...TS_TIMES]), ...r.opt(0.3, '--to', [...RUN_TIMES, ...TS_TIMES]), ...r.opt(0.4, '--as-of', INSTANTS), ...(r.chance(0.3) ? ['--history'] : []), ...r.opt(0.3, '--limit', INTS), ...r.opt(0.2, '--cursor', ['abc', '', '999999999999999999999', 'eyJ4IjoxfQ==', '\u0000'])],
    () => ['db', 'gt', 'create', name(), ...r.opt(0.3, '--description', TEXTS), ...r.opt(0.6, '--snapshot', INSTANTS)],
    () => ['db', 'gt', 'set', gt(), r.pick(RECORDS), tag()],
    () => ['db', 'gt', 'lock', r.pick(['reco', 'nope', '', '🙂', 'x'.repeat(300)]), ...r.opt(0.7, '--snapshot', INSTANTS)],
    () => ['db', 'gt', 'list'],
    () => ['db', 'gt', 'show', gt()],
    () => ['db', 'resolve', ...r.opt(0.6, '--tag', ['scale-run', 'scale-ts', ...NAMES]), ...r.opt(0.5, '--gt', ['reco', 'draft', ...NAMES]), ...r.opt(0.9, '--record', RECORDS), ...r.opt(0.9, '--at', [...RUN_TIMES, ...TS_TIMES]), ...r.opt(0.3, '--as-of', INSTANTS)],
    () => ['db', 'diff', tag(), tag(), ...(r.chance(0.4) ? ['--gt'] : [])],
    () => ['db', 'uses', ...r.opt(0.6, '--tag', ['scale-run', ...NAMES]), ...r.opt(0.5, '--payload', ['0'.repeat(64), 'abc', '', 'zz'.repeat(32)])],
    () => ['db', 'export', gt(), r.pick(w.exportTargets)],
    () => ['db', 'import', r.pick([w.p.exported, w.f.notDb!, w.f.garbage!, w.f.subdir!, w.p.db, join(w.p.dir, 'nope.sqlite'), ''])],
    () => ['db', 'log', ...r.opt(0.5, '--limit', INTS), ...r.opt(0.3, '--target', NAMES)],
    // inspection commands: show, clone, search, plot, and --format on the listings
    () => ['db', 'payload', 'show', r.pick([...PAYLOAD_PREFIXES, ...NAMES])],
    () => ['db', 'tag', 'show', tag()],
    () => ['db', 'record', 'show', r.pick(RECORDS), ...r.opt(0.3, '--record-version', INTS)],
    () => [
      'db', 'tag', 'clone', ...r.opt(0.9, '--from', ['scale-run', 'scale-ts', 'frozen-tag', ...NAMES]), ...r.opt(0.9, '--to', NAMES),
      ...r.opt(0.4, '--target-db', [...w.goodDbs, ...w.badDbs]), ...r.opt(0.2, '--as-of', INSTANTS), ...(r.chance(0.2) ? ['--history'] : []),
      ...(r.chance(0.3) ? ['--dry-run'] : []), ...r.opt(0.2, '--description', TEXTS),
    ],
    () => ['db', 'search', r.pick([...NAMES, ...TEXTS, ...PAYLOAD_PREFIXES, 'scale', 'SCALE', 'first pass']), ...r.opt(0.3, '--limit', INTS), ...r.opt(0.3, '--format', FORMATS)],
    () => [
      'db', 'plot', ...r.opt(0.9, '--tag', ['scale-run', 'scale-ts', 'frozen-tag', ...NAMES]), ...r.opt(0.9, '--field', FIELD_PATHS), ...r.opt(0.3, '--error-field', FIELD_PATHS),
      ...r.opt(0.5, '--out', [join(w.p.dir, `plot-${r.int(100)}.svg`), join(w.p.dir, `plot-${r.int(100)}.json`), 'rel.svg', 'plot.pdf', '', '/nonexistent/dir/p.svg', join(w.f.subdir!, 'x', 'p.svg')]),
      ...r.opt(0.2, '--from', [...RUN_TIMES, ...TS_TIMES]), ...r.opt(0.2, '--to', [...RUN_TIMES, ...TS_TIMES]), ...r.opt(0.2, '--as-of', INSTANTS), ...r.opt(0.1, '--title', TEXTS),
    ],
    () => [...r.pick([['db', 'tag', 'list'], ['db', 'gt', 'list'], ['db', 'record', 'list'], ['db', 'iov', 'list', tag()], ['db', 'log'], ['db', 'grants']]), '--format', r.pick(FORMATS)],
    () => ['dune', 'stats', ...r.opt(0.9, '--sample', ['stopping', 'michel', 'throughgoing', 'muons', '']), ...r.opt(0.9, '--precision', ['0.01', '0', '-1', '2', 'x', '1e-300', 'NaN', '']), ...r.opt(0.3, '--efficiency', ['0.5', '0', '1.5', '-1', 'x']), ...r.opt(0.3, '--resolution', ['0.2', '0', '-1', 'Infinity']), ...r.opt(0.3, '--binning', ['whole', 'tpc', 'apa']), ...r.opt(0.3, '--rate', ['50', '0', '-5', '1e308', 'x'])],
    // loose tokens after "db": anything may come out, but never a calibration or the demo
    () => ['db', ...Array.from({ length: 1 + r.int(6) }, () => r.pick([...STRAYS, ...NAMES, ...RUN_TIMES, ...TEXTS.slice(0, 4), 'init', 'record', 'gt', 'resolve', 'uses', 'log', 'diff']))],
    () => Array.from({ length: r.int(4) }, () => r.pick([...STRAYS.filter((s) => s !== 'db'), ...NAMES.slice(5)])),
  ];
  const argv = r.pick(templates)();
  if (argv[0] === 'db' && r.chance(0.85)) argv.push('--db', r.chance(0.8) ? r.pick(w.goodDbs) : r.pick(w.badDbs));
  mutate(r, argv);
  return argv;
}

/** Random damage: drop, duplicate, swap, insert and replace tokens (never the leading command word). */
function mutate(r: Rand, argv: string[]): void {
  const n = r.chance(0.5) ? 0 : 1 + r.int(3);
  for (let k = 0; k < n && argv.length > 1; k++) {
    const i = 1 + r.int(argv.length - 1);
    switch (r.int(5)) {
      case 0: argv.splice(i, 1); break;
      case 1: argv.splice(i, 0, argv[i]!); break;
      case 2: { const j = 1 + r.int(argv.length - 1); [argv[i], argv[j]] = [argv[j]!, argv[i]!]; break; }
      case 3: argv.splice(i, 0, r.pick(STRAYS)); break;
      default: argv[i] = r.pick([...NAMES, ...INTS, ...TS_TIMES, ...INSTANTS]);
    }
  }
}

/**
 * Calibrations and the demo: never mutated, and always with one argument that must fail
 * before any simulation, so no run lasts the 20 s of a fit.
 */
function slowCommandCase(r: Rand, w: World): string[] {
  const kind = r.int(5);
  if (kind === 0) {
    const others = [...r.opt(0.5, '--seed', ['1', '', 'x'.repeat(100), '🙂']), ...r.opt(0.3, '--tag', NAMES), ...r.opt(0.3, '--global-tag', NAMES), ...r.opt(0.3, '--plots', [join(w.p.dir, 'plots')])];
    const failing = r.pick([
      ['--since', r.pick(['-1', 'x', '2147483648', '1:4294967296', '', '1.5', '9223372036854775808'])],
      ['--events', r.pick(['99', '0', 'x', '1e400', '-5', '', '1.5'])],
      ['--mocks', r.pick(['-1', 'x', '1.5', ''])],
      ['--b12-days', r.pick(['0', '-1', 'x', 'Infinity', 'NaN', ''])],
      ['--input', r.pick([join(w.p.dir, 'nope.json'), w.f.garbage!, w.f.subdir!, w.f.schemaBad!, w.f.payloadOk!])],
      ['--db', r.pick(w.fastBadDbs)],
    ]);
    return ['juno', 'nonlinearity', ...others, ...failing];
  }
  if (kind === 1) {
    const others = [...r.opt(0.5, '--seed', ['1', '']), ...r.opt(0.3, '--tag-prefix', NAMES), ...r.opt(0.2, '--global-tag', NAMES), ...r.opt(0.3, '--binning', ['whole', 'tpc'])];
    const failing = r.pick([
      ['--days', r.pick(['0', '-1', '367', '1.5', 'x', ''])],
      ['--since', r.pick(['2026-02-30', 'yesterday', '-1', '9223372036854775808', '2026-11-24T24:00:00Z', '2026-12-31T23:59:60Z', ''])],
      ['--inject', r.pick(['{oops', '{"tpcs": ', join(w.p.dir, 'nope.json'), w.f.injectBad!, w.f.garbage!, w.f.subdir!])],
      ['--db', r.pick(w.fastBadDbs)],
    ]);
    return ['dune', 'cosmics', ...others, ...failing];
  }
  if (kind === 3) {
    const others = [...r.opt(0.5, '--seed', ['1', '']), ...r.opt(0.3, '--preset', ['far-detector', 'surface-protodune']), ...r.opt(0.3, '--generator', ['nominal', 'birks', 'out-of-family'])];
    const failing = r.pick([
      ['--days', r.pick(['0', '-1', '367', 'x', '', 'NaN'])],
      ['--below-energy', r.pick(['0', '0.1', '-2', 'x', '', '1e400'])],
      ['--generator', r.pick(['box', '', 'BIRKS'])],
      ['--preset', r.pick(['surface', '', 'protodune'])],
      ['--inject', r.pick(['{oops', w.f.injectBad!, w.f.garbage!])],
    ]);
    return ['dune', 'simulate', '--out', join(w.p.dir, 'fuzz-hits.h5'), ...others, ...failing];
  }
  if (kind === 4) {
    // no valid hit file exists in this world: every case must fail with one line, before any fit
    const files = [w.f.garbage!, w.f.subdir!, w.f.valid!, join(w.p.dir, 'nope.h5'), ''];
    const args = ['--input', r.pick(files), '--reference', r.pick(files)];
    const extra = r.pick([[], ['--replicas', r.pick(['0', '49', 'x', '1.5', '1e9', ''])], ['--alpha', r.pick(['0', '1', '-0.1', 'x', ''])]]);
    return ['dune', 'dedx-check', ...(r.chance(0.1) ? args.slice(2) : args), ...extra];
  }
  // the demo must refuse: an existing file that is not its own, a URL, or one path twice
  const protectedFiles = [w.p.db, w.p.exported, w.f.notDb!, w.f.garbage!, w.f.valid!];
  const fresh = join(w.p.dir, `demo-${r.int(1000)}.sqlite`);
  const refusal = r.pick([
    ['--db', r.pick(protectedFiles), ...r.opt(0.5, '--export', [fresh])],
    ['--db', fresh, '--export', r.pick(protectedFiles)],
    ['--db', `postgres://calib:${SECRET}@127.0.0.1:1/x`],
    ['--db', fresh, '--export', fresh],
  ]);
  return ['demo', ...r.opt(0.3, '--plots', [join(w.p.dir, 'demo-plots')]), ...refusal];
}

function generate(r: Rand, w: World): Case {
  const argv = r.chance(0.1) ? slowCommandCase(r, w) : dbCase(r, w);
  if (r.chance(0.5)) argv.push('--json');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.NUCAL_DB;
  delete env.NUCAL_DEBUG;
  delete env.NUCAL_BUSY_TIMEOUT_MS;
  // NUCAL_DB instead of --db, for database commands only (a calibration would write there)
  if (argv[0] === 'db' && !argv.includes('--db') && r.chance(0.5)) env.NUCAL_DB = r.chance(0.7) ? w.p.db : r.pick(w.badDbs);
  if (r.chance(0.05)) env.NUCAL_BUSY_TIMEOUT_MS = r.pick(['100', 'x', '-1', '']);
  return { argv, env };
}

/** Long options that take a value somewhere in the command tree. */
function valueOptions(): Set<string> {
  const set = new Set<string>();
  const walk = (c: Command) => {
    for (const o of c.options) if ((o.required || o.optional) && o.long) set.add(o.long);
    c.commands.forEach(walk);
  };
  walk(buildProgram({ out() {}, err() {} }));
  return set;
}

/**
 * Hash of every file under the directory (a -wal that does not exist counts as empty; -shm is
 * SQLite's scratch memory), and for a PostgreSQL database the hash of its tables' content.
 */
async function snapshot(dir: string, db: string): Promise<Map<string, string>> {
  const m = new Map<string, string>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (path.endsWith('-shm')) continue;
      if (statSync(path).isDirectory()) {
        m.set(`${path}/`, 'dir');
        walk(path);
      } else {
        m.set(path, createHash('sha256').update(readFileSync(path)).digest('hex'));
      }
    }
  };
  walk(dir);
  if (db.startsWith('postgres')) {
    m.set(db, await postgresContentHash(db));
    return m;
  }
  const wal = `${db}-wal`;
  if (!m.has(wal) || statSync(wal).size === 0) m.set(wal, 'empty');
  return m;
}

function diffSnapshots(a: Map<string, string>, b: Map<string, string>): string[] {
  const out: string[] = [];
  for (const [k, v] of a) if (b.get(k) !== v) out.push(b.has(k) ? `changed ${k}` : `removed ${k}`);
  for (const k of b.keys()) if (!a.has(k)) out.push(`created ${k}`);
  return out;
}

/** Removes what a successful run created (exports, a database made by db init), so later runs see the same world. */
function removeCreated(a: Map<string, string>, b: Map<string, string>): void {
  for (const k of b.keys()) {
    if (a.has(k) || k.endsWith('-wal') || k.startsWith('postgres')) continue;
    rmSync(k.replace(/\/$/, ''), { recursive: true, force: true });
  }
}

/**
 * The fuzz on one engine: SQLite always; PostgreSQL when NUCAL_TEST_PG_URL is set (CI always
 * sets it, and there a missing URL fails). On PostgreSQL "nothing changed" is the hash of every
 * table's rows, beside the files of the working directory.
 */
function fuzzSuite(engine: 'sqlite' | 'postgres', url?: string): void {
// PostgreSQL hashes every table twice a run: about a minute alone, several on a loaded machine.
describe(`nucal CLI fuzz [${engine}]`, { timeout: 600_000 }, () => {
  let w: World;
  const cwd = process.cwd();
  beforeAll(async () => {
    w = world(await prepareDb('nucal-cli-fuzz-', url === undefined ? undefined : await freshPostgres(url)));
    // Relative paths (`db init --db 5`, `db export reco draft`, even `../x`) land inside the
    // watched directory: checked like every other file, and removed after a successful run.
    const here = join(w.p.dir, 'cwd', 'here');
    mkdirSync(here, { recursive: true });
    process.chdir(here);
  });
  afterAll(() => process.chdir(cwd));

  it(`${RUNS} random and malformed command lines: one line per failure, nothing changed, valid JSON, no secret`, async () => {
    const valueTaking = valueOptions();
    // failures grouped by property (its message without the details), with the first examples
    const failures = new Map<string, { count: number; examples: string[] }>();
    const stats = { ok: 0, refused: 0, usage: 0, json: 0 };
    const t0 = performance.now();
    let before = await snapshot(w.p.dir, w.p.db);
    for (let i = 0; i < RUNS; i++) {
      const rand = new Rand(`${SEED}#${i}`);
      const c = generate(rand, w);
      const started = performance.now();
      const { result: r, stdout: consoleOut, stderr: consoleErr } = await consoleDuring(() => runCaptured(c.argv, c.env));
      const ms = performance.now() - started;
      const after = await snapshot(w.p.dir, w.p.db);
      const problems: [kind: string, detail: string][] = [];
      const last = c.argv.at(-1);
      const jsonFlag = last === '--json' && !valueTaking.has(c.argv.at(-2) ?? '') && !c.argv.slice(0, -1).includes('--');
      // --format json is --json too: with any --format the error may be either form
      const noJson = !c.argv.some((a) => a === '--json' || a.startsWith('--json=') || a === '--format' || a.startsWith('--format='));
      const everything = [r.out, r.err, ...consoleOut, ...consoleErr].join('\n');
      if (ms > MAX_RUN_MS) problems.push(['a run took too long', `${(ms / 1000).toFixed(1)} s`]);
      if (everything.includes(SECRET)) problems.push(['the password was printed', '']);
      if (consoleOut.length || consoleErr.length) problems.push(['printed to the console behind the CLI', JSON.stringify([...consoleOut, ...consoleErr].join('\n').slice(0, 300))]);
      if (r.code === 0) {
        stats.ok++;
        const helpOrVersion = r.out.startsWith('Usage:') || r.out === '0.1.0';
        if (jsonFlag && !helpOrVersion) {
          stats.json++;
          try {
            JSON.parse(r.out);
          } catch {
            problems.push(['--json success printed invalid JSON', JSON.stringify(r.out.slice(0, 200))]);
          }
        }
        if (STACK_PATTERN.test(r.err)) problems.push(['a stack trace on stderr of a successful run', '']);
      } else {
        if (r.code === 2) stats.usage++;
        else stats.refused++;
        if (r.code !== 1 && r.code !== 2) problems.push(['exit code not 1 or 2', String(r.code)]);
        if (r.err.trim() === '') problems.push(['a failure printed nothing on stderr', '']);
        if (r.err.includes('\n')) problems.push(['a failure printed several lines on stderr', `${r.err.split('\n').length} lines`]);
        if (STACK_PATTERN.test(r.err)) problems.push(['a stack trace on stderr', '']);
        if (r.out !== '') problems.push(['a failure printed on stdout', JSON.stringify(r.out.slice(0, 200))]);
        let parsed: unknown;
        try {
          parsed = JSON.parse(r.err);
        } catch {
          parsed = undefined;
        }
        const isJsonError = typeof parsed === 'object' && parsed !== null && typeof (parsed as { error?: { code?: unknown; message?: unknown } }).error?.code === 'string' &&
          typeof (parsed as { error: { message?: unknown } }).error.message === 'string' &&
          Object.keys((parsed as { error: object }).error).every((k) => ['code', 'reason', 'message', 'advice'].includes(k));
        if (jsonFlag && !isJsonError) problems.push(['with --json the error is not one {"error":{code,message,...}} object', '']);
        if (noJson && !r.err.startsWith('error: ')) problems.push(['without --json the error does not start with "error: "', '']);
        if (!jsonFlag && !noJson && !isJsonError && !r.err.startsWith('error: ')) problems.push(['the error is neither an "error: " line nor a JSON error object', '']);
        const changed = diffSnapshots(before, after);
        if (changed.length) problems.push(['a failing run changed files', changed.join(', ')]);
      }
      for (const [kind, detail] of problems) {
        const f = failures.get(kind) ?? { count: 0, examples: [] };
        failures.set(kind, f);
        if (++f.count > EXAMPLES_PER_KIND) continue;
        f.examples.push(
          `seed ${JSON.stringify(SEED)} run ${i}${detail ? ` (${detail})` : ''}\n    argv: ${JSON.stringify(c.argv).slice(0, 600)}` +
          `${c.env.NUCAL_DB !== undefined ? `\n  NUCAL_DB=${JSON.stringify(c.env.NUCAL_DB)}` : ''}${c.env.NUCAL_BUSY_TIMEOUT_MS !== undefined ? ` NUCAL_BUSY_TIMEOUT_MS=${JSON.stringify(c.env.NUCAL_BUSY_TIMEOUT_MS)}` : ''}` +
          `\n    exit ${r.code}; stderr: ${JSON.stringify(r.err.slice(0, 400))}`,
        );
      }
      // the next run starts from this run's world, minus the files it created
      removeCreated(before, after);
      before = w.p.db.startsWith('postgres') || existsSync(w.p.db) ? await snapshot(w.p.dir, w.p.db) : after;
    }
    const seconds = (performance.now() - t0) / 1000;
    const report = [...failures].map(([kind, f]) => `${kind}: ${f.count} run(s), e.g.\n  ${f.examples.join('\n  ')}`);
    console.info(`[cli fuzz] seed ${JSON.stringify(SEED)}: ${RUNS} runs in ${seconds.toFixed(1)} s; ${stats.ok} succeeded (${stats.json} with JSON checked), ${stats.refused} refused, ${stats.usage} usage errors; ${failures.size} kind(s) of failure`);
    expect(report, `replay with NUCAL_FUZZ_SEED=${JSON.stringify(SEED)} NUCAL_FUZZ_RUNS=${RUNS}:\n${report.join('\n')}`).toEqual([]);
  });
});
}

fuzzSuite('sqlite');
const PG_ADMIN = process.env.NUCAL_TEST_PG_URL;
if (PG_ADMIN) fuzzSuite('postgres', PG_ADMIN);
else if (process.env.CI) {
  it('CLI fuzz [postgres]: needs NUCAL_TEST_PG_URL in CI', () => {
    throw new Error('NUCAL_TEST_PG_URL is not set: CI must run the PostgreSQL fuzz (.ci/run starts a server)');
  });
} else console.warn('[cli fuzz] PostgreSQL run skipped, set NUCAL_TEST_PG_URL=postgres://user@127.0.0.1:port/postgres to run it');
