import { ValidationError } from '@nucal/core';
import type { LArTpcModule } from '@nucal/geometry';
import type { ReadoutView } from './hit-collection.js';

/**
 * The wire planes read out, as projected views: pitch direction (-sin a, cos a) in the y-z
 * plane for a wire angle a from the vertical, and wire 0 at the smallest pitch coordinate over
 * the active volume's y-z face. Wires are continuous across APAs (the wrapping of real
 * induction wires around an APA and its ambiguities are left out).
 *
 * @example readoutViews(duneFdSpModule(), ['X', 'U']).map((v) => v.wires) // [12109, ...]
 */
export function readoutViews(module: LArTpcModule, names: readonly string[]): ReadoutView[] {
  return names.map((name) => {
    const plane = module.wirePlanes.find((p) => p.name === name);
    if (!plane) throw new ValidationError(`wire plane '${name}' is not in the module: expected one of ${module.wirePlanes.map((p) => p.name).join(', ')}`);
    const a = (plane.angleFromVerticalDeg * Math.PI) / 180;
    const py = -Math.sin(a);
    const pz = Math.cos(a);
    const { yMin, yMax, zMin, zMax } = module.active;
    const corners = [yMin * py + zMin * pz, yMin * py + zMax * pz, yMax * py + zMin * pz, yMax * py + zMax * pz];
    const cMin = Math.min(...corners);
    const cMax = Math.max(...corners);
    const pitchCm = plane.pitchMm / 10;
    return { name: plane.name, role: plane.role, pitchCm, angleFromVerticalDeg: plane.angleFromVerticalDeg, cMinCm: cMin, wires: Math.ceil((cMax - cMin) / pitchCm) };
  });
}

/** Unit pitch direction (y, z components) of a view. */
export function pitchDirection(view: ReadoutView): { y: number; z: number } {
  const a = (view.angleFromVerticalDeg * Math.PI) / 180;
  return { y: -Math.sin(a), z: Math.cos(a) };
}

/** Pitch coordinate of the centre of wire `w`, cm. */
export function wireCentreCm(view: ReadoutView, w: number): number {
  return view.cMinCm + (w + 0.5) * view.pitchCm;
}
