/**
 * What a uniformity calibration hands the energy reconstruction: the light yield at the
 * centre and the relative response g(x, y, z) (1 at the centre), both measured; E_rec =
 * (Q - dQ_DR) / Y0 / g(reconstructed vertex).
 */
export interface EnergyCalibration {
  /** Calibrated PE per MeV of visible energy at the centre. */
  readonly y0PePerMeV: number;
  /** Relative response at a point (cm), 1 at the centre. */
  g(xCm: number, yCm: number, zCm: number): number;
}

/** The central correction: g = 1 everywhere (for events at the centre). */
export function uniformCalibration(y0PePerMeV: number): EnergyCalibration {
  return { y0PePerMeV, g: () => 1 };
}
