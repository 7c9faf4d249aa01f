/**
 * Equal-volume coordinates of a point (cm) in a sphere of radius R: v = (r/R)^3 (may exceed 1
 * for a point outside), u = cos(theta) (1 at the centre, where it is undefined), phi in
 * [0, 2 pi). Inline arithmetic for hot loops (geometry's `toEqualVolume` validates its inputs).
 */
export function equalVolumeInto(xCm: number, yCm: number, zCm: number, radiusCm: number, out: Float64Array): void {
  const r2 = xCm * xCm + yCm * yCm + zCm * zCm;
  const r = Math.sqrt(r2);
  out[0] = (r2 * r) / (radiusCm * radiusCm * radiusCm);
  out[1] = r > 0 ? zCm / r : 1;
  const p = Math.atan2(yCm, xCm);
  out[2] = p < 0 ? p + 2 * Math.PI : p;
}
