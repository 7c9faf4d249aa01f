import { b12Spectrum, getSource } from '@nucal/sources';
import { b12Folder, type B12Folder, type BetaComponent } from './b12-prediction.js';
import { electronGrid, type ElectronGrid } from './electron-grid.js';
import { gammaKernel, type GammaKernel, type SecondaryDensity } from './gamma-prediction.js';
import type { ModelToyTemplate } from './model-toy.js';

/**
 * Test-only P(E_e): a Compton-like flat continuum of one electron below 0.8 E plus 0.6
 * full-energy electrons (it deposits E on average). Unit tests of the fit machinery use it
 * so they do not depend on the transport toy.
 */
export function fixtureSecondaries(eGammaMeV: number, n = 300): SecondaryDensity {
  const h = eGammaMeV / n;
  const energyMeV = Float64Array.from({ length: n }, (_, i) => (i + 0.5) * h);
  const density = Float64Array.from(energyMeV, (e, i) => (e < 0.8 * eGammaMeV ? 1 / (0.8 * eGammaMeV) : 0) + (i === n - 1 ? 0.6 / h : 0));
  return { energyMeV, density };
}

/** The default source list of the calibration (PHYSICS.md 1.2), kernels from {@link fixtureSecondaries}. */
export const FIXTURE_SOURCES = ['Cs-137', 'Mn-54', 'Ge-68', 'K-40', 'nH', 'Co-60', 'AmBe', 'nC12', 'AmC'] as const;

/** Kernels of the catalogue sources with the fixture P(E_e). */
export function fixtureKernels(grid: ElectronGrid): GammaKernel[] {
  return FIXTURE_SOURCES.map((id) =>
    gammaKernel(
      id,
      getSource(id).channels.map((c) => ({ fraction: c.probability, lines: c.gammasMeV.map((e) => ({ energyMeV: e, secondaries: fixtureSecondaries(e) })) })),
      grid,
    ),
  );
}

/** B-12 folder from the real B-12/N-12 spectrum with fixture annihilation kernels. */
export function fixtureB12Folder(grid: ElectronGrid, kernels: readonly GammaKernel[]): B12Folder {
  const mix = b12Spectrum();
  const anni = kernels.find((k) => k.id === 'Ge-68')!;
  const comps: BetaComponent[] = mix.components.map((c) => ({
    label: c.label,
    fraction: c.weight,
    kineticEnergyMeV: mix.kineticEnergyMeV,
    density: c.density,
    addedKernels: c.betaType === 'plus' ? [anni] : [],
  }));
  return b12Folder(comps, grid, { aPercent: 3, bPercent: 0, cPercent: 0 });
}

/** An in-family toy template with 0.02-0.05% peak errors and one month of B-12 (~15,000 events). */
export function fixtureTemplate(): ModelToyTemplate {
  const grid = electronGrid();
  const kernels = fixtureKernels(grid);
  return {
    grid,
    gammas: kernels.map((k) => ({ kernel: k, errorMeV: k.energyMeV * (k.id === 'K-40' || k.id === 'nC12' ? 0.0005 : 0.0002) })),
    b12: { folder: fixtureB12Folder(grid, kernels), expectedEvents: 15_000 },
  };
}

/** A plausible in-family truth (shape of LAB Birks + Cherenkov, normalised near n-H). */
export const FIXTURE_TRUTH = { p0: 1.025, p1: 0.12, p2: 1.1, p3: -0.012 } as const;
