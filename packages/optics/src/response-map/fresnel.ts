/**
 * Unpolarised Fresnel transmittance from index n1 into n2 at an incidence angle with cosine
 * `cosIncidence` (the mean of the s and p transmittances); 0 beyond the critical angle (total
 * internal reflection).
 *
 * @example fresnelTransmission(1.5, 1.33, 1) // 1 - ((1.5 - 1.33) / (1.5 + 1.33))^2 = 0.99639
 */
export function fresnelTransmission(n1: number, n2: number, cosIncidence: number): number {
  const cosI = Math.min(1, Math.max(0, cosIncidence));
  const eta = n1 / n2;
  const sinT2 = eta * eta * (1 - cosI * cosI);
  if (sinT2 >= 1) return 0;
  const cosT = Math.sqrt(1 - sinT2);
  const rs = (n1 * cosI - n2 * cosT) / (n1 * cosI + n2 * cosT);
  const rp = (n1 * cosT - n2 * cosI) / (n1 * cosT + n2 * cosI);
  return 1 - 0.5 * (rs * rs + rp * rp);
}
