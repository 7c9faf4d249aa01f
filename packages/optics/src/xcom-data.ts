/**
 * Photon cross sections of hydrogen and carbon from NIST XCOM (M.J. Berger, J.H. Hubbell,
 * S.M. Seltzer et al., XCOM: Photon Cross Sections Database, NIST Standard Reference
 * Database 8; data files MDATX3.001 and MDATX3.006 of the XCOM distribution), in barns per
 * atom, on XCOM's standard energy grid from 1 keV to 22 MeV. Incoherent scattering includes
 * binding effects (used here only to validate the free-electron Klein-Nishina cross section);
 * pair production is split into the nuclear and the atomic-electron (triplet) field.
 */

/** XCOM energy grid, MeV. */
export const XCOM_ENERGY_MEV = [
  1e-3, 1.5e-3, 2e-3, 3e-3, 4e-3, 5e-3, 6e-3, 8e-3, 1e-2, 1.5e-2, 2e-2, 3e-2, 4e-2, 5e-2, 6e-2, 8e-2, 0.1, 0.15, 0.2, 0.3, 0.4,
  0.5, 0.6, 0.8, 1, 1.022, 1.25, 1.5, 2, 2.044, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 18, 20, 22,
] as const;

/** Cross sections of one element on {@link XCOM_ENERGY_MEV}, barns/atom. */
export interface XcomElement {
  readonly z: number;
  readonly atomicMass: number;
  readonly incoherent: readonly number[];
  readonly photoelectric: readonly number[];
  readonly pairNuclear: readonly number[];
  readonly pairElectron: readonly number[];
}

/** Hydrogen (Z = 1). */
export const XCOM_H: XcomElement = {
  z: 1,
  atomicMass: 1.0079,
  incoherent: [
    8.424e-2, 1.65e-1, 2.478e-1, 3.822e-1, 4.675e-1, 5.187e-1, 5.503e-1, 5.84e-1, 5.993e-1, 6.095e-1, 6.068e-1, 5.924e-1, 5.759e-1,
    5.597e-1, 5.444e-1, 5.166e-1, 4.923e-1, 4.435e-1, 4.064e-1, 3.535e-1, 3.168e-1, 2.893e-1, 2.676e-1, 2.351e-1, 2.114e-1, 2.092e-1,
    1.89e-1, 1.718e-1, 1.466e-1, 1.448e-1, 1.153e-1, 9.62e-2, 8.308e-2, 7.343e-2, 6.6e-2, 6.007e-2, 5.522e-2, 5.116e-2, 4.772e-2,
    4.475e-2, 4.216e-2, 3.988e-2, 3.786e-2, 3.606e-2, 3.296e-2, 3.039e-2, 2.823e-2,
  ],
  photoelectric: [
    1.141e1, 2.932, 1.111, 2.806e-1, 1.053e-1, 4.907e-2, 2.627e-2, 9.816e-3, 4.558e-3, 1.128e-3, 4.182e-4, 1.032e-4, 3.823e-5,
    1.771e-5, 9.455e-6, 3.523e-6, 1.644e-6, 4.176e-7, 1.611e-7, 4.414e-8, 1.858e-8, 9.927e-9, 6.158e-9, 3.118e-9, 1.961e-9, 1.88e-9,
    1.304e-9, 9.732e-10, 6.201e-10, 6.004e-10, 3.524e-10, 2.444e-10, 1.866e-10, 1.508e-10, 1.264e-10, 1.088e-10, 9.546e-11,
    8.503e-11, 7.665e-11, 6.977e-11, 6.401e-11, 5.914e-11, 5.495e-11, 5.131e-11, 4.531e-11, 4.057e-11, 3.672e-11,
  ],
  pairNuclear: [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7.805e-6, 4.385e-5, 1.758e-4, 1.895e-4, 5.048e-4,
    8.202e-4, 1.102e-3, 1.355e-3, 1.58e-3, 1.784e-3, 1.97e-3, 2.138e-3, 2.292e-3, 2.433e-3, 2.565e-3, 2.688e-3, 2.803e-3, 2.912e-3,
    3.112e-3, 3.292e-3, 3.457e-3,
  ],
  pairElectron: [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4.035e-5, 1.647e-4, 3.283e-4, 5.042e-4,
    6.798e-4, 8.503e-4, 1.014e-3, 1.17e-3, 1.318e-3, 1.458e-3, 1.59e-3, 1.716e-3, 1.836e-3, 1.951e-3, 2.164e-3, 2.359e-3, 2.539e-3,
  ],
};

/** Carbon (Z = 6). */
export const XCOM_C: XcomElement = {
  z: 6,
  atomicMass: 12.011,
  incoherent: [
    2.519e-1, 5.001e-1, 7.702e-1, 1.278, 1.685, 1.984, 2.202, 2.497, 2.697, 3.012, 3.182, 3.3, 3.296, 3.25, 3.188, 3.054, 2.924,
    2.647, 2.431, 2.118, 1.899, 1.735, 1.605, 1.41, 1.268, 1.255, 1.134, 1.031, 8.795e-1, 8.687e-1, 6.92e-1, 5.772e-1, 4.985e-1,
    4.406e-1, 3.96e-1, 3.604e-1, 3.313e-1, 3.069e-1, 2.863e-1, 2.685e-1, 2.529e-1, 2.393e-1, 2.272e-1, 2.163e-1, 1.977e-1,
    1.823e-1, 1.694e-1,
  ],
  photoelectric: [
    4.407e4, 1.395e4, 6.017e3, 1.788e3, 7.427e2, 3.721e2, 2.103e2, 8.459e1, 4.14e1, 1.114e1, 4.341, 1.138, 4.374e-1, 2.079e-1,
    1.131e-1, 4.327e-2, 2.057e-2, 5.397e-3, 2.121e-3, 5.944e-4, 2.536e-4, 1.364e-4, 8.482e-5, 4.277e-5, 2.659e-5, 2.452e-5,
    1.665e-5, 1.209e-5, 7.631e-6, 7.384e-6, 4.282e-6, 2.947e-6, 2.239e-6, 1.802e-6, 1.507e-6, 1.294e-6, 1.134e-6, 1.009e-6,
    9.081e-7, 8.258e-7, 7.571e-7, 6.989e-7, 6.49e-7, 6.058e-7, 5.345e-7, 4.782e-7, 4.326e-7,
  ],
  pairNuclear: [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2.87e-4, 1.594e-3, 6.356e-3, 6.852e-3, 1.82e-2,
    2.955e-2, 3.966e-2, 4.876e-2, 5.687e-2, 6.418e-2, 7.082e-2, 7.686e-2, 8.235e-2, 8.739e-2, 9.209e-2, 9.645e-2, 1.005e-1,
    1.044e-1, 1.114e-1, 1.177e-1, 1.235e-1,
  ],
  pairElectron: [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2.421e-4, 9.885e-4, 1.97e-3, 3.025e-3,
    4.079e-3, 5.102e-3, 6.083e-3, 7.018e-3, 7.906e-3, 8.745e-3, 9.538e-3, 1.03e-2, 1.102e-2, 1.17e-2, 1.298e-2, 1.415e-2, 1.523e-2,
  ],
};

/**
 * Interpolates an XCOM column at energy E (MeV): log-log between non-zero neighbours, linear
 * in E next to a threshold (where one neighbour is 0); 0 outside the grid's low side for
 * threshold processes, clamped extrapolation at the high end.
 * @example interpolateXcom(XCOM_C.photoelectric, 0.662)
 */
export function interpolateXcom(column: readonly number[], energyMeV: number): number {
  const e = XCOM_ENERGY_MEV;
  const n = e.length;
  if (energyMeV <= e[0]) return column[0] as number;
  if (energyMeV >= (e[n - 1] as number)) return column[n - 1] as number;
  let lo = 0;
  let hi = n - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((e[mid] as number) <= energyMeV) lo = mid;
    else hi = mid;
  }
  const e0 = e[lo] as number;
  const e1 = e[hi] as number;
  const y0 = column[lo] as number;
  const y1 = column[hi] as number;
  if (y0 <= 0 || y1 <= 0) return y0 + ((y1 - y0) * (energyMeV - e0)) / (e1 - e0);
  return Math.exp(Math.log(y0) + (Math.log(y1 / y0) * Math.log(energyMeV / e0)) / Math.log(e1 / e0));
}
