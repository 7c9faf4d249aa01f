/**
 * Physical constants used by the muon energy-loss and decay models (PDG 2024, "Physical
 * constants" table). Units are in the names.
 */

/** Muon mass, MeV/c^2 (PDG 2024). */
export const MUON_MASS_MEV = 105.6583755;
/** Electron mass, MeV/c^2 (PDG 2024). */
export const ELECTRON_MASS_MEV = 0.51099895;
/** K = 4 pi N_A r_e^2 m_e c^2, MeV mol^-1 cm^2 (PDG review "Passage of particles through matter", Table 34.1). */
export const BETHE_K_MEV_CM2_PER_MOL = 0.307075;
/** Seconds in a day, for rates per day. */
export const SECONDS_PER_DAY = 86_400;
/**
 * Michel endpoint E_max = (m_mu^2 + m_e^2) / (2 m_mu), MeV: the largest total electron energy in
 * mu -> e nu nu-bar (52.83 MeV).
 */
export const MICHEL_ENDPOINT_MEV = (MUON_MASS_MEV ** 2 + ELECTRON_MASS_MEV ** 2) / (2 * MUON_MASS_MEV);
