import { describe, expect, it } from 'vitest';
import { createRng } from '@nucal/numeric';
import { fastResponseTable, type SphericalResponseMap } from './fast-map.js';
import { analyticMap } from './test-fixtures.js';

/** A map with a sharp drop near the north pole (the chimney) and a phi term, looked up the slow way. */
function sphericalMap(phiNodes: number): SphericalResponseMap {
  const base = analyticMap({ phiAsymmetry: phiNodes === 1 ? 0 : 0.02 });
  const pe = (r: number, u: number, phi: number) => {
    const s = Math.sqrt(Math.max(0, 1 - u * u));
    const theta = Math.acos(u);
    const chimney = r > 1600 ? 1 - 0.4 * Math.exp(-((theta / 0.05) ** 2)) * ((r - 1600) / 170) : 1;
    return base.peMeV(r * s * Math.cos(phi), r * s * Math.sin(phi), r * u) * chimney;
  };
  return {
    lsRadiusCm: 1770,
    centrePeMeV: 1345,
    phiSymmetric: phiNodes === 1,
    grid: { phiRad: Array.from({ length: phiNodes }, (_, k) => (2 * Math.PI * k) / phiNodes) },
    peMeVSpherical: pe,
    peMeV: (x, y, z) => {
      const r = Math.hypot(x, y, z);
      return pe(r, r > 0 ? z / r : 1, Math.atan2(y, x));
    },
  };
}

describe('fastResponseTable', () => {
  it('reproduces the map within 0.2% inside 17.5 m, chimney included (phi-symmetric and on the phi nodes of a 3-D map)', () => {
    for (const phiNodes of [1, 12]) {
      const map = sphericalMap(phiNodes);
      const fast = fastResponseTable(map);
      const rng = createRng(`fast-${phiNodes}`);
      let worst = 0;
      for (let i = 0; i < 50_000; i++) {
        const r = 1750 * Math.cbrt(rng.uniform());
        const u = 2 * rng.uniform() - 1;
        // phi-symmetric: any azimuth; 3-D: on a node (between nodes the table interpolates in phi)
        const phi = phiNodes === 1 ? 0 : (2 * Math.PI * Math.floor(rng.uniform() * phiNodes)) / phiNodes;
        const s = Math.sqrt(1 - u * u);
        const got = fast.peMeV(r * s * Math.cos(phi), r * s * Math.sin(phi), r * u);
        worst = Math.max(worst, Math.abs(got / map.peMeVSpherical(r, u, phi) - 1));
      }
      expect(worst).toBeLessThan(0.002);
    }
  });
});
