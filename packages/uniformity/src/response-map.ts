/**
 * What this package needs of a detector response map (the shape of @nucal/optics'
 * `ResponseMap`, structurally): the LS radius, the light yield at the centre and the expected
 * photoelectrons per MeV of visible energy at a point. Any object with these members works,
 * so tests can pass small analytic maps.
 */
export interface ResponseMapLike {
  /** LS sphere radius, cm. */
  readonly lsRadiusCm: number;
  /** Expected PE per MeV of visible energy at the centre (the detector's Y0). */
  readonly centrePeMeV: number;
  /** Expected PE per MeV of visible energy deposited at (x, y, z), cm, z up, origin at the centre. */
  peMeV(xCm: number, yCm: number, zCm: number): number;
}
