import { OutOfRangeError, ValidationError } from '@nucal/core';
import { describe, expect, it } from 'vitest';
import { diffusionSigmaCm, longitudinalDiffusionSigmaUs, responseModel } from './response-model.js';

describe('response model', () => {
  it('has DUNE defaults and derives vd and density', () => {
    const { model, conditions } = responseModel();
    expect(model).toMatchObject({ fieldKvPerCm: 0.5, temperatureK: 87, longitudinalDiffusionCm2PerS: 6.2, transverseDiffusionCm2PerS: 13, shapingTimeUs: 2, tickUs: 0.5 });
    expect(model.recombination.model).toBe('modified-box');
    expect(conditions.vdMmPerUs).toBeCloseTo(1.605629, 5);
    expect(conditions.densityGPerCm3).toBeCloseTo(1.39295, 10);
  });

  it('rejects bad parameters and out-of-range conditions', () => {
    expect(() => responseModel({ lifetimeMs: -1 })).toThrow(ValidationError);
    expect(() => responseModel({ temperatureK: 100 })).toThrow(OutOfRangeError);
  });

  it('diffusion: sigma = sqrt(2 D t); 13 cm2/s over 2.25 ms is 2.4 mm, 6.2 cm2/s is 1.04 us at 1.6 mm/us', () => {
    expect(diffusionSigmaCm(13, 2250)).toBeCloseTo(Math.sqrt(2 * 13 * 2.25e-3), 12);
    expect(diffusionSigmaCm(13, 2250)).toBeCloseTo(0.2419, 4);
    expect(longitudinalDiffusionSigmaUs(6.2, 2250, 1.6)).toBeCloseTo((10 * Math.sqrt(2 * 6.2 * 2.25e-3)) / 1.6, 12);
    expect(() => diffusionSigmaCm(-1, 10)).toThrow(ValidationError);
  });
});
