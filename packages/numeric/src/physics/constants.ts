/**
 * Physical constants for all nucal packages, one set. Values of the Particle Data Group's 2024
 * "Physical Constants" table (S. Navas et al. (Particle Data Group), Phys. Rev. D 110 (2024)
 * 030001, Table 1.1, which quotes CODATA 2018), masses from the PDG 2024 particle listings,
 * K and the plasma-energy coefficient from the review "Passage of Particles Through Matter"
 * (ibid., Table 34.1). The unit is in each name; exact values are marked as such.
 *
 * @example
 * const { muonMassMeV, electronMassMeV } = physicalConstants;
 * const wMax = (2 * electronMassMeV * bg * bg) / (1 + 2 * gamma * electronMassMeV / muonMassMeV + (electronMassMeV / muonMassMeV) ** 2);
 */
export const physicalConstants = Object.freeze({
  /** Speed of light in vacuum, m/s (exact). */
  speedOfLightMPerS: 299_792_458,
  /** ħc, MeV fm. */
  hbarCMeVFm: 197.3269804,
  /** Elementary charge, C (exact). */
  elementaryChargeC: 1.602176634e-19,
  /** Fine-structure constant α = 1/137.035999084. */
  fineStructure: 1 / 137.035999084,
  /** Electron mass m_e c², MeV. */
  electronMassMeV: 0.51099895,
  /** Muon mass, MeV/c² (PDG 2024: 105.6583755(23)). */
  muonMassMeV: 105.6583755,
  /** Charged pion mass, MeV/c² (PDG 2024: 139.57039(18)). */
  chargedPionMassMeV: 139.57039,
  /** Proton mass, MeV/c². */
  protonMassMeV: 938.27208816,
  /** Neutron mass, MeV/c². */
  neutronMassMeV: 939.56542052,
  /** Classical electron radius r_e = e²/(4πε₀ m_e c²), cm. */
  classicalElectronRadiusCm: 2.8179403262e-13,
  /** Avogadro constant, 1/mol (exact). */
  avogadroPerMol: 6.02214076e23,
  /** Boltzmann constant, eV/K (exact value divided by e). */
  boltzmannEvPerK: 8.617333262e-5,
  /** K = 4π N_A r_e² m_e c², MeV cm²/mol (PDG Table 34.1, as tabulated there). */
  betheKMeVCm2PerMol: 0.307075,
  /** Plasma energy ħω_p = √(ρ ⟨Z/A⟩) × this, eV, ρ in g/cm³ (PDG Table 34.1: √(4π N_e r_e³) m_e c²/α). */
  plasmaEnergyCoefficientEv: 28.816,
  /** Seconds per day (exact; a unit, for rates per day). */
  secondsPerDay: 86_400,
  /** Reduced electron Compton wavelength ħ/(m_e c) = ħc / m_e c², fm: the natural length of beta decay. */
  electronComptonFm: 197.3269804 / 0.51099895,
  /** Michel endpoint (m_μ² + m_e²)/(2 m_μ), MeV: the largest total electron energy in μ → e ν ν̄ (52.83 MeV). */
  michelEndpointMeV: (105.6583755 ** 2 + 0.51099895 ** 2) / (2 * 105.6583755),
} as const);

/** The type of {@link physicalConstants}. */
export type PhysicalConstants = typeof physicalConstants;
