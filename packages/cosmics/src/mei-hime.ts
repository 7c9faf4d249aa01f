import { OutOfRangeError } from '@nucal/core';
import { physicalConstants } from '@nucal/numeric';

/**
 * Muons underground after D.-M. Mei and A. Hime, "Muon-induced background study for underground
 * laboratories", Phys. Rev. D 73, 053004 (2006). Depths are vertical depths h0 in km water
 * equivalent (km.w.e.) under a flat overburden; intensities in cm^-2 s^-1 sr^-1, fluxes in
 * cm^-2 s^-1, energies in GeV.
 */

/** Vertical depth-intensity relation (Mei & Hime eq. 1): I1, I2 (cm^-2 s^-1 sr^-1) and lambda1, lambda2 (km.w.e.). */
export const MEI_HIME_VERTICAL = Object.freeze({ i1: 8.6e-6, lambda1Kmwe: 0.45, i2: 0.44e-6, lambda2Kmwe: 0.87 });
/** Total flux under a flat overburden (Mei & Hime eq. 4): cm^-2 s^-1 and km.w.e. */
export const MEI_HIME_TOTAL = Object.freeze({ f1: 67.97e-6, lambda1Kmwe: 0.285, f2: 2.071e-6, lambda2Kmwe: 0.698 });
/** Energy spectrum at depth (Mei & Hime, section II): b (per km.w.e.), spectral index gamma, epsilon (GeV). */
export const MEI_HIME_SPECTRUM = Object.freeze({ bPerKmwe: 0.4, gamma: 3.77, epsilonGeV: 693 });
/** Depth of the DUNE far detector (4850 ft level of SURF), km.w.e. (PHYSICS.md 2.1; Mei & Hime Table I list Homestake at 4.3). */
export const DUNE_FD_DEPTH_KMWE = 4.3;
/** Range of vertical depths covered by the data Mei & Hime fitted (WIPP 1.585 to SNO 6.011 km.w.e., with margin). */
export const MEI_HIME_VALID_DEPTH_KMWE = Object.freeze({ min: 1, max: 8 });

function checkDepth(depthKmwe: number): void {
  if (!(depthKmwe >= MEI_HIME_VALID_DEPTH_KMWE.min && depthKmwe <= MEI_HIME_VALID_DEPTH_KMWE.max)) {
    throw new OutOfRangeError(
      `depth ${depthKmwe} km.w.e. is outside the Mei-Hime parametrisation: expected ${MEI_HIME_VALID_DEPTH_KMWE.min}-${MEI_HIME_VALID_DEPTH_KMWE.max} km.w.e.`,
    );
  }
}

/**
 * Vertical muon intensity at slant depth `slantDepthKmwe`, cm^-2 s^-1 sr^-1 (Mei & Hime eq. 1):
 * I(h) = I1 exp(-h / lambda1) + I2 exp(-h / lambda2). Not range-checked (slant depths exceed 8 km.w.e.).
 *
 * @example meiHimeVerticalIntensity(4.3) // ~ 9.3e-9
 */
export function meiHimeVerticalIntensity(slantDepthKmwe: number): number {
  const p = MEI_HIME_VERTICAL;
  return p.i1 * Math.exp(-slantDepthKmwe / p.lambda1Kmwe) + p.i2 * Math.exp(-slantDepthKmwe / p.lambda2Kmwe);
}

/**
 * Muon intensity at zenith angle theta under a flat overburden of vertical depth `depthKmwe`,
 * cm^-2 s^-1 sr^-1 (Mei & Hime's zenith-angle distribution for a flat overburden): I(h0, theta) = I(h0 sec theta) sec theta, where the sec
 * theta factor is the enhanced decay path of the parent mesons in the atmosphere.
 *
 * @example meiHimeIntensity(4.3, 1) === meiHimeVerticalIntensity(4.3)
 */
export function meiHimeIntensity(depthKmwe: number, cosZenith: number): number {
  checkDepth(depthKmwe);
  if (!(cosZenith > 0 && cosZenith <= 1)) throw new OutOfRangeError(`cos(zenith) ${cosZenith}: expected (0, 1] (downward muons)`);
  return meiHimeVerticalIntensity(depthKmwe / cosZenith) / cosZenith;
}

/**
 * Total muon flux through a horizontal surface under a flat overburden, cm^-2 s^-1 (Mei & Hime
 * eq. 4, their fit to the measured total fluxes): 67.97e-6 exp(-h0/0.285) + 2.071e-6 exp(-h0/0.698).
 * About 4.4e-9 cm^-2 s^-1 (3.8 m^-2 day^-1) at 4.3 km.w.e.
 *
 * @example meiHimeTotalFlux(4.3) * 1e4 * 86400 // ~ 3.8 per m^2 per day
 */
export function meiHimeTotalFlux(depthKmwe: number): number {
  checkDepth(depthKmwe);
  const p = MEI_HIME_TOTAL;
  return p.f1 * Math.exp(-depthKmwe / p.lambda1Kmwe) + p.f2 * Math.exp(-depthKmwe / p.lambda2Kmwe);
}

/**
 * Flux through a horizontal surface obtained by integrating the angular distribution
 * ({@link meiHimeIntensity}) over the upper hemisphere, cm^-2 s^-1. Mei & Hime's angular and
 * total-flux fits are separate fits to different data; at 4.3 km.w.e. this integral is about
 * 27% below {@link meiHimeTotalFlux}. The generator uses the angular shape with the total-flux
 * normalisation by default.
 *
 * @example meiHimeIntegratedFlux(4.3) // ~ 3.2e-9
 */
export function meiHimeIntegratedFlux(depthKmwe: number, points = 4000): number {
  checkDepth(depthKmwe);
  // Integrand 2 pi I(h0/c)/c * c dc = 2 pi I(h0/c) dc over c in (0, 1]; midpoint rule (smooth, vanishes at c -> 0).
  let sum = 0;
  for (let i = 0; i < points; i++) {
    const c = (i + 0.5) / points;
    sum += meiHimeVerticalIntensity(depthKmwe / c);
  }
  return (2 * Math.PI * sum) / points;
}

/**
 * Scale c(h) = epsilon (1 - exp(-b h)) of the spectrum at slant depth h, GeV (Mei & Hime energy spectrum at depth).
 *
 * @example meiHimeSpectrumScaleGeV(4.3) // ~ 569 GeV
 */
export function meiHimeSpectrumScaleGeV(slantDepthKmwe: number): number {
  const p = MEI_HIME_SPECTRUM;
  return p.epsilonGeV * (1 - Math.exp(-p.bPerKmwe * slantDepthKmwe));
}

/**
 * Normalised muon energy spectrum at slant depth h, GeV^-1 (Mei & Hime, energy spectrum at depth):
 * dN/dE = A exp(-b h (gamma - 1)) (E + epsilon (1 - exp(-b h)))^-gamma, E the total muon energy,
 * normalised here over E >= `minEnergyGeV` (default the muon mass).
 *
 * @example meiHimeEnergyPdf(100, 4.3)
 */
export function meiHimeEnergyPdf(energyGeV: number, slantDepthKmwe: number, minEnergyGeV = MUON_MASS_GEV): number {
  if (energyGeV < minEnergyGeV) return 0;
  const g = MEI_HIME_SPECTRUM.gamma;
  const c = meiHimeSpectrumScaleGeV(slantDepthKmwe);
  return ((g - 1) * (minEnergyGeV + c) ** (g - 1)) / (energyGeV + c) ** g;
}

/**
 * Mean total muon energy at slant depth h, GeV: E_min + (E_min + c) / (gamma - 2) for the spectrum
 * of {@link meiHimeEnergyPdf} (about 322 GeV at 4.3 km.w.e. vertical; Mei & Hime quote 321 GeV for Homestake).
 *
 * @example meiHimeMeanEnergyGeV(4.3) // ~ 322
 */
export function meiHimeMeanEnergyGeV(slantDepthKmwe: number, minEnergyGeV = MUON_MASS_GEV): number {
  const g = MEI_HIME_SPECTRUM.gamma;
  return minEnergyGeV + (minEnergyGeV + meiHimeSpectrumScaleGeV(slantDepthKmwe)) / (g - 2);
}

/**
 * Inverse CDF of {@link meiHimeEnergyPdf}: the total energy, GeV, below which a fraction `u` of muons lie.
 * E = (E_min + c) (1 - u)^(-1/(gamma - 1)) - c.
 *
 * @example meiHimeEnergyQuantileGeV(0.5, 4.3) // median, ~ 160 GeV
 */
export function meiHimeEnergyQuantileGeV(u: number, slantDepthKmwe: number, minEnergyGeV = MUON_MASS_GEV): number {
  const g = MEI_HIME_SPECTRUM.gamma;
  const c = meiHimeSpectrumScaleGeV(slantDepthKmwe);
  return (minEnergyGeV + c) * (1 - u) ** (-1 / (g - 1)) - c;
}

/** Muon mass in GeV (numeric's `physicalConstants.muonMassMeV` / 1000), the lower end of the total-energy spectrum. */
export const MUON_MASS_GEV: number = physicalConstants.muonMassMeV / 1000;
