import { describe, expect, it } from 'vitest';
import { MODIFIED_BOX_ARGONEUT } from './recombination.js';
import { driftVelocityRecord, duneEnergyScaleRecord, lifetimeRecord, t0Record } from './records.js';

const fit = { parameters: ['a'], values: { a: 1 }, errors: { a: 0.1 }, covariance: [[0.01]], chi2: 3.2, ndof: 4, valid: true };

describe('DUNE records', () => {
  it('are versioned and namespaced', () => {
    expect([t0Record, driftVelocityRecord, lifetimeRecord, duneEnergyScaleRecord].map((r) => `${r.name}@${r.version}`)).toEqual([
      'dune.t0@1',
      'dune.drift-velocity@1',
      'dune.lifetime@1',
      'dune.energy-scale@1',
    ]);
  });

  it('accept well-formed payloads', () => {
    expect(t0Record.schema.safeParse({ method: 'segments', tpcs: [{ tpc: 1, t0OffsetUs: -2.5, errorUs: 0.1, nTracks: 50, fit }] }).success).toBe(true);
    expect(
      lifetimeRecord.schema.safeParse({
        estimator: 'langau-mpv',
        entries: [
          { tpc: 0, lifetimeMs: 5, errorMs: 0.2, nHits: 10, fit },
          { tpc: 0, yMinCm: -600, yMaxCm: 0, lifetimeMs: 4, errorMs: 0.3, nHits: 5, fit },
        ],
      }).success,
    ).toBe(true);
    expect(
      duneEnergyScaleRecord.schema.safeParse({
        electronsPerAdc: 218,
        errorElectronsPerAdc: 2,
        recombination: MODIFIED_BOX_ARGONEUT,
        fieldKvPerCm: 0.5,
        densityGPerCm3: 1.393,
        wMeV: 23.6e-6,
        method: 'stopping-muon-mip',
        tpcs: [{ tpc: 0, electronsPerAdc: 217, errorElectronsPerAdc: 3 }],
      }).success,
    ).toBe(true);
  });

  it('reject duplicates, negative lifetimes and unknown recombination models, naming the field', () => {
    const dup = driftVelocityRecord.schema.safeParse({
      tpcs: [0, 0].map((tpc) => ({ tpc, vdMmPerUs: 1.6, errorMmPerUs: 0.01, nTracks: 3, driftLengthCm: 360 })),
    });
    expect(dup.success).toBe(false);
    expect(JSON.stringify(dup.error?.issues)).toMatch(/duplicate tpc 0/);
    expect(t0Record.schema.safeParse({ method: 'gap', tpcs: [] }).success).toBe(false);
    const slices = lifetimeRecord.schema.safeParse({
      estimator: 'truncated-mean',
      entries: [0, 0].map(() => ({ tpc: 2, yMinCm: 0, yMaxCm: 600, lifetimeMs: 5, errorMs: 0.1, nHits: 1, fit })),
    });
    expect(JSON.stringify(slices.error?.issues)).toMatch(/duplicate tpc\/height slice 2\[0,600\)/);
    expect(lifetimeRecord.schema.safeParse({ estimator: 'truncated-mean', entries: [{ tpc: 0, lifetimeMs: -1, errorMs: 0, nHits: 1, fit }] }).success).toBe(false);
    const bad = duneEnergyScaleRecord.schema.safeParse({
      electronsPerAdc: 1,
      errorElectronsPerAdc: 0,
      recombination: { model: 'thomas-imel', alpha: 1 },
      fieldKvPerCm: 0.5,
      densityGPerCm3: 1.39,
      wMeV: 23.6e-6,
      method: 'x',
    });
    expect(bad.success).toBe(false);
    expect(JSON.stringify(bad.error?.issues)).toMatch(/recombination/);
  });
});
