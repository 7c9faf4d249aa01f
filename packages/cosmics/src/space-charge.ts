import { z } from 'zod';
import type { BoxCm, LArTpcModuleConfigInput, TpcVolume } from '@nucal/geometry';

/**
 * The simulated space-charge distortion (a parametric model of the positive-ion field at a
 * surface detector): amplitudes in cm, both 0 (off) by default, as for the far detector at depth.
 *
 * @example
 * SpaceChargeConfigSchema.parse({ transverseCm: 2 })
 */
export const SpaceChargeConfigSchema = z
  .object({
    transverseCm: z.number().min(0).max(50).default(0).describe('inward displacement at the faces for ionisation from the cathode, cm'),
    driftCm: z.number().min(0).max(50).default(0).describe('largest shortening of the apparent drift distance (mid-drift), cm'),
  })
  .strict();
export type SpaceChargeConfig = z.infer<typeof SpaceChargeConfigSchema>;

/**
 * Displacement (dx, dy, dz), cm, of ionisation made at point p of TPC `tpc` when it reaches the
 * anode: with u = drift distance / drift length and s(u) = u (2 - u) (0 at the anode, growing
 * with drift distance, flat at the cathode),
 * - transverse, towards the centre of the active volume: dy = -A_T s(u) (y - y_c) / h_y,
 *   dz = -A_T s(u) (z - z_c) / h_z (h the half-sizes: A_T at a face for charge from the cathode);
 * - along the drift, towards the anode (a compression): the drift distance shortens by
 *   A_D 4 u (1 - u), zero at both the anode and the cathode (so anode and cathode crossing times,
 *   and with them t0 and <vd>, are unchanged).
 *
 * @example
 * spaceChargeDisplacement({ transverseCm: 2, driftCm: 1 }, module.active, module.tpcs[0]!, { x: 0, y: 300, z: 50 })
 */
export function spaceChargeDisplacement(config: SpaceChargeConfig, active: BoxCm, tpc: TpcVolume, p: { x: number; y: number; z: number }): { dx: number; dy: number; dz: number } {
  const u = Math.min(1, Math.max(0, Math.abs(p.x - tpc.anodeXCm) / tpc.driftLengthCm));
  const s = u * (2 - u);
  const hy = (active.yMax - active.yMin) / 2;
  const hz = (active.zMax - active.zMin) / 2;
  const dDrift = -config.driftCm * 4 * u * (1 - u);
  return {
    // The drift coordinate shrinks towards the anode: x moves by driftSign x the shortening's sign.
    dx: tpc.driftSign * -dDrift,
    dy: (-config.transverseCm * s * (p.y - (active.yMin + hy))) / hy,
    dz: (-config.transverseCm * s * (p.z - (active.zMin + hz))) / hz,
  };
}

/** True when the configuration distorts nothing (the simulation then skips the model). */
export function spaceChargeOff(config: SpaceChargeConfig): boolean {
  return config.transverseCm === 0 && config.driftCm === 0;
}

/** A protoDUNE-sized single-phase module (two 3.6 m drift volumes, 6 m high, 7 m long, one row of three APAs). */
export const PROTODUNE_MODULE: LArTpcModuleConfigInput = Object.freeze({ widthM: 7.2, heightM: 6, lengthM: 6.96, driftVolumes: 2, apaRows: 1, apaColumns: 3 });

/**
 * A surface-like configuration for space-charge studies (`simulateCosmics({ ...SURFACE_PROTODUNE, days })`):
 * the protoDUNE-sized module, the shallowest overburden the flux model accepts (1 km.w.e., a
 * stand-in for the surface: the Mei-Hime parametrisation is for depths) and a space-charge
 * distortion of 2 cm transverse and 1 cm along the drift.
 *
 * @example
 * const { hits } = simulateCosmics({ ...SURFACE_PROTODUNE, days: 2 }, createRng(1));
 */
export const SURFACE_PROTODUNE = Object.freeze({
  module: PROTODUNE_MODULE,
  flux: Object.freeze({ depthKmwe: 1 }),
  spaceCharge: Object.freeze({ transverseCm: 2, driftCm: 1 }),
});
