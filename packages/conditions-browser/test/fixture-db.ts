import { runTime, timestampTime, type FitSummary, type ProvenanceInput } from '@nucal/core';
import type { ConditionsDb } from '@nucal/conditions-db';
import { nonlinearityRecord, type NonlinearityV1 } from '@nucal/nonlinearity';
import { driftVelocityRecord, lifetimeRecord, t0Record } from '@nucal/tpc-drift';
import { uniformityRecord } from '@nucal/uniformity';

/*
 * A small conditions database with fixed numbers (no randomness, no clock in any plotted
 * value), shaped like the demo's: four days of DUNE constants for three TPCs, two JUNO
 * non-linearity IOVs, a JUNO non-uniformity map, a second lifetime tag that differs on one day, global tags.
 */

export const DAY_NS = 86_400_000_000_000n;
/** 2026-03-01T00:00:00Z, the demo's DUNE start. */
export const MARCH_1_NS = 1_772_323_200_000_000_000n;
export const DAYS = 4;
export const TPCS = [1, 2, 3] as const;

export const provenance: ProvenanceInput = {
  plugin: { id: 'dune.cosmics', version: '0.1.0' },
  input: { description: 'browser test fixture', hash: 'a'.repeat(64) },
  seed: '21',
  createdAt: '2026-03-02T00:00:00Z',
  fitQuality: { chi2: 12.5, ndof: 10, valid: true },
  metadata: { note: 'fixed numbers' },
};

const fit = (tau: number, err: number, chi2: number): FitSummary => ({
  parameters: ['q0', 'inverseLifetimePerMs'],
  values: { q0: 5200, inverseLifetimePerMs: 1 / tau },
  errors: { q0: 12, inverseLifetimePerMs: err / (tau * tau) },
  covariance: [[144, 0], [0, (err / (tau * tau)) ** 2]],
  chi2,
  ndof: 8,
  valid: true,
  pValue: chi2 === 30 ? 0.0002 : 0.5,
  lowPValue: chi2 === 30,
});

/** Lifetime (ms) of TPC `tpc` on day `d`: fixed, slowly rising. */
export const lifetimeMs = (tpc: number, d: number): number => 4 + tpc + 0.25 * d;

export const lifetimePayload = (d: number, shift = 0) =>
  lifetimeRecord.schema.parse({
    estimator: 'truncated-mean',
    entries: TPCS.map((tpc) => ({ tpc, lifetimeMs: lifetimeMs(tpc, d) + shift, errorMs: 0.1 + 0.05 * tpc, nHits: 20000, fit: fit(lifetimeMs(tpc, d), 0.1 + 0.05 * tpc, tpc === 3 && d === 2 ? 30 : 9) })),
  });

export const t0Payload = (d: number) =>
  t0Record.schema.parse({ method: 'segments', tpcs: TPCS.map((tpc) => ({ tpc, t0OffsetUs: (tpc === 1 ? 2.5 : 0) + 0.05 * d, errorUs: 0.08, nTracks: 300, fit: { parameters: ['t0'], values: { t0: 0 }, errors: { t0: 0.08 }, covariance: [[0.0064]], chi2: 0, ndof: 0, valid: true } })) });

export const vdPayload = (d: number) =>
  driftVelocityRecord.schema.parse({ tpcs: TPCS.map((tpc) => ({ tpc, vdMmPerUs: 1.5 + 0.01 * tpc - 0.002 * d, errorMmPerUs: 0.003, nTracks: 250, driftLengthCm: 350 })) });

/** A JUNO non-linearity payload with a band of ±(0.2% + 0.4%·MeV/E) on 12 energies from 0.25 to 12 MeV. */
export function nonlinearityPayload(p0: number): NonlinearityV1 {
  const energyMeV = Array.from({ length: 12 }, (_, i) => 0.25 * Math.pow(48, i / 11));
  const half = energyMeV.map((e) => 0.002 + 0.004 / e);
  return nonlinearityRecord.schema.parse({
    model: '(p0 + p3/E) / (1 + p1 exp(-p2 E))',
    parameters: { p0, p1: 0.12, p2: 1.1, p3: -0.012 },
    errors: { p0: 0.002, p1: 0.01, p2: 0.05, p3: 0.001 },
    covariance: [[4e-6, 0, 0, 0], [0, 1e-4, 0, 0], [0, 0, 2.5e-3, 0], [0, 0, 0, 1e-6]],
    fit: { parameters: ['p0', 'p1', 'p2', 'p3'], values: { p0, p1: 0.12, p2: 1.1, p3: -0.012 }, errors: { p0: 0.002, p1: 0.01, p2: 0.05, p3: 0.001 }, covariance: [[4e-6, 0, 0, 0], [0, 1e-4, 0, 0], [0, 0, 2.5e-3, 0], [0, 0, 0, 1e-6]], chi2: 41.2, ndof: 38, valid: true, pValue: 0.33 },
    band: { energyMeV, lowRel: half.map((h) => -h), highRel: half, mocks: 0, effects: [] },
    validityMinMeV: 0.5,
    validityMaxMeV: 8,
  }) as NonlinearityV1;
}

/** Calibration points of the uniformity payload: (system, u = cos θ, v = (r/R)³). */
export const UNIFORMITY_POINTS = [['ACU', 0, 0], ['ACU', 1, 0.4], ['ACU', -1, 0.4], ['CLS', 0.5, 0.7], ['CLS', -0.3, 0.85], ['GT', 0.2, 0.99]] as const;

/** A JUNO non-uniformity map: a gentle spline surface on 3 x 3 breakpoints and the points above. */
export function uniformityPayload() {
  return uniformityRecord.schema.parse({
    lsRadiusCm: 1770,
    y0PePerMeV: 1345,
    darkOffsetPe: 184.9,
    sourceVisibleMeV: 2.223,
    spline: { uBreakpoints: [-1, 0, 1], vBreakpoints: [0, 0.5, 1], coefficients: Array.from({ length: 25 }, (_, k) => 1 + 0.01 * (Math.floor(k / 5) - 2) + 0.02 * (k % 5)) },
    fit: { chi2: 4.2, effectiveParameters: 5.5, points: UNIFORMITY_POINTS.length, smoothingU: 1, smoothingV: 1 },
    points: UNIFORMITY_POINTS.map(([system, u, v], i) => ({
      system, rCm: 1770 * Math.cbrt(v), thetaRad: Math.acos(u), phiRad: 0, u, v, events: 5000, peakMeanPe: 3000 + 10 * i, peakMeanErrorPe: 1.5, peakSigmaPe: 55, g: 1 + 0.01 * i, gError: 0.0008,
    })),
  });
}

/** Tag names of the fixture. */
export const TAGS = {
  lifetime: 'demo.dune.lifetime',
  lifetimeV2: 'demo.dune.lifetime-v2',
  t0: 'demo.dune.t0',
  vd: 'demo.dune.drift-velocity',
  nonlinearity: 'demo.juno.nonlinearity',
  uniformity: 'demo.juno.uniformity',
} as const;

/** Writes the fixture into an initialised, empty database. */
export async function seedBrowserFixture(db: ConditionsDb): Promise<void> {
  for (const r of [lifetimeRecord, t0Record, driftVelocityRecord, nonlinearityRecord, uniformityRecord]) await db.registerRecord(r);
  const day = (d: number) => timestampTime(MARCH_1_NS + BigInt(d) * DAY_NS);
  const daily = async (name: string, record: string, payload: (d: number) => unknown, description: string) => {
    await db.createTag({ name, record, timeType: 'timestamp', description });
    await db.appendIovs(name, Array.from({ length: DAYS }, (_, d) => ({ since: day(d), payload: payload(d), provenance })));
  };
  await daily(TAGS.lifetime, lifetimeRecord.name, (d) => lifetimePayload(d), 'electron lifetime per day');
  // the same but day 2 recalibrated: one interval differs
  await daily(TAGS.lifetimeV2, lifetimeRecord.name, (d) => lifetimePayload(d, d === 2 ? 0.3 : 0), 'electron lifetime per day, day 2 redone');
  await daily(TAGS.t0, t0Record.name, t0Payload, 't0 per day');
  await daily(TAGS.vd, driftVelocityRecord.name, vdPayload, 'drift velocity per day');
  await db.createTag({ name: TAGS.nonlinearity, record: nonlinearityRecord.name, timeType: 'run', description: 'LS non-linearity by run' });
  await db.appendIovs(TAGS.nonlinearity, [
    { since: runTime(1000), payload: nonlinearityPayload(1.025), provenance: { ...provenance, plugin: { id: 'juno.nonlinearity', version: '0.1.0' } } },
    { since: runTime(1200), payload: nonlinearityPayload(1.027), provenance: { ...provenance, plugin: { id: 'juno.nonlinearity', version: '0.1.0' } } },
  ]);
  await db.createTag({ name: TAGS.uniformity, record: uniformityRecord.name, timeType: 'run', description: 'LS non-uniformity by run' });
  await db.appendIov(TAGS.uniformity, { since: runTime(1000), payload: uniformityPayload(), provenance: { ...provenance, plugin: { id: 'juno.uniformity', version: '0.1.0' } } });
  await db.createGlobalTag({ name: 'demo-dune', description: 'DUNE reconstruction pass' });
  for (const [record, tag] of [[lifetimeRecord.name, TAGS.lifetime], [t0Record.name, TAGS.t0], [driftVelocityRecord.name, TAGS.vd]] as const) await db.setGlobalTagEntry('demo-dune', record, tag);
  await db.createGlobalTag({ name: 'demo-dune-v2', description: 'DUNE pass with day 2 redone' });
  for (const [record, tag] of [[lifetimeRecord.name, TAGS.lifetimeV2], [t0Record.name, TAGS.t0], [driftVelocityRecord.name, TAGS.vd]] as const) await db.setGlobalTagEntry('demo-dune-v2', record, tag);
  await db.createGlobalTag({ name: 'demo-juno', description: 'JUNO energy pass' });
  await db.setGlobalTagEntry('demo-juno', nonlinearityRecord.name, TAGS.nonlinearity);
}
