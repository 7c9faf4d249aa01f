/**
 * Physical constants used by the source models (CODATA 2018 values, as in the PDG
 * "Physical constants" table, R.L. Workman et al., PTEP 2022 083C01).
 */

/** Electron rest energy m_e c^2 in MeV. @example const gamma = 1 + kineticMeV / ELECTRON_MASS_MEV; */
export const ELECTRON_MASS_MEV = 0.51099895;

/** Fine-structure constant alpha (dimensionless). @example const eta = FINE_STRUCTURE * z / beta; */
export const FINE_STRUCTURE = 1 / 137.035999084;

/** hbar c in MeV fm. @example const radiusNatural = radiusFm / (HBAR_C_MEV_FM / ELECTRON_MASS_MEV); */
export const HBAR_C_MEV_FM = 197.3269804;

/** Reduced electron Compton wavelength hbar / (m_e c) in fm: the natural length unit of beta decay. @example R / ELECTRON_COMPTON_FM */
export const ELECTRON_COMPTON_FM = HBAR_C_MEV_FM / ELECTRON_MASS_MEV;
