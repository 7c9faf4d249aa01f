import { Option } from 'commander';
import { formatZodIssues, ValidationError } from '@nucal/core';
import type { z } from 'zod';

/** One command-line option derived from a leaf of a plugin's zod schema. */
export interface DerivedOption {
  /** `--sim.b12.days`: the path in the schema, dot-joined, as written in JSON. */
  readonly flag: string;
  readonly path: readonly string[];
  readonly kind: 'number' | 'boolean' | 'string' | 'enum' | 'json';
  readonly choices?: readonly string[];
  readonly description: string;
  /** The schema's default, for --help. */
  readonly defaultValue?: unknown;
}

interface ZodDef {
  type: string;
  innerType?: z.ZodType;
  defaultValue?: unknown;
  shape?: Record<string, z.ZodType>;
  entries?: Record<string, string | number>;
  in?: z.ZodType;
}
const defOf = (s: z.ZodType): ZodDef => (s as unknown as { _zod: { def: ZodDef } })._zod.def;

/** Strips default/prefault/optional wrappers, keeping the first default and description found. */
function unwrap(schema: z.ZodType): { inner: z.ZodType; defaultValue?: unknown; description?: string } {
  let s = schema;
  let defaultValue: unknown;
  let description = s.description;
  for (;;) {
    const d = defOf(s);
    if (d.type === 'default' || d.type === 'prefault') {
      if (defaultValue === undefined) defaultValue = typeof d.defaultValue === 'function' ? (d.defaultValue as () => unknown)() : d.defaultValue;
    } else if (d.type !== 'optional' && d.type !== 'nullable' && d.type !== 'readonly' && d.type !== 'catch') break;
    s = d.innerType!;
    description ??= s.description;
  }
  return { inner: s, ...(defaultValue !== undefined ? { defaultValue } : {}), ...(description !== undefined ? { description } : {}) };
}

/**
 * The options of a zod object schema, one per leaf: numbers, booleans (`--x true|false`),
 * strings and enums take their value; anything else (arrays, records, unions) takes JSON. The
 * flag is the path as written in JSON, e.g. `--sim.b12.days`, so what a user types is what the
 * plugin's schema documents.
 *
 * @example
 * deriveOptions(z.object({ b12: z.object({ days: z.number().default(30) }) }), ['sim'])
 * // [{ flag: '--sim.b12.days', path: ['b12', 'days'], kind: 'number', defaultValue: 30, ... }]
 */
export function deriveOptions(schema: z.ZodType, prefix: readonly string[] = []): DerivedOption[] {
  const out: DerivedOption[] = [];
  const walk = (s: z.ZodType, path: string[], description?: string): void => {
    const u = unwrap(s);
    const d = defOf(u.inner);
    const desc = u.description ?? description ?? '';
    if (d.type === 'object' && d.shape) {
      for (const [k, v] of Object.entries(d.shape)) walk(v, [...path, k]);
      return;
    }
    const kind: DerivedOption['kind'] = d.type === 'number' || d.type === 'int' ? 'number' : d.type === 'boolean' ? 'boolean' : d.type === 'string' ? 'string' : d.type === 'enum' ? 'enum' : 'json';
    out.push({
      flag: `--${[...prefix, ...path].join('.')}`,
      path,
      kind,
      ...(kind === 'enum' && d.entries ? { choices: Object.values(d.entries).map(String) } : {}),
      description: desc,
      ...(u.defaultValue !== undefined ? { defaultValue: u.defaultValue } : {}),
    });
  };
  walk(schema, []);
  return out;
}

/** Commander options for derived options (values stay text until {@link collectOptions}). */
export function toCommanderOptions(options: readonly DerivedOption[]): Option[] {
  return options.map((o) => {
    const value = o.kind === 'boolean' ? '<true|false>' : o.kind === 'json' ? '<json>' : o.kind === 'enum' ? '<choice>' : o.kind === 'number' ? '<n>' : '<text>';
    const opt = new Option(`${o.flag} ${value}`, [o.description, o.defaultValue !== undefined ? `(default ${JSON.stringify(o.defaultValue)})` : ''].filter(Boolean).join(' '));
    if (o.choices) opt.choices(o.choices);
    return opt;
  });
}

/**
 * The object the given options describe, validated by the schema (defaults filled in):
 * `raw` maps a flag's attribute name (as commander stores it) to its text. A bad value names
 * its flag and what was expected.
 */
export function collectOptions<S extends z.ZodType>(
  schema: S,
  prefix: readonly string[],
  options: readonly DerivedOption[],
  raw: Record<string, unknown>,
  presets: Record<string, unknown> = {},
): z.infer<S> {
  const obj: Record<string, unknown> = structuredClone(presets);
  for (const o of options) {
    const text = raw[new Option(`${o.flag} <v>`).attributeName()];
    if (text === undefined) continue;
    setPath(obj, o.path, parseValue(o, String(text)));
  }
  const r = schema.safeParse(obj);
  if (!r.success) {
    const lead = prefix.length ? `--${prefix.join('.')}.` : '--';
    throw new ValidationError('options are invalid', formatZodIssues(r.error.issues).map((m) => `${lead}${m}`));
  }
  return r.data;
}

function parseValue(o: DerivedOption, text: string): unknown {
  switch (o.kind) {
    case 'number': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v)) throw new ValidationError(`${o.flag} "${text}" is not a number: expected a finite number`);
      return v;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') throw new ValidationError(`${o.flag} "${text}" is invalid: expected true or false`);
      return text === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch {
        throw new ValidationError(`${o.flag} is not valid JSON: expected a JSON value such as [1, 2] or {"k": 1}`);
      }
    default:
      return text;
  }
}

function setPath(obj: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let cur = obj;
  path.slice(0, -1).forEach((k) => {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  });
  cur[path[path.length - 1]!] = value;
}
