import { z } from 'zod';
import { fibonacciCap, type SpherePoints } from './sphere-layout.js';

/**
 * Configuration of the liquid-scintillator central detector (JUNO-like; every number is a
 * default a user can change): LS sphere, acrylic shell, PMT sphere, PMT counts and the
 * chimney at the north pole, lengths in metres.
 */
export const LsDetectorConfigSchema = z.object({
  lsRadiusM: z.number().positive().default(17.7).describe('inner radius of the acrylic sphere = LS radius, m'),
  acrylicThicknessM: z.number().positive().default(0.12).describe('acrylic shell thickness, m'),
  pmtRadiusM: z.number().positive().default(19.4).describe('radius of the large-PMT front faces, m'),
  lpmtCount: z.number().int().positive().default(17_612).describe('20-inch PMTs'),
  spmtCount: z.number().int().nonnegative().default(25_600).describe('3-inch PMTs (same layout rule, interleaved)'),
  chimneyHalfAngleDeg: z
    .number()
    .min(0)
    .max(30)
    .default(3)
    .describe('polar half-angle around +z without PMTs (the chimney: ~1 m across at the top), degrees'),
  acrylicLayers: z.number().int().positive().default(23).describe('horizontal layers of the acrylic sphere, each with supporting fixtures'),
});
export type LsDetectorConfig = z.infer<typeof LsDetectorConfigSchema>;
export type LsDetectorConfigInput = z.input<typeof LsDetectorConfigSchema>;

/** The central detector as built: radii in cm and the PMT positions (cm, centre at the origin, z up). */
export interface LsDetector {
  readonly config: LsDetectorConfig;
  readonly lsRadiusCm: number;
  readonly acrylicOuterRadiusCm: number;
  readonly pmtRadiusCm: number;
  /** Large PMTs: front-face positions, cm. */
  readonly lpmts: SpherePoints;
  /** Small PMTs, cm. */
  readonly spmts: SpherePoints;
}

/**
 * Builds the LS central detector: PMTs on a near-uniform, reproducible layout (a Fibonacci
 * lattice over the sphere minus the chimney cap: equal area per PMT, no randomness), so that
 * the same configuration always gives the same PMT positions.
 *
 * @example
 * const cd = lsDetector();
 * cd.lpmts.count      // 17612
 * cd.lsRadiusCm       // 1770
 */
export function lsDetector(config: LsDetectorConfigInput = {}): LsDetector {
  const c = LsDetectorConfigSchema.parse(config);
  const pmtRadiusCm = 100 * c.pmtRadiusM;
  const capCos = Math.cos((c.chimneyHalfAngleDeg * Math.PI) / 180);
  return {
    config: c,
    lsRadiusCm: 100 * c.lsRadiusM,
    acrylicOuterRadiusCm: 100 * (c.lsRadiusM + c.acrylicThicknessM),
    pmtRadiusCm,
    lpmts: fibonacciCap(c.lpmtCount, pmtRadiusCm, capCos),
    // offset by half a lattice step in azimuth so the small PMTs sit between the large ones
    spmts: fibonacciCap(c.spmtCount, pmtRadiusCm, capCos, 0.5),
  };
}
