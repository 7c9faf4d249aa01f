import { describe, expect, it } from 'vitest';
import { boxContains, lineBoxIntersection } from './box.js';

const cube = { xMin: -1, xMax: 1, yMin: -2, yMax: 2, zMin: 0, zMax: 10 };

describe('lineBoxIntersection', () => {
  it('finds entry and exit of an axis-parallel line', () => {
    const h = lineBoxIntersection({ x: -5, y: 0, z: 5 }, { x: 1, y: 0, z: 0 }, cube);
    expect(h).toEqual({ tEnter: 4, tExit: 6, enterFace: 'x-', exitFace: 'x+' });
  });

  it('handles a negative direction component and reports faces in travel order', () => {
    const h = lineBoxIntersection({ x: 0, y: 0, z: 20 }, { x: 0, y: 0, z: -2 }, cube);
    // z = 10 at t = 5, z = 0 at t = 10 (direction not normalised: t in units of |d|)
    expect(h).toEqual({ tEnter: 5, tExit: 10, enterFace: 'z+', exitFace: 'z-' });
  });

  it('clips a diagonal line by the tightest slab', () => {
    // through (0,0,5) along (1,1,0)/sqrt2: x leaves at +-1 before y leaves at +-2
    const s = Math.SQRT1_2;
    const h = lineBoxIntersection({ x: 0, y: 0, z: 5 }, { x: s, y: s, z: 0 }, cube);
    expect(h?.tEnter).toBeCloseTo(-Math.SQRT2, 12);
    expect(h?.tExit).toBeCloseTo(Math.SQRT2, 12);
    expect(h?.enterFace).toBe('x-');
    expect(h?.exitFace).toBe('x+');
  });

  it('returns null for misses, parallel lines outside and grazing corners', () => {
    expect(lineBoxIntersection({ x: 5, y: 0, z: 5 }, { x: 0, y: 1, z: 0 }, cube)).toBeNull();
    expect(lineBoxIntersection({ x: -5, y: 3, z: 5 }, { x: 1, y: 0, z: 0 }, cube)).toBeNull();
    // passes exactly through the corner (1, 2, z): zero-length chord
    expect(lineBoxIntersection({ x: 0, y: 3, z: 5 }, { x: 1, y: -1, z: 0 }, cube)).toBeNull();
  });

  it('boxContains is closed on every face', () => {
    expect(boxContains(cube, { x: 1, y: -2, z: 10 })).toBe(true);
    expect(boxContains(cube, { x: 1.0000001, y: 0, z: 5 })).toBe(false);
  });
});
