import { defineReconstructionPlugin, OutOfRangeError, ValidationError, type ReconstructionPlugin, type Time } from '@nucal/core';
import { uniformityCorrection, uniformityRecord, type UniformityCorrection } from '@nucal/uniformity';
import { positronKineticMeV } from './positron.js';
import { junoEnergyScaleRecord, nonlinearityRecord } from './records.js';
import { PACKAGE_VERSION } from './version.js';

/** A reconstructed event vertex in the detector frame (origin at the centre, z up), cm. */
export interface Vertex {
  readonly xCm: number;
  readonly yCm: number;
  readonly zCm: number;
}

/** Input of `juno.energy`: the event's total PE (dark noise included), its reconstructed vertex and its time. */
export interface EnergyEvent {
  readonly peTotal: number;
  /** Reconstructed vertex, cm: where the non-uniformity map g is evaluated. */
  readonly vertex: Vertex;
  readonly time: Time;
}

/** Output of `juno.energy`. */
export interface EnergyRecoOutput {
  /** (PE - dark-noise offset) / Y0 / g(vertex), MeV: the visible energy on the centre's scale. */
  readonly visibleEnergyMeV: number;
  /** g at the event's vertex from `juno.uniformity` (1 at the centre). */
  readonly g: number;
  /** Positron kinetic energy solving E_vis = E_vis_anni + E f(E), MeV; null above the solver range (20 MeV). */
  readonly positronKineticMeV: number | null;
  /** True when the kinetic energy lies in the calibrated range of the non-linearity. */
  readonly inValidityRange: boolean;
  /** Content hashes of the three payloads used, for provenance of the reconstruction. */
  readonly conditions: { readonly energyScale: string; readonly nonlinearity: string; readonly uniformity: string };
}

/** Evaluators kept per plugin instance: a job sees a handful of uniformity IOVs, each built once. */
const MAX_EVALUATORS = 8;

/**
 * Reconstruction plugin `juno.energy`: resolves `juno.energy-scale`, `juno.nonlinearity` and
 * `juno.uniformity` for the event's time from the conditions provider (wrap it in core's
 * `IovCache` so lookups happen only when the event leaves the current IOV), corrects the
 * charge for the position non-uniformity at the event's reconstructed vertex, and returns the
 * visible energy and the positron kinetic energy:
 * E_vis = (PE - dQ_DR) / Y0 / g(vertex), with Y0 and dQ_DR from `juno.energy-scale` (the
 * centre's scale the non-linearity was fitted on) and g from `juno.uniformity`, whose own Y0
 * is not used (it is defined by the n-H line alone). The evaluator of a uniformity payload (a
 * table built from its spline) is built once per payload hash and reused.
 *
 * @example
 * const reco = energyReconstructionPlugin();
 * const out = await reco.process({ peTotal: 5600, vertex: { xCm: 800, yCm: 0, zCm: -300 }, time: runTime(42) }, new IovCache(provider));
 * out.visibleEnergyMeV; out.g; out.positronKineticMeV
 */
export function energyReconstructionPlugin(): ReconstructionPlugin<EnergyEvent, EnergyRecoOutput> {
  const evaluators = new Map<string, UniformityCorrection>();
  const evaluatorFor = (hash: string, payload: unknown): UniformityCorrection => {
    let e = evaluators.get(hash);
    if (e === undefined) {
      e = uniformityCorrection(payload);
      if (evaluators.size >= MAX_EVALUATORS) evaluators.delete(evaluators.keys().next().value!);
      evaluators.set(hash, e);
    }
    return e;
  };
  return defineReconstructionPlugin<EnergyEvent, EnergyRecoOutput>({
    id: 'juno.energy',
    version: PACKAGE_VERSION,
    requires: [junoEnergyScaleRecord, nonlinearityRecord, uniformityRecord],
    async process(event, conditions) {
      if (!Number.isFinite(event.peTotal)) throw new ValidationError(`event peTotal ${event.peTotal} is invalid: expected a finite number of PE`);
      const v = event.vertex as Partial<Vertex> | undefined;
      if (v === undefined || v === null || typeof v !== 'object' || ![v.xCm, v.yCm, v.zCm].every((c) => typeof c === 'number' && Number.isFinite(c))) {
        throw new ValidationError(`event vertex ${v === undefined ? 'is missing' : `${JSON.stringify(v)} is invalid`}: expected the reconstructed vertex { xCm, yCm, zCm } as finite numbers in cm`);
      }
      const scale = await conditions.resolve(junoEnergyScaleRecord, event.time);
      const nl = await conditions.resolve(nonlinearityRecord, event.time);
      const uni = await conditions.resolve(uniformityRecord, event.time);
      const s = scale.payload;
      const g = evaluatorFor(uni.hash, uni.payload).g(v.xCm!, v.yCm!, v.zCm!);
      const visibleEnergyMeV = (event.peTotal - s.darkNoiseOffsetPe) / s.y0PePerMeV / g;
      let kinetic: number | null;
      try {
        kinetic = positronKineticMeV(visibleEnergyMeV, s.annihilationVisibleMeV, nl.payload.parameters);
      } catch (e) {
        // a muon or other very energetic event is not a positron: no kinetic energy, not an error
        if (!(e instanceof OutOfRangeError)) throw e;
        kinetic = null;
      }
      return {
        visibleEnergyMeV,
        g,
        positronKineticMeV: kinetic,
        inValidityRange: kinetic !== null && kinetic >= nl.payload.validityMinMeV && kinetic <= nl.payload.validityMaxMeV,
        conditions: { energyScale: scale.hash, nonlinearity: nl.hash, uniformity: uni.hash },
      };
    },
  });
}
