import { z } from 'zod';

/**
 * One wire plane of an anode plane assembly. Angles are measured from the vertical (y) in
 * the y-z plane; the collection plane (X) is vertical, so its pitch is along z.
 */
export const WirePlaneConfigSchema = z.object({
  name: z.enum(['U', 'V', 'X']),
  role: z.enum(['induction', 'collection']),
  pitchMm: z.number().positive().describe('wire-to-wire distance perpendicular to the wires, mm'),
  angleFromVerticalDeg: z.number().gte(-90).lte(90).describe('wire angle from the vertical (y) axis, degrees'),
});
export type WirePlaneConfig = z.infer<typeof WirePlaneConfigSchema>;

/**
 * Default wire planes of a DUNE far-detector APA: induction U and V at +-35.7 degrees from
 * the vertical with 4.669 mm pitch, vertical collection X with 4.790 mm pitch
 * (DUNE FD TDR Vol. IV, arXiv:2002.03008, section 2.3).
 */
export const DUNE_WIRE_PLANES: readonly WirePlaneConfig[] = Object.freeze([
  { name: 'U', role: 'induction', pitchMm: 4.669, angleFromVerticalDeg: 35.7 },
  { name: 'V', role: 'induction', pitchMm: 4.669, angleFromVerticalDeg: -35.7 },
  { name: 'X', role: 'collection', pitchMm: 4.79, angleFromVerticalDeg: 0 },
]);

/**
 * Configuration of a single-phase LArTPC module with planes alternating anode-cathode along
 * x, starting and ending at the box faces. Lengths in metres (as written in configuration
 * files); the built module works in centimetres.
 *
 * Defaults are the DUNE far-detector horizontal-drift module (PHYSICS.md 2.1): 14.5 m x 12 m
 * x 58 m active, APA-CPA-APA-CPA-APA, APAs 6 m x 2.3 m tiled 2 high and 25 along z.
 *
 * @example
 * const cfg = LArTpcModuleConfigSchema.parse({ lengthM: 11.6, apaColumns: 5 }); // a 1/5 module
 */
export const LArTpcModuleConfigSchema = z.object({
  name: z.string().min(1).default('dune-fd-sp'),
  widthM: z.number().positive().default(14.5).describe('active width along x (the drift axis), m'),
  heightM: z.number().positive().default(12).describe('active height along y (vertical, up), m'),
  lengthM: z.number().positive().default(58).describe('active length along z (beam), m'),
  driftVolumes: z
    .number()
    .int()
    .min(1)
    .max(64)
    .default(4)
    .describe('number of drift volumes (TPCs) along x; planes alternate APA, CPA, APA, ... from x-'),
  innerApaThicknessM: z
    .number()
    .nonnegative()
    .default(0.1)
    .describe('dead x-range between the two wire faces of an inner (two-sided) APA, m'),
  innerCpaThicknessM: z.number().nonnegative().default(0).describe('dead x-range of an inner cathode plane, m'),
  apaRows: z.number().int().positive().default(2).describe('APAs stacked along y per anode plane'),
  apaColumns: z.number().int().positive().default(25).describe('APAs side by side along z per anode plane'),
  apaHeightM: z.number().positive().default(6).describe('APA active height along y, m'),
  apaWidthM: z.number().positive().default(2.3).describe('APA active width along z, m'),
  wirePlanes: z.array(WirePlaneConfigSchema).min(1).default(() => DUNE_WIRE_PLANES.map((p) => ({ ...p }))),
});
/** Parsed configuration (defaults filled). */
export type LArTpcModuleConfig = z.infer<typeof LArTpcModuleConfigSchema>;
/** Configuration as written by a user (every field optional). */
export type LArTpcModuleConfigInput = z.input<typeof LArTpcModuleConfigSchema>;
