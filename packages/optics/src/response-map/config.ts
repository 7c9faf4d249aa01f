import { z } from 'zod';
import { LsDetectorConfigSchema } from '@nucal/geometry';

/** Grid of the tabulated map: r nodes (uniform inside `rEdgeStartM`, denser beyond), theta and phi nodes. */
export const ResponseMapGridSchema = z.object({
  rEdgeStartM: z.number().positive().default(15).describe('radius where the dense edge region of r nodes starts, m'),
  rNodesInner: z.number().int().min(2).max(400).default(31).describe('r nodes from 0 to rEdgeStartM inclusive (uniform in r)'),
  rNodesEdge: z.number().int().min(1).max(1000).default(45).describe('r nodes beyond rEdgeStartM up to the LS radius (uniform in r)'),
  thetaNodes: z.number().int().min(3).max(721).default(61).describe('theta nodes from pi to 0 (uniform in theta; stored as ascending cos(theta))'),
  phiNodes: z
    .number()
    .int()
    .min(1)
    .max(360)
    .optional()
    .describe('phi nodes; 1 = phi-symmetric build (PMT sphere averaged over phi). Default: 12 with deadSplit, else 1'),
});

/** Emission directions traced per vertex (product grid in cos(alpha) x azimuth around the vertex's radial axis). */
export const ResponseMapRaysSchema = z.object({
  cosAlphaCells: z.number().int().min(8).max(4096).default(256).describe('cells in cos(alpha), alpha = angle to the radial direction'),
  azimuthCells: z.number().int().min(4).max(1024).default(32).describe('azimuth cells over [0, pi] (mirror symmetry) for the phi-symmetric part'),
  deviationCosAlphaCells: z.number().int().min(4).max(1024).default(32).describe('cos(alpha) cells for the phi-dependent part of a 3D build'),
  deviationAzimuthCells: z.number().int().min(4).max(1024).default(32).describe('azimuth cells over [0, 2 pi) for the phi-dependent part of a 3D build'),
});

/** Tabulation of the photocathode coverage x QE on the PMT sphere. */
export const ResponseMapCoverageSchema = z.object({
  ringBins: z.number().int().min(100).max(200_000).default(8000).describe('bins in cos(theta) of the phi-averaged coverage'),
  deviationCosBins: z.number().int().min(4).max(2000).default(90).describe('cos(theta) bins of the phi-dependent coverage deviation (3D builds)'),
  deviationPhiBins: z.number().int().min(4).max(4000).default(180).describe('phi bins of the phi-dependent coverage deviation (3D builds)'),
  deviationSmoothingCm: z
    .number()
    .positive()
    .default(200)
    .describe('radius over which each PMT deviation (QE, dead) is spread on the PMT sphere in 3D builds, cm'),
});

/**
 * Configuration of the position response map of the LS detector. Every field has a default (the
 * JUNO-like nominal detector); lengths carry their unit in the name.
 *
 * @example ResponseMapConfigSchema.parse({ absorptionLengthM: 77 * 0.96 }).rayleighLengthM // 27
 */
export const ResponseMapConfigSchema = z.object({
  detector: LsDetectorConfigSchema.prefault({}),
  absorptionLengthM: z.number().positive().default(77).describe('LS absorption length at 430 nm, m (absorbed light is lost)'),
  rayleighLengthM: z.number().positive().default(27).describe('LS Rayleigh scattering length, m (scattered light is redirected)'),
  nLs: z.number().min(1).max(3).default(1.5).describe('refractive index of the LS'),
  nAcrylic: z.number().min(1).max(3).default(1.5).describe('refractive index of the acrylic shell'),
  nWater: z.number().min(1).max(3).default(1.33).describe('refractive index of the water buffer'),
  y0PePerMeV: z.number().positive().default(1345).describe('PE per MeV at the centre for the nominal optics, PE/MeV'),
  lightYieldScale: z.number().positive().default(1).describe('scale of the scintillation light yield relative to nominal'),
  qeMean: z.number().gt(0).max(1).default(0.3).describe('mean LPMT quantum (detection) efficiency'),
  qeRelSpread: z.number().min(0).max(0.5).default(0.07).describe('Gaussian sigma/mean of the per-LPMT QE (0: uniform; > 0 needs a RandomSource)'),
  deadFraction: z.number().min(0).lt(1).default(0).describe('fraction of LPMTs dead, chosen at random (needs a RandomSource)'),
  deadSplit: z
    .tuple([z.number().int().nonnegative(), z.number().int().nonnegative()])
    .optional()
    .describe('dead LPMTs on the y >= 0 and y < 0 sides of the calibration half-plane, e.g. [75, 105] (needs a RandomSource)'),
  photocathodeRadiusCm: z.number().positive().max(100).default(25).describe('radius of the photocathode disk facing the centre, cm'),
  shadowing: z.boolean().default(true).describe('opaque chimney tube and acrylic-layer fixtures on/off'),
  fixtureBandWidthCm: z.number().nonnegative().default(10).describe('width of the fixture band at each acrylic layer boundary, cm'),
  fixtureOpacity: z.number().min(0).max(1).default(0.5).describe('fraction of the fixture band that is opaque'),
  chimneyTubeRadiusCm: z.number().nonnegative().default(50).describe('radius of the opaque chimney tube above the acrylic top, cm'),
  grid: ResponseMapGridSchema.prefault({}),
  rays: ResponseMapRaysSchema.prefault({}),
  coverage: ResponseMapCoverageSchema.prefault({}),
});
export type ResponseMapConfig = z.infer<typeof ResponseMapConfigSchema>;
export type ResponseMapConfigInput = z.input<typeof ResponseMapConfigSchema>;
