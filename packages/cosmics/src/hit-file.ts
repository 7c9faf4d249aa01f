import { ValidationError } from '@nucal/core';
import { LArTpcModuleConfigSchema } from '@nucal/geometry';
import { ResponseModelSchema } from '@nucal/tpc-drift';
import { z } from 'zod';
import { HitCollectionSchema, ReadoutViewSchema, type HitCollection } from './hit-collection.js';

/**
 * The HDF5 layout of a hit file (format `nucal.dune.hits`, version 1), as written by
 * {@link writeHitFile} and required by {@link readHitFile}:
 *
 * - root attributes: `format` = "nucal.dune.hits", `format_version` = 1, `live_days`,
 *   `depth_kmwe`, `tick_us` (float64), `module` (JSON text of the module configuration),
 *   `response` (JSON text of the nominal response model), `views` (JSON text of the views read
 *   out: name, role, pitchCm, angleFromVerticalDeg, cMinCm, wires);
 * - group `events`: 1-D datasets `trigger_time_s` (float64), `first_hit` (int32), `hit_count` (int32);
 * - group `hits`: 1-D datasets `event` (int32), `tpc` (uint8), `view` (uint8), `wire` (int32),
 *   `tick` (float32), `width_ticks` (float32), `charge_adc` (float32), all of one length.
 */
export const HIT_FILE_LAYOUT = Object.freeze({
  format: 'nucal.dune.hits',
  formatVersion: 1,
  attributes: ['format', 'format_version', 'live_days', 'depth_kmwe', 'tick_us', 'module', 'response', 'views'],
  events: { trigger_time_s: 'float64', first_hit: 'int32', hit_count: 'int32' },
  hits: { event: 'int32', tpc: 'uint8', view: 'uint8', wire: 'int32', tick: 'float32', width_ticks: 'float32', charge_adc: 'float32' },
} as const);

type H5 = typeof import('h5wasm/node');
let h5: Promise<H5> | undefined;
async function h5wasm(): Promise<H5> {
  h5 ??= import('h5wasm/node').then(async (m) => {
    await m.ready;
    return m;
  });
  return h5;
}

const EVENT_FIELDS = { trigger_time_s: 'triggerTimeS', first_hit: 'firstHit', hit_count: 'hitCount' } as const;
const HIT_FIELDS = { event: 'event', tpc: 'tpc', view: 'view', wire: 'wire', tick: 'tick', width_ticks: 'widthTicks', charge_adc: 'chargeAdc' } as const;
const MAKERS = { float64: Float64Array, float32: Float32Array, int32: Int32Array, uint8: Uint8Array } as const;

/**
 * Writes a hit collection to an HDF5 file in the layout {@link HIT_FILE_LAYOUT} (h5wasm, the
 * HDF5 C library compiled to WebAssembly).
 *
 * @example await writeHitFile('hits.h5', simulateCosmics({ days: 1 }, createRng(1)).hits)
 */
export async function writeHitFile(path: string, hits: HitCollection): Promise<void> {
  const m = await h5wasm();
  const f = new m.File(path, 'w');
  try {
    f.create_attribute('format', HIT_FILE_LAYOUT.format);
    f.create_attribute('format_version', HIT_FILE_LAYOUT.formatVersion);
    f.create_attribute('live_days', hits.liveDays);
    f.create_attribute('depth_kmwe', hits.depthKmwe);
    f.create_attribute('tick_us', hits.tickUs);
    f.create_attribute('module', JSON.stringify(hits.module));
    f.create_attribute('response', JSON.stringify(hits.response));
    f.create_attribute('views', JSON.stringify(hits.views));
    const events = f.create_group('events');
    for (const [name, field] of Object.entries(EVENT_FIELDS)) events.create_dataset({ name, data: hits.events[field] });
    const rows = f.create_group('hits');
    for (const [name, field] of Object.entries(HIT_FIELDS)) rows.create_dataset({ name, data: hits.hits[field] });
  } finally {
    f.close();
  }
}

/** One line naming the file, what is wrong and what the layout expects. */
function layoutError(path: string, what: string): ValidationError {
  return new ValidationError(`hit file ${path}: ${what} (expected the nucal.dune.hits v1 HDF5 layout: root attributes ${HIT_FILE_LAYOUT.attributes.join(', ')}; groups events/{${Object.keys(HIT_FILE_LAYOUT.events).join(',')}} and hits/{${Object.keys(HIT_FILE_LAYOUT.hits).join(',')}})`);
}

/**
 * Reads a hit file written in the layout {@link HIT_FILE_LAYOUT} (by {@link writeHitFile} or
 * by another program: the layout is the contract) and checks it: the format attributes, the
 * JSON attributes against their schemas, every dataset present, 1-D, of its type and length,
 * the event table consistent with the hits, TPC, view and wire numbers in range. Anything else
 * is a one-line `ValidationError` naming the file and the problem.
 *
 * @example const hits = await readHitFile('hits.h5'); await cosmicsPlugin().calibrate(hits, ctx);
 */
export async function readHitFile(path: string): Promise<HitCollection> {
  const m = await h5wasm();
  let f: InstanceType<H5['File']>;
  try {
    f = new m.File(path, 'r');
  } catch (err) {
    throw layoutError(path, `not readable as HDF5 (${err instanceof Error ? err.message.split('\n')[0] : String(err)})`);
  }
  if (f.file_id < 0n) throw layoutError(path, 'not readable as HDF5');
  try {
    return checkedCollection(m, path, f);
  } finally {
    f.close();
  }
}

function checkedCollection(h5mod: H5, path: string, f: InstanceType<H5['File']>): HitCollection {
  const attrs = f.attrs as Record<string, { value: unknown } | undefined>;
  const attr = (name: string): unknown => {
    const a = attrs[name];
    if (!a) throw layoutError(path, `root attribute '${name}' is missing`);
    const v = a.value;
    return typeof v === 'bigint' ? Number(v) : v;
  };
  if (attr('format') !== HIT_FILE_LAYOUT.format) throw layoutError(path, `format attribute is ${JSON.stringify(attr('format'))}`);
  if (Number(attr('format_version')) !== HIT_FILE_LAYOUT.formatVersion) throw layoutError(path, `format_version ${String(attr('format_version'))} is not supported`);
  const json = <T>(name: string, schema: z.ZodType<T>): T => {
    const text = attr(name);
    if (typeof text !== 'string') throw layoutError(path, `attribute '${name}' is not JSON text`);
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw layoutError(path, `attribute '${name}' is not valid JSON`);
    }
    const r = schema.safeParse(value);
    if (!r.success) throw layoutError(path, `attribute '${name}': ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? 'invalid'}`);
    return r.data;
  };
  const num = (name: string): number => {
    const v = Number(attr(name));
    if (!Number.isFinite(v) || !(v > 0)) throw layoutError(path, `attribute '${name}' is ${String(attr(name))}, not a positive number`);
    return v;
  };
  const table = <K extends string>(group: string, spec: Record<string, keyof typeof MAKERS>, names: Record<string, K>): Record<K, ArrayLike<number>> & { count: number } => {
    const g = f.get(group);
    if (!(g instanceof h5mod.Group)) throw layoutError(path, `group '${group}' is missing`);
    const out = {} as Record<K, ArrayLike<number>>;
    let count = -1;
    for (const [name, type] of Object.entries(spec)) {
      const ds = f.get(`${group}/${name}`);
      if (!(ds instanceof h5mod.Dataset)) throw layoutError(path, `dataset '${group}/${name}' is missing`);
      if (!ds.shape || ds.shape.length !== 1) throw layoutError(path, `dataset '${group}/${name}' has shape [${ds.shape?.join(', ') ?? ''}], expected 1-D`);
      const v = ds.value;
      const Maker = MAKERS[type];
      if (!(v instanceof Maker)) throw layoutError(path, `dataset '${group}/${name}' has type ${ds.dtype}, expected ${type}`);
      if (count >= 0 && v.length !== count) throw layoutError(path, `dataset '${group}/${name}' has ${v.length} entries, expected ${count} like the others of '${group}'`);
      count = v.length;
      out[names[name]!] = Maker.from(v as ArrayLike<number>);
    }
    return { ...out, count: Math.max(0, count) };
  };
  const module = json('module', LArTpcModuleConfigSchema);
  const response = json('response', ResponseModelSchema);
  const views = json('views', z.array(ReadoutViewSchema).min(1));
  const events = table('events', HIT_FILE_LAYOUT.events, EVENT_FIELDS);
  const rows = table('hits', HIT_FILE_LAYOUT.hits, HIT_FIELDS);
  const collection = {
    format: HIT_FILE_LAYOUT.format,
    formatVersion: HIT_FILE_LAYOUT.formatVersion,
    liveDays: num('live_days'),
    depthKmwe: num('depth_kmwe'),
    module,
    response,
    tickUs: num('tick_us'),
    views,
    events,
    hits: rows,
  };
  const parsed = HitCollectionSchema.safeParse(collection);
  if (!parsed.success) throw layoutError(path, `${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
  checkConsistency(path, parsed.data);
  return parsed.data;
}

/** Event ranges tile the hits in order; TPC, view and wire numbers are in range. */
function checkConsistency(path: string, c: HitCollection): void {
  const { events, hits, views } = c;
  let next = 0;
  for (let e = 0; e < events.count; e++) {
    if (events.firstHit[e] !== next || events.hitCount[e]! < 0) throw layoutError(path, `event ${e} covers hits ${events.firstHit[e]}+${events.hitCount[e]}, expected to start at ${next}`);
    next += events.hitCount[e]!;
  }
  if (next !== hits.count) throw layoutError(path, `events cover ${next} hits, the hits table has ${hits.count}`);
  const nTpc = LArTpcModuleConfigSchema.parse(c.module).driftVolumes;
  for (let j = 0; j < hits.count; j++) {
    const v = hits.view[j]!;
    if (hits.tpc[j]! >= nTpc || v >= views.length || hits.wire[j]! < 0 || hits.wire[j]! >= views[v]!.wires || !Number.isFinite(hits.tick[j]!) || !Number.isFinite(hits.chargeAdc[j]!)) {
      throw layoutError(path, `hit ${j} (tpc ${hits.tpc[j]}, view ${v}, wire ${hits.wire[j]}, tick ${hits.tick[j]}) is out of range`);
    }
    if (hits.event[j] !== undefined && (hits.event[j]! < 0 || hits.event[j]! >= events.count)) throw layoutError(path, `hit ${j} names event ${hits.event[j]}, the file has ${events.count}`);
  }
}
