import { physicalConstants } from '@nucal/numeric';

/**
 * The constants this package once defined itself, now names for `@nucal/numeric`'s
 * `physicalConstants` (one set of values for all nucal packages; same values, PDG 2024 /
 * CODATA 2018). Kept so that code importing them from `@nucal/sources` keeps working.
 */

/** Electron rest energy m_e c^2 in MeV. @deprecated use `physicalConstants.electronMassMeV` from `@nucal/numeric` */
export const ELECTRON_MASS_MEV: number = physicalConstants.electronMassMeV;

/** Fine-structure constant alpha. @deprecated use `physicalConstants.fineStructure` from `@nucal/numeric` */
export const FINE_STRUCTURE: number = physicalConstants.fineStructure;

/** hbar c in MeV fm. @deprecated use `physicalConstants.hbarCMeVFm` from `@nucal/numeric` */
export const HBAR_C_MEV_FM: number = physicalConstants.hbarCMeVFm;

/** Reduced electron Compton wavelength hbar / (m_e c) in fm. @deprecated use `physicalConstants.electronComptonFm` from `@nucal/numeric` */
export const ELECTRON_COMPTON_FM: number = physicalConstants.electronComptonFm;
