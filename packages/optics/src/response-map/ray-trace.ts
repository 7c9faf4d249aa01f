import { fresnelTransmission } from './fresnel.js';

/** The concentric spheres and media a photon crosses, in cm. */
export interface SphereOptics {
  readonly lsRadiusCm: number;
  readonly acrylicOuterRadiusCm: number;
  readonly pmtRadiusCm: number;
  readonly nLs: number;
  readonly nAcrylic: number;
  readonly nWater: number;
  /** Attenuation length of unscattered light in the LS, 1 / (1/absorption + 1/Rayleigh), cm. */
  readonly attenuationLengthCm: number;
  /** Probability that an attenuated photon was scattered rather than absorbed, attenuation / Rayleigh length. */
  readonly scatterAlbedo: number;
}

/**
 * One emission direction from a vertex at radius r, traced exactly through the spheres. The
 * ray stays in the plane of the centre, the vertex and the direction; angles `gamma*` are
 * positions along that great circle measured from the vertex's radial direction. Concentric
 * spheres conserve n * (impact parameter) across each boundary (Snell), so every wall
 * encounter of a ray and its reflections has the same incidence angle: the reflected ray
 * repeats the same chord, advancing by `chordAdvanceRad` each time.
 */
export interface RayPath {
  /** Path length in the LS from the vertex to the acrylic, cm. */
  readonly lsPathCm: number;
  /** exp(-lsPath / attenuation length): fraction reaching the wall unscattered and unabsorbed. */
  readonly survival: number;
  /** Position of the first wall (LS/acrylic) hit, rad. */
  readonly gammaWallRad: number;
  /** Cosine of the incidence angle on the LS/acrylic boundary. */
  readonly cosIncidenceLs: number;
  /** Fraction transmitted into the water per wall encounter (incoherent sum over the acrylic shell); 0 under total internal reflection. */
  readonly transmission: number;
  /** Angular travel inside the acrylic, rad. */
  readonly acrylicAdvanceRad: number;
  /** Angular travel in the water from the acrylic to the PMT sphere, rad (0 when nothing is transmitted). */
  readonly waterAdvanceRad: number;
  /** Angular advance between two successive wall encounters of the reflected ray, rad. */
  readonly chordAdvanceRad: number;
  /** Length of a reflected chord through the LS, cm. */
  readonly chordCm: number;
  /** exp(-chord / attenuation length). */
  readonly chordSurvival: number;
}

const acosClamped = (x: number) => Math.acos(Math.min(1, Math.max(-1, x)));

/**
 * Traces the direction with cos(alpha) = `mu` relative to the radial direction of a vertex at
 * radius `rCm` (<= LS radius): LS path, refraction into the acrylic and the water with the
 * unpolarised Fresnel transmittance at both boundaries, total internal reflection, and where
 * it lands on the PMT sphere.
 *
 * @example traceRay(optics, 0, 1).gammaWallRad // 0: from the centre a ray lands straight above
 */
export function traceRay(o: SphereOptics, rCm: number, mu: number): RayPath {
  const R = o.lsRadiusCm;
  const Ra = o.acrylicOuterRadiusCm;
  const Rp = o.pmtRadiusCm;
  const sinA = Math.sqrt(Math.max(0, 1 - mu * mu));
  const b = Math.min(R, rCm * sinA);
  const L0 = Math.max(0, -rCm * mu + Math.sqrt(Math.max(0, R * R - b * b)));
  const gammaWall = Math.atan2(L0 * sinA, rCm + L0 * mu);
  const cosI1 = Math.sqrt(Math.max(0, 1 - (b / R) * (b / R)));
  const chord = 2 * R * cosI1;
  const chordSurvival = Math.exp(-chord / o.attenuationLengthCm);
  const survival = Math.exp(-L0 / o.attenuationLengthCm);
  const lsChordAdvance = 2 * acosClamped(b / R);
  const base = { lsPathCm: L0, survival, gammaWallRad: gammaWall, cosIncidenceLs: cosI1, chordCm: chord, chordSurvival };
  const sinT1 = ((o.nLs / o.nAcrylic) * b) / R;
  if (sinT1 >= 1) {
    // total internal reflection at the LS/acrylic boundary itself
    return { ...base, transmission: 0, acrylicAdvanceRad: 0, waterAdvanceRad: 0, chordAdvanceRad: lsChordAdvance };
  }
  const t1 = fresnelTransmission(o.nLs, o.nAcrylic, cosI1);
  const bA = R * sinT1; // impact parameter in the acrylic
  const acrylicAdvance = acosClamped(bA / Ra) - acosClamped(bA / R);
  const cosI2 = Math.sqrt(Math.max(0, 1 - (bA / Ra) * (bA / Ra)));
  const t2 = fresnelTransmission(o.nAcrylic, o.nWater, cosI2);
  // incoherent multiple reflections inside the (non-absorbing) shell
  const transmission = t2 > 0 ? (t1 * t2) / (1 - (1 - t1) * (1 - t2)) : 0;
  // the reflected ray re-enters the LS after crossing the acrylic twice when the outer boundary dominates the reflection
  const outerReflects = t1 * t1 * (1 - t2) >= 1 - t1;
  const chordAdvance = lsChordAdvance + (outerReflects ? 2 * acrylicAdvance : 0);
  let waterAdvance = 0;
  if (transmission > 0) {
    const bW = (o.nAcrylic / o.nWater) * bA; // n * b is conserved: n_w b_w = n_a b_a
    waterAdvance = acosClamped(bW / Rp) - acosClamped(bW / Ra);
  }
  return { ...base, transmission, acrylicAdvanceRad: acrylicAdvance, waterAdvanceRad: waterAdvance, chordAdvanceRad: chordAdvance };
}

/**
 * Where the ray's unscattered light is attenuated by Rayleigh scattering, as weighted points
 * (radius, weight per emitted photon): two points (the quartiles of the scattering distance)
 * on the path from the vertex to the wall, two on the reflected chords (all chords of a ray are
 * identical, so their geometric series is summed in closed form). Writes up to 4 entries into
 * `radii`/`weights` from `at`; returns the number written.
 */
export function scatterSources(o: SphereOptics, rCm: number, mu: number, path: RayPath, radii: Float64Array, weights: Float64Array, at: number): number {
  const lam = o.attenuationLengthCm;
  const R = o.lsRadiusCm;
  let n = 0;
  // vertex -> wall
  const f0 = -Math.expm1(-path.lsPathCm / lam); // attenuated fraction
  if (f0 > 0) {
    const w = (o.scatterAlbedo * f0) / 2;
    for (const q of QUARTILES) {
      const s = -lam * Math.log1p(-q * f0);
      radii[at + n] = Math.sqrt(Math.max(0, rCm * rCm + 2 * rCm * s * mu + s * s));
      weights[at + n] = w;
      n++;
    }
  }
  // reflected chords: entering weight survival * reflection, then (reflection * chordSurvival)^k
  const refl = 1 - path.transmission;
  const fc = -Math.expm1(-path.chordCm / lam);
  if (refl > 0 && fc > 0) {
    const denom = 1 - refl * path.chordSurvival;
    const total = (path.survival * refl * o.scatterAlbedo * fc) / (denom > 1e-300 ? denom : 1);
    for (const q of QUARTILES) {
      const s = -lam * Math.log1p(-q * fc);
      radii[at + n] = Math.sqrt(Math.max(0, R * R - 2 * R * s * path.cosIncidenceLs + s * s));
      weights[at + n] = total / 2;
      n++;
    }
  }
  return n;
}

const QUARTILES = [0.25, 0.75] as const;
