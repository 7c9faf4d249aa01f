import type { ResponseMapConfig } from './config.js';

/**
 * Nodes of the tabulated map: r uniform in [0, rEdge] and, denser, in (rEdge, R]; theta
 * uniform from pi to 0 (cos(theta) ascending: the north pole with its chimney is resolved as
 * well as the equator); phi uniform and periodic. Index lookups are O(1).
 */
export interface MapNodes {
  readonly rCm: Float64Array;
  readonly cosTheta: Float64Array;
  readonly phiRad: Float64Array;
  readonly innerCount: number;
  readonly innerStepCm: number;
  readonly edgeStartCm: number;
  readonly edgeStepCm: number;
  readonly thetaStepRad: number;
  readonly phiStepRad: number;
  readonly lsRadiusCm: number;
}

export function mapNodes(lsRadiusCm: number, grid: ResponseMapConfig['grid'], phiNodes: number): MapNodes {
  const edgeStartCm = 100 * grid.rEdgeStartM;
  const innerStepCm = edgeStartCm / (grid.rNodesInner - 1);
  const edgeStepCm = (lsRadiusCm - edgeStartCm) / grid.rNodesEdge;
  const rCm = new Float64Array(grid.rNodesInner + grid.rNodesEdge);
  for (let i = 0; i < grid.rNodesInner; i++) rCm[i] = i * innerStepCm;
  for (let j = 1; j <= grid.rNodesEdge; j++) rCm[grid.rNodesInner - 1 + j] = j === grid.rNodesEdge ? lsRadiusCm : edgeStartCm + j * edgeStepCm;
  const thetaStepRad = Math.PI / (grid.thetaNodes - 1);
  const cosTheta = new Float64Array(grid.thetaNodes);
  for (let j = 0; j < grid.thetaNodes; j++) cosTheta[j] = j === grid.thetaNodes - 1 ? 1 : j === 0 ? -1 : Math.cos(Math.PI - j * thetaStepRad);
  const phiStepRad = (2 * Math.PI) / phiNodes;
  const phiRad = new Float64Array(phiNodes);
  for (let k = 0; k < phiNodes; k++) phiRad[k] = k * phiStepRad;
  return { rCm, cosTheta, phiRad, innerCount: grid.rNodesInner, innerStepCm, edgeStartCm, edgeStepCm, thetaStepRad, phiStepRad, lsRadiusCm };
}

/** Weights of the trapezoid rule in cos(theta) over the theta nodes, normalised to sum to 1 (the mean over a shell). */
export function shellWeights(cosTheta: Float64Array): Float64Array {
  const n = cosTheta.length;
  const w = new Float64Array(n);
  for (let j = 0; j < n - 1; j++) {
    const h = (cosTheta[j + 1]! - cosTheta[j]!) / 2;
    w[j]! += h / 2;
    w[j + 1]! += h / 2;
  }
  return w;
}

/** Linear-interpolation position of a radius among the r nodes: index i and fraction f in [0, 1] (clamped to the grid). */
export function locateRadius(n: MapNodes, rCm: number): { i: number; f: number } {
  const nr = n.rCm.length;
  let i: number;
  let f: number;
  if (rCm < n.edgeStartCm) {
    const t = rCm / n.innerStepCm;
    i = Math.floor(t);
    f = t - i;
  } else {
    const t = (rCm - n.edgeStartCm) / n.edgeStepCm;
    const k = Math.floor(t);
    i = n.innerCount - 1 + k;
    f = t - k;
  }
  if (i < 0) return { i: 0, f: 0 };
  if (i >= nr - 1) return { i: nr - 2, f: 1 };
  return { i, f };
}
