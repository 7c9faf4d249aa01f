import { describe, expect, it } from 'vitest';
import { createRng, physicalConstants } from '@nucal/numeric';

const MICHEL_ENDPOINT_MEV = physicalConstants.michelEndpointMeV;
import { MichelResponseSchema, michelCdf, michelPdf, michelVisibleSpectrum, sampleMichelEnergyMeV, visibleMichelEnergyMeV } from './michel.js';

describe('Michel spectrum', () => {
  it('has the endpoint (m_mu^2 + m_e^2) / 2 m_mu = 52.83 MeV and the rho = 3/4 shape 6x^2 - 4x^3', () => {
    expect(MICHEL_ENDPOINT_MEV).toBeCloseTo(52.83, 2);
    expect(michelPdf(0.5)).toBeCloseTo(6 * 0.25 - 4 * 0.125, 12);
    expect(michelCdf(1)).toBeCloseTo(1, 12);
  });
  it('samples with mean 0.7 E_max (exact for rho = 3/4) within 4 standard errors', () => {
    const rng = createRng('michel');
    const n = 20000;
    let s = 0;
    for (let i = 0; i < n; i++) s += sampleMichelEnergyMeV(rng) / MICHEL_ENDPOINT_MEV;
    const sd = Math.sqrt(0.5333 - 0.49);
    expect(Math.abs(s / n - 0.7)).toBeLessThan((4 * sd) / Math.sqrt(n));
  });
  it('detector response: the visible mean matches the convolved template within 1%', () => {
    const rng = createRng('vis');
    const resp = MichelResponseSchema.parse({});
    let s = 0;
    const n = 20000;
    for (let i = 0; i < n; i++) s += visibleMichelEnergyMeV(rng, sampleMichelEnergyMeV(rng), resp);
    const t = michelVisibleSpectrum(resp, 0, 90, 901);
    let w = 0;
    let m = 0;
    for (let i = 0; i < t.energyMeV.length; i++) {
      w += t.density[i]!;
      m += t.density[i]! * t.energyMeV[i]!;
    }
    expect(Math.abs(s / n / (m / w) - 1)).toBeLessThan(0.01);
  });
});
