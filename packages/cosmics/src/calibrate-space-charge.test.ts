import { describe, expect, it } from 'vitest';
import { silentLogger, silentProgress } from '@nucal/core';
import { createRng } from '@nucal/numeric';
import { spaceChargeRecord } from '@nucal/tpc-drift';
import { reconstructCosmics } from './reco/reconstruct-cosmics.js';
import { simulateCosmics } from './simulate-cosmics.js';
import { spaceChargeFromCosmics } from './calibrate-space-charge.js';
import { SURFACE_PROTODUNE } from './space-charge.js';
import { cosmicsPlugin } from './cosmics-plugin.js';

/** Injected displacement normal to each face at drift fraction u (closure code: the truth). */
function injected(face: string, transverseCm: number, u: number): number {
  const s = u * (2 - u);
  return face === 'top' || face === 'downstream' ? -transverseCm * s : transverseCm * s;
}

function pulls(transverseCm: number, seed: string): { pulls: number[]; payload: ReturnType<typeof spaceChargeFromCosmics> } {
  const sim = simulateCosmics({ ...SURFACE_PROTODUNE, spaceCharge: { transverseCm, driftCm: transverseCm / 2 }, days: 0.015 }, createRng(seed));
  const payload = spaceChargeFromCosmics(reconstructCosmics(sim.hits));
  const out: number[] = [];
  for (const f of payload.faces) for (const b of f.bins) out.push((b.displacementCm - injected(f.face, transverseCm, b.meanDriftFraction)) / b.errorCm);
  return { pulls: out, payload };
}

describe('spaceChargeFromCosmics (closure on a protoDUNE-sized module)', () => {
  it('recovers the injected 2 cm transverse map within its errors', { timeout: 60_000 }, () => {
    const { pulls: p, payload } = pulls(2, 'sce-on');
    expect(spaceChargeRecord.schema.safeParse(payload).success).toBe(true);
    expect(p).toHaveLength(16);
    for (const f of payload.faces) for (const b of f.bins) expect(b.nEnds).toBeGreaterThan(50);
    const chi2 = p.reduce((s, x) => s + x * x, 0);
    // 16 bins: chi2 < 40 (p ~ 7e-4); every pull within 3.5.
    expect(chi2).toBeLessThan(40);
    for (const x of p) expect(Math.abs(x)).toBeLessThan(3.5);
    // The largest bins are far from zero: the test would fail for a map that measured nothing.
    expect(Math.abs(payload.faces[0]!.bins[3]!.displacementCm)).toBeGreaterThan(1.5);
  });

  it('is consistent with zero when the distortion is off', { timeout: 60_000 }, () => {
    const { pulls: p } = pulls(0, 'sce-off');
    const chi2 = p.reduce((s, x) => s + x * x, 0);
    expect(chi2).toBeLessThan(40);
    for (const x of p) expect(Math.abs(x)).toBeLessThan(3.5);
  });

  it('is written by dune.cosmics when enabled, and only then', { timeout: 60_000 }, async () => {
    const plugin = cosmicsPlugin({ spaceCharge: true, skipMichel: true });
    const { input } = plugin.simulate({ ...SURFACE_PROTODUNE, days: 0.015 }, createRng('sce-plugin'));
    const r = await plugin.calibrate(input, { rng: createRng('sce-plugin-calibrate'), logger: silentLogger, progress: silentProgress });
    const sce = r.payloads.find((p) => p.record.name === 'dune.space-charge');
    expect(sce).toBeDefined();
    expect(plugin.records.map((rec) => rec.name)).toContain('dune.space-charge');
    expect(r.fits['spaceCharge']!.parameters).toHaveLength(16);
    expect(cosmicsPlugin().records.map((rec) => rec.name)).not.toContain('dune.space-charge');
  });
});
