import type { CalibrationPoint } from '@nucal/geometry';

/**
 * `n` of `points` spread over the half-plane: farthest-point selection in (x, z) (start with the
 * point nearest the centre, then repeatedly the point farthest from those chosen; ties to the
 * lower index), returned in their input order. Deterministic.
 *
 * @example representativePoints(acuPoints(), 5).map((p) => p.zCm) // [-1750, -800, 0, 800, 1750]
 */
export function representativePoints<P extends CalibrationPoint>(points: readonly P[], n: number): P[] {
  if (n >= points.length) return [...points];
  const x = points.map((p) => p.rCm * Math.sin(p.thetaRad));
  const z = points.map((p) => p.rCm * Math.cos(p.thetaRad));
  const dist = new Float64Array(points.length).fill(Infinity);
  const chosen = new Set<number>();
  let next = 0;
  for (let i = 1; i < points.length; i++) if (points[i]!.rCm < points[next]!.rCm) next = i;
  while (chosen.size < n) {
    chosen.add(next);
    let best = -1;
    for (let i = 0; i < points.length; i++) {
      const d = Math.hypot(x[i]! - x[next]!, z[i]! - z[next]!);
      if (d < dist[i]!) dist[i] = d;
      if (!chosen.has(i) && (best < 0 || dist[i]! > dist[best]!)) best = i;
    }
    next = best;
  }
  return points.filter((_, i) => chosen.has(i));
}
