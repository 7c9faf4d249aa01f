import { describe, expect, it } from 'vitest';
import { ValidationError } from '@nucal/core';
import { physicalConstants as c } from './constants.js';
import { densityEffectDelta, sternheimerPeierls } from './density-effect.js';

/** PDG's liquid argon (Atomic and Nuclear Properties, "Liquid argon (Ar)"): Z = 18, A = 39.948, I = 188.0 eV. */
const LAR = { a: 0.1956, k: 3.0, x0: 0.2, x1: 3.0, cBar: 5.2146, delta0: 0 };

/**
 * Muon kinetic energy T (MeV) and the density-effect delta tabulated beside it in PDG's muon
 * energy-loss table for liquid argon (muE_liquid_argon; D.E. Groom, N.V. Mokhov, S.I. Striganov,
 * At. Data Nucl. Data Tables 78 (2001) 183, as distributed by the PDG), 4 decimals.
 */
const PDG_LAR_DELTA: readonly [number, number][] = [
  [90, 0.0],
  [120, 0.0098],
  [250, 0.1508],
  [500, 0.4698],
  [1000, 0.9957],
  [3000, 2.2491],
  [1e4, 4.1137],
  [1e5, 8.4929],
  [3e5, 10.6888], // βγ = 2840: x = 3.45, above x1
  [1e6, 13.0962],
  [1e8, 22.3063],
];

describe('physical constants (PDG 2024)', () => {
  it('has the PDG values the packages use', () => {
    expect(c.electronMassMeV).toBe(0.51099895);
    expect(c.muonMassMeV).toBe(105.6583755);
    expect(c.betheKMeVCm2PerMol).toBe(0.307075);
    expect(c.fineStructure).toBe(1 / 137.035999084);
    expect(c.hbarCMeVFm).toBe(197.3269804);
    expect(c.classicalElectronRadiusCm).toBe(2.8179403262e-13);
    expect(c.avogadroPerMol).toBe(6.02214076e23);
    expect(c.secondsPerDay).toBe(86_400);
    expect(Object.isFrozen(c)).toBe(true);
  });

  it('is consistent: r_e = α ħc / m_e c², K = 4π N_A r_e² m_e c², ħω_p coefficient, Michel endpoint, Compton wavelength', () => {
    const reFm = (c.fineStructure * c.hbarCMeVFm) / c.electronMassMeV;
    expect(Math.abs(reFm * 1e-13 / c.classicalElectronRadiusCm - 1)).toBeLessThan(1e-9);
    const k = 4 * Math.PI * c.avogadroPerMol * c.classicalElectronRadiusCm ** 2 * c.electronMassMeV;
    expect(Math.abs(k / c.betheKMeVCm2PerMol - 1)).toBeLessThan(2e-6); // K is tabulated to 6 digits
    const plasma = (Math.sqrt(4 * Math.PI * c.avogadroPerMol * c.classicalElectronRadiusCm ** 3) * c.electronMassMeV * 1e6) / c.fineStructure;
    expect(plasma).toBeCloseTo(c.plasmaEnergyCoefficientEv, 3);
    expect(c.michelEndpointMeV).toBeCloseTo(52.8304, 4);
    expect(c.electronComptonFm).toBeCloseTo(386.159268, 5);
  });
});

describe('Sternheimer density effect', () => {
  it('reproduces PDG tabulated delta for liquid argon from T = 90 MeV to 100 TeV muons (4 decimals)', () => {
    for (const [t, delta] of PDG_LAR_DELTA) {
      const betaGamma = Math.sqrt(t * (t + 2 * c.muonMassMeV)) / c.muonMassMeV;
      expect(Math.abs(densityEffectDelta(LAR, betaGamma) - delta), `T = ${t} MeV`).toBeLessThan(3e-4); // largest 2e-4 near x0, where a = 0.1956 is rounded (0.19559 in other PDG files)
    }
  });

  it('is continuous at x1 and (insulator) zero below x0; conductors rise as delta0 10^(2(x - x0)); rejects βγ <= 0', () => {
    const at = (x: number) => densityEffectDelta(LAR, 10 ** x);
    expect(Math.abs(at(3 - 1e-12) - at(3))).toBeLessThan(1e-9);
    expect(at(0.1)).toBe(0);
    // a chosen with Cbar: at x0 the middle formula gives 2 ln10 x0 - Cbar + a (x1 - x0)^3 = 0.0 (within PDG's rounding)
    expect(Math.abs(at(0.2))).toBeLessThan(2e-3);
    const iron = { a: 0.1468, k: 2.9632, x0: -0.0012, x1: 3.1531, cBar: 4.2911, delta0: 0.12 };
    expect(densityEffectDelta(iron, 10 ** -0.5012)).toBeCloseTo(0.12 * 10 ** (2 * -0.5), 12);
    expect(() => densityEffectDelta(LAR, 0)).toThrow(ValidationError);
    expect(() => densityEffectDelta(LAR, Number.NaN)).toThrow(ValidationError);
  });

  it('Sternheimer-Peierls parameters: continuous at x0 and x1; water (I = 75 eV) close to its tabulated Cbar 3.5017', () => {
    const p = sternheimerPeierls(75, 1, 0.5551);
    expect(p.cBar).toBeCloseTo(3.50, 1);
    expect(p.x1).toBe(2);
    expect(densityEffectDelta(p, 10 ** p.x0)).toBeCloseTo(0, 12);
    const lar = sternheimerPeierls(188, 1.396, 18 / 39.948);
    expect(lar.cBar).toBeCloseTo(LAR.cBar, 1);
    expect(lar.x1).toBe(3);
    expect(() => sternheimerPeierls(0, 1, 0.5)).toThrow(ValidationError);
  });
});
