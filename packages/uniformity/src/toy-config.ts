import { z } from 'zod';

/**
 * Electronics and reconstruction settings of the event toys (the optics event toy's defaults):
 * dark noise of 30 kHz per LPMT x 17,612 LPMTs x 350 ns, its offset measured with random
 * triggers, the single-PE charge resolution and the vertex resolution k / sqrt(E).
 *
 * @example ToyConfigSchema.parse({ speChargeResolution: 0.3, vertexSmearingCm: 8 })
 */
export const ToyConfigSchema = z.object({
  darkRateHz: z.number().nonnegative().default(30_000).describe('dark rate per LPMT, Hz'),
  lpmtCount: z.number().int().positive().default(17_612),
  windowNs: z.number().positive().default(350).describe('event window, ns'),
  randomTriggers: z.number().int().min(1).default(10_000).describe('signal-free windows that measure the dark-noise offset'),
  speChargeResolution: z.number().nonnegative().max(1).default(0).describe('single-PE charge resolution sigma/mean'),
  vertexSmearingCm: z.number().nonnegative().default(0).describe('vertex resolution per coordinate at 1 MeV, cm; scales as 1/sqrt(E_vis/MeV)'),
});
export type ToyConfig = z.output<typeof ToyConfigSchema>;
export type ToyConfigInput = z.input<typeof ToyConfigSchema>;

/** Mean dark-noise PE in one event window: rate x LPMTs x window. */
export function darkNoiseMeanPe(c: ToyConfig): number {
  return c.darkRateHz * c.lpmtCount * c.windowNs * 1e-9;
}
