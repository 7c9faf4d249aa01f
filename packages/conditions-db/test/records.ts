import { defineRecord, type ProvenanceInput } from '@nucal/core';
import { z } from 'zod';

/** A small record like the real ones: units in names, a fit summary-like block. */
export const scaleRecord = defineRecord({
  name: 'test.energy-scale',
  version: 1,
  description: 'Test energy scale: light yield in PE/MeV',
  schema: z.object({
    y0PePerMeV: z.number().positive(),
    y0ErrPePerMeV: z.number().nonnegative(),
    fit: z.object({ chi2: z.number().nonnegative(), ndof: z.number().int() }),
  }),
});

export const lifetimeRecord = defineRecord({
  name: 'test.lifetime',
  version: 1,
  description: 'Test electron lifetime per TPC, ms',
  schema: z.object({ tpc: z.number().int().nonnegative(), lifetimeMs: z.number().positive() }),
});

export const provenance: ProvenanceInput = {
  plugin: { id: 'test.plugin', version: '0.0.0' },
  input: { description: 'unit test' },
  createdAt: '2026-11-24T00:00:00Z',
};

export const scale = (y0: number) => ({ y0PePerMeV: y0, y0ErrPePerMeV: 1, fit: { chi2: 1, ndof: 1 } });
