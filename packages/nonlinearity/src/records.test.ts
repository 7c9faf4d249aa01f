import { describe, expect, it } from 'vitest';
import { recordKey } from '@nucal/core';
import { junoEnergyScaleRecord, nonlinearityRecord, type NonlinearityV1 } from './records.js';

const fit = { parameters: ['p0', 'p1', 'p2', 'p3'], values: { p0: 1 }, errors: { p0: 0.1 }, covariance: [[0.01]], chi2: 90, ndof: 94, valid: true };
const valid: NonlinearityV1 = {
  model: '(p0 + p3/E) / (1 + p1 exp(-p2 E))',
  parameters: { p0: 1.034, p1: 0.047, p2: 1.22, p3: -0.0021 },
  errors: { p0: 1e-4, p1: 1e-3, p2: 0.03, p3: 3e-5 },
  covariance: [[1e-8, 0, 0, 0], [0, 1e-6, 0, 0], [0, 0, 9e-4, 0], [0, 0, 0, 9e-10]],
  fit,
  band: { energyMeV: [1, 2], lowRel: [-0.004, -0.003], highRel: [0.004, 0.003], mocks: 100, effects: [] },
  validityMinMeV: 0.5,
  validityMaxMeV: 8,
};

describe('records', () => {
  it('are juno.nonlinearity@1 and juno.energy-scale@1', () => {
    expect(recordKey(nonlinearityRecord)).toBe('juno.nonlinearity@1');
    expect(recordKey(junoEnergyScaleRecord)).toBe('juno.energy-scale@1');
  });
  it('accept a valid payload and reject malformed ones', () => {
    expect(nonlinearityRecord.schema.parse(valid)).toEqual(valid);
    expect(nonlinearityRecord.schema.safeParse({ ...valid, covariance: [[1]] }).success).toBe(false);
    expect(nonlinearityRecord.schema.safeParse({ ...valid, errors: { ...valid.errors, p0: -1 } }).success).toBe(false);
    expect(nonlinearityRecord.schema.safeParse({ ...valid, parameters: { p0: 1 } }).success).toBe(false);
    const scale = { y0PePerMeV: 1345, y0ErrPePerMeV: 0.1, darkNoiseOffsetPe: 185, darkNoiseOffsetErrPe: 0.14, annihilationVisibleMeV: 0.947, annihilationVisibleErrMeV: 1e-4 };
    expect(junoEnergyScaleRecord.schema.parse(scale)).toEqual(scale);
    expect(junoEnergyScaleRecord.schema.safeParse({ ...scale, y0PePerMeV: 0 }).success).toBe(false);
  });
});
