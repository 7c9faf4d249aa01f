import { ValidationError, type RandomSource } from '@nucal/core';
import { tabulatedSampler } from '@nucal/numeric';
import type { MixedBetaSpectrum } from './b12.js';

/**
 * A sampler of lepton kinetic energies (MeV) from a tabulated spectrum (inverse CDF of the
 * piecewise-linear density, via `@nucal/numeric`'s `tabulatedSampler`).
 * @example
 * const draw = sampleBeta(b12Spectrum());
 * const kineticMeV = draw(rng);
 */
export function sampleBeta(spectrum: { readonly kineticEnergyMeV: Float64Array; readonly density: Float64Array }): (rng: RandomSource) => number {
  return tabulatedSampler(spectrum.kineticEnergyMeV, spectrum.density);
}

/**
 * Per-component sampling of a mixture without allocation per decay: `component(rng)` picks a
 * component index by weight, `kineticEnergyMeV(index, rng)` draws its lepton energy.
 * @example
 * const mix = b12Spectrum({ n12Fraction: 0.03 });
 * const s = betaMixtureSampler(mix);
 * const k = s.component(rng);
 * const tMeV = s.kineticEnergyMeV(k, rng);
 * const isPositron = mix.components[k]!.betaType === 'plus';
 */
export function betaMixtureSampler(mix: MixedBetaSpectrum): {
  component(rng: RandomSource): number;
  kineticEnergyMeV(componentIndex: number, rng: RandomSource): number;
} {
  const samplers = mix.components.map((c) => tabulatedSampler(mix.kineticEnergyMeV, c.density));
  const cumulative = new Float64Array(mix.components.length);
  let acc = 0;
  mix.components.forEach((c, i) => {
    acc += c.weight;
    cumulative[i] = acc;
  });
  return {
    component(rng) {
      const u = rng.uniform() * acc;
      for (let i = 0; i < cumulative.length; i++) if (u < (cumulative[i] as number)) return i;
      return cumulative.length - 1;
    },
    kineticEnergyMeV(componentIndex, rng) {
      const s = samplers[componentIndex];
      if (!s) throw new ValidationError(`betaMixtureSampler: component ${componentIndex}; expected 0..${samplers.length - 1}`);
      return s(rng);
    },
  };
}
