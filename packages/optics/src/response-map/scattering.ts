import { locateRadius, type MapNodes } from './map-nodes.js';
import { scatterSources, traceRay, type SphereOptics } from './ray-trace.js';

/**
 * One row of the scattering operator: for a vertex at radius r, the probability per emitted
 * photon of being Rayleigh-scattered at radius r', distributed onto the r nodes by linear
 * interpolation (`out[j]`, summed over r'). Integrates over `cosAlphaCells` emission cells,
 * along the path to the wall and along the reflected chords (totally internally reflected
 * light keeps scattering until it is absorbed or escapes).
 */
export function scatterRow(o: SphereOptics, rCm: number, cosAlphaCells: number, nodes: MapNodes, out: Float64Array): Float64Array {
  out.fill(0);
  const radii = new Float64Array(4);
  const weights = new Float64Array(4);
  const dMu = 2 / cosAlphaCells;
  for (let c = 0; c < cosAlphaCells; c++) {
    const mu = -1 + (c + 0.5) * dMu;
    const path = traceRay(o, rCm, mu);
    const n = scatterSources(o, rCm, mu, path, radii, weights, 0);
    for (let k = 0; k < n; k++) {
      const { i, f } = locateRadius(nodes, radii[k]!);
      const w = (weights[k]! * dMu) / 2;
      out[i]! += w * (1 - f);
      out[i + 1]! += w * f;
    }
  }
  return out;
}

/**
 * Solves the shell-mean total efficiency Ebar(r) = Dbar(r) + sum_j M(r, r_j) Ebar(r_j) by
 * fixed-point iteration: scattered light is re-emitted isotropically (Rayleigh's 1 + cos^2
 * phase function is forward-backward symmetric) and then detected with the shell-mean
 * efficiency at its scattering radius, scattering again included. M's rows sum to the
 * scattered fraction (< 1), so the iteration converges geometrically.
 */
export function solveShellEfficiency(matrix: Float64Array, directMean: Float64Array): Float64Array {
  const n = directMean.length;
  let e = Float64Array.from(directMean);
  let next = new Float64Array(n);
  for (let iter = 0; iter < 10_000; iter++) {
    let change = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      let s = directMean[i]!;
      for (let j = 0; j < n; j++) s += matrix[i * n + j]! * e[j]!;
      next[i] = s;
      change = Math.max(change, Math.abs(s - e[i]!));
      scale = Math.max(scale, Math.abs(s));
    }
    [e, next] = [next, e];
    if (change <= 1e-13 * scale) break;
  }
  return e;
}
