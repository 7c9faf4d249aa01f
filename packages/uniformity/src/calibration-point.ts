import { z } from 'zod';

/** Deployment systems that put sources in the LS detector. */
export const DeploymentSystemName = z.enum(['ACU', 'CLS', 'GT']);
export type DeploymentSystemName = z.infer<typeof DeploymentSystemName>;

/**
 * A source position: r (cm), theta (rad, from +z) and phi (rad) of the vertical half-plane it
 * is in (the calibration plane is y = 0: phi = 0 or pi).
 */
export const SourcePoint = z.object({
  system: DeploymentSystemName,
  rCm: z.number().nonnegative(),
  thetaRad: z.number().min(0).max(Math.PI),
  phiRad: z.number().min(0).max(2 * Math.PI).default(0),
});
export type SourcePoint = z.output<typeof SourcePoint>;
export type SourcePointInput = z.input<typeof SourcePoint>;

/** Cartesian position (cm) of a source point. */
export function sourcePosition(p: SourcePoint): { xCm: number; yCm: number; zCm: number } {
  const s = Math.sin(p.thetaRad);
  return { xCm: p.rCm * s * Math.cos(p.phiRad), yCm: p.rCm * s * Math.sin(p.phiRad), zCm: p.rCm * Math.cos(p.thetaRad) };
}
