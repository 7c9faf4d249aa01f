import { ValidationError, type RandomSource } from '@nucal/core';
import { lsDetector, type LsDetector } from '@nucal/geometry';
import type { ResponseMapConfig } from './config.js';
import { coverageDeviation, ringCoverage } from './coverage.js';
import { azimuthCells, directDeviation, directSymmetric, type DirectLightContext } from './direct-light.js';
import { deviationTable, landingTable } from './landing-table.js';
import { mapNodes, shellWeights, type MapNodes } from './map-nodes.js';
import { pmtEfficiencies, type PmtEfficiencies } from './pmt-efficiencies.js';
import type { SphereOptics } from './ray-trace.js';
import { scatterRow, solveShellEfficiency } from './scattering.js';
import { fixtureOpacity } from './shadowing.js';

/**
 * The optical model behind a response map, in detection probability per emitted photon (no
 * light yield yet): the detector, what the light meets, the tabulated efficiency and the
 * solved shell-mean efficiency that scattered light is detected with.
 */
export interface ResponseModel {
  readonly config: ResponseMapConfig;
  readonly detector: LsDetector;
  readonly optics: SphereOptics;
  readonly context: DirectLightContext;
  readonly nodes: MapNodes;
  readonly pmts: PmtEfficiencies;
  /** Total efficiency (direct + scattered) at the nodes, row-major [r][cosTheta][phi]. */
  readonly efficiency: Float64Array;
  /** Shell-mean total efficiency at the r nodes. */
  readonly shellEfficiency: Float64Array;
  /** Scattered-light part of the efficiency at the r nodes (depends on r only). */
  readonly scattered: Float64Array;
  /** Un-tabulated efficiency at a vertex (r in cm, cos(theta), phi in rad). */
  efficiencyAt(rCm: number, cosTheta: number, phiRad: number): number;
}

/** Radial, polar and azimuthal unit vectors at (theta, phi). */
function basis(cosTheta: number, phiRad: number) {
  const s = Math.sqrt(Math.max(0, 1 - cosTheta * cosTheta));
  const cp = Math.cos(phiRad);
  const sp = Math.sin(phiRad);
  return {
    er: [s * cp, s * sp, cosTheta] as const,
    et: [cosTheta * cp, cosTheta * sp, -s] as const,
    ep: [-sp, cp, 0] as const,
  };
}

export function sphereOptics(c: ResponseMapConfig, d: LsDetector): SphereOptics {
  const abs = 100 * c.absorptionLengthM;
  const ray = 100 * c.rayleighLengthM;
  const att = 1 / (1 / abs + 1 / ray);
  return {
    lsRadiusCm: d.lsRadiusCm,
    acrylicOuterRadiusCm: d.acrylicOuterRadiusCm,
    pmtRadiusCm: d.pmtRadiusCm,
    nLs: c.nLs,
    nAcrylic: c.nAcrylic,
    nWater: c.nWater,
    attenuationLengthCm: att,
    scatterAlbedo: att / ray,
  };
}

/** Builds the model: tables, direct light at every node, scattering operator, solved efficiency. */
export function buildResponseModel(c: ResponseMapConfig, rng?: RandomSource): ResponseModel {
  const detector = lsDetector(c.detector);
  if (!(100 * c.grid.rEdgeStartM < detector.lsRadiusCm)) {
    throw new ValidationError(`grid.rEdgeStartM = ${c.grid.rEdgeStartM} m; expected less than the LS radius ${detector.lsRadiusCm / 100} m`);
  }
  if (c.deadSplit && c.deadFraction > 0) {
    throw new ValidationError(`deadFraction = ${c.deadFraction} with deadSplit = [${c.deadSplit.join(', ')}]; expected one of them (deadFraction 0 when deadSplit is given)`);
  }
  if (!(detector.pmtRadiusCm > detector.acrylicOuterRadiusCm)) {
    throw new ValidationError(`detector.pmtRadiusM = ${detector.pmtRadiusCm / 100} m; expected beyond the acrylic's outer radius ${detector.acrylicOuterRadiusCm / 100} m`);
  }
  const optics = sphereOptics(c, detector);
  const pmts = pmtEfficiencies(detector.lpmts, c, rng);
  const phiNodes = c.grid.phiNodes ?? (c.deadSplit ? 12 : 1);
  const ring = ringCoverage(detector.lpmts, detector.pmtRadiusCm, c.photocathodeRadiusCm, pmts.qe, c.coverage.ringBins);
  const opacity =
    c.shadowing && c.fixtureBandWidthCm > 0 && c.fixtureOpacity > 0
      ? fixtureOpacity(detector.config.acrylicLayers, detector.acrylicOuterRadiusCm, c.fixtureBandWidthCm, c.fixtureOpacity)
      : null;
  const Ra = detector.acrylicOuterRadiusCm;
  const Rp = detector.pmtRadiusCm;
  const chimney =
    c.shadowing && c.chimneyTubeRadiusCm > 0
      ? {
          radiusCm: c.chimneyTubeRadiusCm,
          acrylicCm: Ra,
          pmtCm: Rp,
          // a water path spans at most acos(Ra/Rp) of arc: beyond this polar angle it cannot reach the tube
          cosFilter: Math.cos(Math.min(Math.PI, Math.asin(Math.min(1, c.chimneyTubeRadiusCm / Ra)) + Math.acos(Ra / Rp) + 0.02)),
        }
      : null;
  const sym = azimuthCells(c.rays.azimuthCells, Math.PI);
  const dev = azimuthCells(c.rays.deviationAzimuthCells, 2 * Math.PI);
  const deviation =
    phiNodes > 1
      ? coverageDeviation(detector.lpmts, Rp, c.photocathodeRadiusCm, pmts.qe, c.coverage.deviationCosBins, c.coverage.deviationPhiBins, c.coverage.deviationSmoothingCm)
      : null;
  const context: DirectLightContext = { ring, opacity, chimney, cosBeta: sym.cos, sinBeta: sym.sin, deviation, devCosBeta: dev.cos, devSinBeta: dev.sin };
  const nodes = mapNodes(detector.lsRadiusCm, c.grid, phiNodes);
  const nr = nodes.rCm.length;
  const nt = nodes.cosTheta.length;
  const np = phiNodes;
  const scratch = new Float64Array(3 * c.rays.deviationAzimuthCells);

  const directAt = (rCm: number, cosTheta: number, phiRad: number, tables?: { l: ReturnType<typeof landingTable>; d: ReturnType<typeof deviationTable> | null }) => {
    const l = tables?.l ?? landingTable(optics, rCm, c.rays.cosAlphaCells, c.rays.azimuthCells);
    const dt = tables ? tables.d : deviation ? deviationTable(optics, rCm, c.rays.deviationCosAlphaCells, c.rays.deviationAzimuthCells) : null;
    // at the centre every axis is equivalent: use +z, where the azimuth integral is exact
    const ct = rCm > 0 ? cosTheta : 1;
    const ph = rCm > 0 ? phiRad : 0;
    const st = Math.sqrt(Math.max(0, 1 - ct * ct));
    let v = directSymmetric(context, l, ct, st);
    if (dt) {
      const b = basis(ct, ph);
      v += directDeviation(context, dt, b.er, b.et, b.ep, scratch);
    }
    return v;
  };

  const direct = new Float64Array(nr * nt * np);
  for (let i = 0; i < nr; i++) {
    const r = nodes.rCm[i]!;
    const tables = {
      l: landingTable(optics, r, c.rays.cosAlphaCells, c.rays.azimuthCells),
      d: deviation ? deviationTable(optics, r, c.rays.deviationCosAlphaCells, c.rays.deviationAzimuthCells) : null,
    };
    if (r === 0) {
      direct.fill(directAt(0, 1, 0, tables), 0, nt * np);
      continue;
    }
    for (let j = 0; j < nt; j++) {
      const ct = nodes.cosTheta[j]!;
      const st = Math.sqrt(Math.max(0, 1 - ct * ct));
      const symmetric = directSymmetric(context, tables.l, ct, st);
      for (let k = 0; k < np; k++) {
        let v = symmetric;
        if (tables.d) {
          const b = basis(ct, nodes.phiRad[k]!);
          v += directDeviation(context, tables.d, b.er, b.et, b.ep, scratch);
        }
        direct[(i * nt + j) * np + k] = v;
      }
    }
  }

  // scattering: operator over r nodes, shell means, solve
  const wt = shellWeights(nodes.cosTheta);
  const directMean = new Float64Array(nr);
  for (let i = 0; i < nr; i++) {
    let s = 0;
    for (let j = 0; j < nt; j++) for (let k = 0; k < np; k++) s += wt[j]! * direct[(i * nt + j) * np + k]!;
    directMean[i] = s / np;
  }
  const matrix = new Float64Array(nr * nr);
  const row = new Float64Array(nr);
  for (let i = 0; i < nr; i++) matrix.set(scatterRow(optics, nodes.rCm[i]!, c.rays.cosAlphaCells, nodes, row), i * nr);
  const shellEfficiency = solveShellEfficiency(matrix, directMean);
  const scattered = new Float64Array(nr);
  for (let i = 0; i < nr; i++) {
    let s = 0;
    for (let j = 0; j < nr; j++) s += matrix[i * nr + j]! * shellEfficiency[j]!;
    scattered[i] = s;
  }
  const efficiency = new Float64Array(direct.length);
  for (let i = 0; i < nr; i++) for (let q = 0; q < nt * np; q++) efficiency[i * nt * np + q] = direct[i * nt * np + q]! + scattered[i]!;

  const efficiencyAt = (rCm: number, cosTheta: number, phiRad: number): number => {
    const scatterPart = scatterRow(optics, rCm, c.rays.cosAlphaCells, nodes, new Float64Array(nr)).reduce((s, m, j) => s + m * shellEfficiency[j]!, 0);
    return directAt(rCm, cosTheta, phiRad) + scatterPart;
  };

  return { config: c, detector, optics, context, nodes, pmts, efficiency, shellEfficiency, scattered, efficiencyAt };
}
