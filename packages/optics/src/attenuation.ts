import { OutOfRangeError, ValidationError } from '@nucal/core';
import { kleinNishinaCrossSectionCm2 } from './klein-nishina.js';
import type { Material } from './material.js';
import { XCOM_C, XCOM_H, interpolateXcom, type XcomElement } from './xcom-data.js';

const AVOGADRO = 6.02214076e23;
const BARN_CM2 = 1e-24;
const XCOM_BY_SYMBOL: Partial<Record<string, XcomElement>> = { H: XCOM_H, C: XCOM_C };

/** Mass attenuation coefficients of a material at one photon energy, cm2/g. */
export interface MassAttenuation {
  /** Compton scattering on free electrons (Klein-Nishina). */
  readonly comptonCm2PerG: number;
  /** Photoelectric absorption (XCOM). */
  readonly photoelectricCm2PerG: number;
  /** Pair production in the nuclear and electron fields (XCOM). */
  readonly pairCm2PerG: number;
  /** Sum of the three (coherent scattering is left out: it deposits no energy). */
  readonly totalCm2PerG: number;
}

/**
 * Mass attenuation coefficients of a material (cm2/g): Klein-Nishina Compton on its <Z/A>
 * electrons per gram, photoelectric and pair production from the XCOM element tables mixed
 * by weight. Supports H and C (the LS); rejects other elements.
 *
 * @example massAttenuation(LAB, 1).comptonCm2PerG // about 0.0707 cm2/g
 */
export function massAttenuation(material: Material, energyMeV: number): MassAttenuation {
  if (!(energyMeV > 0)) throw new OutOfRangeError(`massAttenuation: photon energy ${energyMeV} MeV; expected > 0`);
  let massPerFormula = 0;
  let electrons = 0;
  let photo = 0;
  let pair = 0;
  for (const e of material.elements) {
    const x = XCOM_BY_SYMBOL[e.symbol];
    if (!x) throw new ValidationError(`massAttenuation: element ${e.symbol} of ${material.name} has no XCOM table here; expected H or C`);
    massPerFormula += e.atoms * e.atomicMass;
    electrons += e.atoms * e.z;
    photo += e.atoms * interpolateXcom(x.photoelectric, energyMeV);
    pair += e.atoms * (interpolateXcom(x.pairNuclear, energyMeV) + interpolateXcom(x.pairElectron, energyMeV));
  }
  const perGram = AVOGADRO / massPerFormula; // formula units per gram
  const compton = perGram * electrons * kleinNishinaCrossSectionCm2(energyMeV);
  const photoelectric = perGram * photo * BARN_CM2;
  const pairProduction = energyMeV > 1.022 ? perGram * pair * BARN_CM2 : 0;
  return {
    comptonCm2PerG: compton,
    photoelectricCm2PerG: photoelectric,
    pairCm2PerG: pairProduction,
    totalCm2PerG: compton + photoelectric + pairProduction,
  };
}

/**
 * Linear attenuation tabulated on a log grid for fast lookup in the transport loop:
 * total mu (1/cm) and the cumulative branching (photoelectric, then Compton; the rest is pair).
 */
export interface AttenuationTable {
  readonly minMeV: number;
  readonly maxMeV: number;
  /** 1 / (ln step) of the grid. */
  readonly inverseLogStep: number;
  /** Total linear attenuation coefficient, 1/cm, per grid node. */
  readonly muPerCm: Float64Array;
  /** Probability of photoelectric absorption per interaction, per grid node. */
  readonly photoFraction: Float64Array;
  /** Probability of photoelectric or Compton per interaction, per grid node. */
  readonly photoOrComptonFraction: Float64Array;
}

const tableCache = new WeakMap<Material, AttenuationTable>();

/**
 * The attenuation table of a material (1 keV .. 22 MeV, 4000 log-spaced nodes, linear
 * interpolation between nodes: < 1e-4 relative), cached per material object.
 * @example const t = attenuationTable(LAB); t.muPerCm[0]
 */
export function attenuationTable(material: Material): AttenuationTable {
  const cached = tableCache.get(material);
  if (cached) return cached;
  const minMeV = 1e-3;
  const maxMeV = 22;
  const points = 4000;
  const logStep = Math.log(maxMeV / minMeV) / (points - 1);
  const mu = new Float64Array(points);
  const pPhoto = new Float64Array(points);
  const pPc = new Float64Array(points);
  for (let i = 0; i < points; i++) {
    const e = minMeV * Math.exp(i * logStep);
    const m = massAttenuation(material, e);
    mu[i] = m.totalCm2PerG * material.densityGPerCm3;
    pPhoto[i] = m.photoelectricCm2PerG / m.totalCm2PerG;
    pPc[i] = (m.photoelectricCm2PerG + m.comptonCm2PerG) / m.totalCm2PerG;
  }
  const table = { minMeV, maxMeV, inverseLogStep: 1 / logStep, muPerCm: mu, photoFraction: pPhoto, photoOrComptonFraction: pPc };
  tableCache.set(material, table);
  return table;
}
