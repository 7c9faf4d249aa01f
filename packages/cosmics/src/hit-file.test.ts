import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { readHitFile, writeHitFile } from './hit-file.js';
import { hitCollectionHash } from './sample-hash.js';
import { simulateCosmics } from './simulate-cosmics.js';

const dir = mkdtempSync(join(tmpdir(), 'nucal-hits-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HDF5 hit files', () => {
  const { hits } = simulateCosmics({ days: 0.005 }, createRng('hit-file'));

  it('round-trips a hit collection bit for bit', async () => {
    const file = join(dir, 'hits.h5');
    await writeHitFile(file, hits);
    const back = await readHitFile(file);
    expect(back.hits.count).toBe(hits.hits.count);
    expect(hitCollectionHash(back)).toBe(hitCollectionHash(hits));
  });

  it('refuses files that do not match the layout with one line naming the problem (fuzzed)', async () => {
    const h5 = await import('h5wasm/node');
    await h5.ready;
    const write = (name: string, edit: (f: InstanceType<typeof h5.File>) => void): string => {
      const file = join(dir, name);
      const f = new h5.File(file, 'w');
      try {
        edit(f);
      } finally {
        f.close();
      }
      return file;
    };
    const good = join(dir, 'good.h5');
    await writeHitFile(good, hits);
    // Copies of the good layout with one thing broken each.
    const rebuild = (name: string, change: { skipAttr?: string; attr?: [string, unknown]; dataset?: [string, unknown]; drop?: string }): string =>
      write(name, (f) => {
        const attrs: Record<string, unknown> = {
          format: 'nucal.dune.hits', format_version: 1, live_days: hits.liveDays, depth_kmwe: hits.depthKmwe, tick_us: hits.tickUs,
          module: JSON.stringify(hits.module), response: JSON.stringify(hits.response), views: JSON.stringify(hits.views),
        };
        if (change.attr) attrs[change.attr[0]] = change.attr[1];
        for (const [k, v] of Object.entries(attrs)) if (k !== change.skipAttr) f.create_attribute(k, v as never);
        const data: Record<string, unknown> = {
          'events/trigger_time_s': hits.events.triggerTimeS, 'events/first_hit': hits.events.firstHit, 'events/hit_count': hits.events.hitCount,
          'hits/event': hits.hits.event, 'hits/tpc': hits.hits.tpc, 'hits/view': hits.hits.view, 'hits/wire': hits.hits.wire,
          'hits/tick': hits.hits.tick, 'hits/width_ticks': hits.hits.widthTicks, 'hits/charge_adc': hits.hits.chargeAdc,
        };
        if (change.dataset) data[change.dataset[0]] = change.dataset[1];
        f.create_group('events');
        f.create_group('hits');
        for (const [k, v] of Object.entries(data)) {
          if (k === change.drop) continue;
          const [g, n] = k.split('/');
          (f.get(g!) as InstanceType<typeof h5.Group>).create_dataset({ name: n!, data: v as never });
        }
      });
    const n = hits.hits.count;
    const cases: [string, string, RegExp][] = [
      ['text.h5', '', /not readable as HDF5/],
      ['no-format.h5', 'skip:format', /'format' is missing/],
      ['wrong-format.h5', 'attr:format=nucal.juno', /format attribute/],
      ['version.h5', 'attr:format_version=2', /format_version 2/],
      ['bad-json.h5', 'attr:module={', /'module' is not valid JSON/],
      ['bad-views.h5', 'attr:views=[]', /'views'/],
      ['no-tick.h5', 'drop:hits/tick', /'hits\/tick' is missing/],
      ['short.h5', 'data:hits/wire=short', /'hits\/wire' has .* entries/],
      ['type.h5', 'data:hits/tpc=f64', /'hits\/tpc' has type/],
      ['wire-range.h5', 'data:hits/wire=big', /out of range/],
      ['events.h5', 'data:events/hit_count=zero', /event 1 covers hits/],
    ];
    for (const [name, what, re] of cases) {
      let file: string;
      if (what === '') {
        file = join(dir, name);
        writeFileSync(file, 'not an hdf5 file\n');
      } else {
        const [kind, spec] = what.split(':') as [string, string];
        const [key, value] = spec.split('=') as [string, string | undefined];
        const arrays: Record<string, unknown> = {
          short: hits.hits.wire.slice(0, n - 1),
          f64: Float64Array.from(hits.hits.tpc),
          big: Int32Array.from(hits.hits.wire, (w, i) => (i === 7 ? 1_000_000 : w)),
          zero: new Int32Array(hits.events.count),
        };
        file = rebuild(name, kind === 'skip' ? { skipAttr: key } : kind === 'drop' ? { drop: key } : kind === 'attr' ? { attr: [key, key === 'format_version' ? Number(value) : value] } : { dataset: [key, arrays[value!]] });
      }
      const err = await readHitFile(file).then(() => null, (e: unknown) => e);
      expect(err, name).toBeInstanceOf(ValidationError);
      const message = (err as Error).message;
      expect(message, name).toMatch(re);
      expect(message.includes('\n'), `${name}: one line`).toBe(false);
    }
    // Random byte corruption of a good file never crashes the reader: a hit collection or a ValidationError.
    const { readFileSync } = await import('node:fs');
    const bytes = readFileSync(good);
    const rng = createRng('fuzz');
    for (let k = 0; k < 20; k++) {
      const copy = Uint8Array.from(bytes);
      for (let i = 0; i < 8; i++) copy[Math.floor(rng.uniform() * copy.length)] = Math.floor(rng.uniform() * 256);
      const file = join(dir, `fuzz-${k}.h5`);
      writeFileSync(file, copy);
      const r: unknown = await readHitFile(file).then((c) => c, (e: unknown) => e);
      if (r instanceof Error) expect(r, `fuzz ${k}: ${r.message}`).toBeInstanceOf(ValidationError);
      else expect((r as { format: string }).format).toBe('nucal.dune.hits');
    }
  });
});
