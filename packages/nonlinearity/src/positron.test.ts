import { describe, expect, it } from 'vitest';
import { OutOfRangeError } from '@nucal/core';
import { electronVisibleMeV } from './model.js';
import { POSITRON_MAX_KINETIC_MEV, positronKineticMeV, positronsKineticMeV } from './positron.js';

const p = { p0: 1.034, p1: 0.047, p2: 1.22, p3: -0.0021 };
const anni = 0.947;

describe('positron reconstruction', () => {
  it('round-trips E -> E_vis_prompt -> E within 1e-9 MeV from 0.05 to 15 MeV', () => {
    for (const t of [0.05, 0.3, 1, 2.5, 4, 6, 8, 12, 15]) {
      const prompt = anni + electronVisibleMeV(t, p);
      expect(Math.abs(positronKineticMeV(prompt, anni, p) - t)).toBeLessThan(1e-9);
    }
  });
  it('solves with the energy-dependent f (not prompt - anni over a fixed f)', () => {
    // with f(E) varying, (E_vis - E_anni) / f(E_guess) at a wrong E_guess is off by the slope of f
    const t = 1;
    const prompt = anni + electronVisibleMeV(t, p);
    const naive = (prompt - anni) / ((p.p0 + p.p3 / 3) / (1 + p.p1 * Math.exp(-p.p2 * 3)));
    expect(Math.abs(naive - t)).toBeGreaterThan(1e-3);
    expect(positronKineticMeV(prompt, anni, p)).toBeCloseTo(t, 9);
  });
  it('vectorises and clips events below the zero-kinetic visible energy at 0', () => {
    const out = positronsKineticMeV(new Float64Array([anni - 0.05, anni + electronVisibleMeV(3, p)]), anni, p);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(3, 9);
  });
  it('rejects energies beyond the search range', () => {
    expect(() => positronKineticMeV(anni + 1.1 * electronVisibleMeV(POSITRON_MAX_KINETIC_MEV, p), anni, p)).toThrow(OutOfRangeError);
  });
});
