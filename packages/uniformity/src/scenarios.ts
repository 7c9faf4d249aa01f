import type { ToyConfigInput } from './toy-config.js';

/** How a scenario measures g_cal. */
export type CorrectionKind = 'none' | 'ideal' | 'phi-symmetric' | 'single-gamma-source' | 'finite-points';

/** Response-map settings a scenario changes (fields of @nucal/optics' ResponseMapConfigSchema). */
export interface ResponseOverrides {
  readonly qeRelSpread?: number;
  readonly deadFraction?: number;
  readonly deadSplit?: readonly [number, number];
  readonly lightYieldScale?: number;
  readonly absorptionLengthM?: number;
}

/** One rung of the ladder. */
export interface ScenarioDefinition {
  readonly name: string;
  readonly description: string;
  /** The rung it adds one change to (null for the first). */
  readonly buildsOn: string | null;
  readonly vertices: 'centre' | 'uniform';
  readonly correction: CorrectionKind;
  /** Detector variant: the truth map is built from these settings (the calibration runs on it). */
  readonly response: ResponseOverrides;
  readonly toy: ToyConfigInput;
}

/** Absorption length of the nominal LS, m (the optics default). */
const NOMINAL_ABSORPTION_M = 77;
/** 1% of the 17,612 LPMTs. */
const DEAD_1PCT = 176;

// The realistic detector most variants start from: calibration points, 8 cm/sqrt(E) vertex
// resolution and a 7% QE spread of the LPMTs.
const REALISTIC_TOY: ToyConfigInput = { vertexSmearingCm: 8 };
const REALISTIC_RESPONSE: ResponseOverrides = { qeRelSpread: 0.07 };

const defs: ScenarioDefinition[] = [
  { name: 'central', description: 'events at the centre only, g = 1: photon statistics, dark noise, SPE resolution', buildsOn: null, vertices: 'centre', correction: 'none', response: {}, toy: {} },
  { name: 'ideal', description: 'vertices uniform in the LS; g(r, theta, phi) measured with positrons in 20,000 equal-volume voxels; true vertices', buildsOn: 'central', vertices: 'uniform', correction: 'ideal', response: {}, toy: {} },
  { name: 'phi-symmetric', description: 'g(r, theta) only: positrons in equal-volume (r^3, cos theta) voxels', buildsOn: 'ideal', vertices: 'uniform', correction: 'phi-symmetric', response: {}, toy: {} },
  { name: 'single-gamma-source', description: 'g(r, theta) measured with 2.22 MeV n-H capture gammas uniform in the LS (voxels)', buildsOn: 'phi-symmetric', vertices: 'uniform', correction: 'single-gamma-source', response: {}, toy: {} },
  { name: 'finite-points', description: 'g(r, theta) from n-H source peaks at the ACU, CLS and GT points, smoothing spline in (cos theta, r^3)', buildsOn: 'single-gamma-source', vertices: 'uniform', correction: 'finite-points', response: {}, toy: {} },
  { name: 'vertex-smearing', description: 'finite points + vertex resolution 8 cm/sqrt(E)', buildsOn: 'finite-points', vertices: 'uniform', correction: 'finite-points', response: {}, toy: { vertexSmearingCm: 8 } },
  { name: 'vertex-smearing-10', description: 'finite points + vertex resolution 10 cm/sqrt(E)', buildsOn: 'finite-points', vertices: 'uniform', correction: 'finite-points', response: {}, toy: { vertexSmearingCm: 10 } },
  { name: 'vertex-smearing-15', description: 'finite points + vertex resolution 15 cm/sqrt(E)', buildsOn: 'finite-points', vertices: 'uniform', correction: 'finite-points', response: {}, toy: { vertexSmearingCm: 15 } },
  { name: 'qe-variation', description: 'vertex-smearing + LPMT QE spread 7% (the realistic detector)', buildsOn: 'vertex-smearing', vertices: 'uniform', correction: 'finite-points', response: REALISTIC_RESPONSE, toy: REALISTIC_TOY },
  { name: 'dead-1pct', description: 'qe-variation + 1% of the LPMTs dead at random', buildsOn: 'qe-variation', vertices: 'uniform', correction: 'finite-points', response: { ...REALISTIC_RESPONSE, deadFraction: 0.01 }, toy: REALISTIC_TOY },
  { name: 'dead-1pct-asymmetric', description: 'qe-variation + 1% dead, 75 on the +y and 105 on the -y side of the calibration plane', buildsOn: 'qe-variation', vertices: 'uniform', correction: 'finite-points', response: { ...REALISTIC_RESPONSE, deadSplit: [Math.round((DEAD_1PCT * 75) / 180), Math.round((DEAD_1PCT * 105) / 180)] }, toy: REALISTIC_TOY },
  { name: 'y0-minus-1pct', description: 'qe-variation with the light yield 1% lower', buildsOn: 'qe-variation', vertices: 'uniform', correction: 'finite-points', response: { ...REALISTIC_RESPONSE, lightYieldScale: 0.99 }, toy: REALISTIC_TOY },
  { name: 'y0-minus-5pct', description: 'qe-variation with the light yield 5% lower', buildsOn: 'qe-variation', vertices: 'uniform', correction: 'finite-points', response: { ...REALISTIC_RESPONSE, lightYieldScale: 0.95 }, toy: REALISTIC_TOY },
  { name: 'absorption-minus-4pct', description: 'qe-variation with the LS absorption length 4% shorter', buildsOn: 'qe-variation', vertices: 'uniform', correction: 'finite-points', response: { ...REALISTIC_RESPONSE, absorptionLengthM: 0.96 * NOMINAL_ABSORPTION_M }, toy: REALISTIC_TOY },
  { name: 'spe-30pct', description: 'qe-variation with a 30% single-PE charge resolution', buildsOn: 'qe-variation', vertices: 'uniform', correction: 'finite-points', response: REALISTIC_RESPONSE, toy: { ...REALISTIC_TOY, speChargeResolution: 0.3 } },
];

/**
 * The named scenarios, in ladder order. Cumulative where it makes physical sense:
 * central -> ideal -> phi-symmetric -> single-gamma-source -> finite-points -> vertex-smearing
 * (8 cm/sqrt(E); 10 and 15 as variants) -> qe-variation (the realistic detector); the dead-PMT,
 * light-yield, absorption and SPE scenarios each change one thing of qe-variation.
 */
export const SCENARIOS: Readonly<Record<string, ScenarioDefinition>> = Object.freeze(Object.fromEntries(defs.map((d) => [d.name, d])));

/** Scenario names in ladder order. */
export const SCENARIO_NAMES: readonly string[] = defs.map((d) => d.name);
