import { ValidationError, type RandomSource } from '@nucal/core';
import { allocateSample, truncateSample, type EventSample } from './event-sample.js';
import { GaussianStream } from './gaussian-stream.js';
import type { ResponseMapLike } from './response-map.js';
import { darkNoiseMeanPe, type ToyConfig } from './toy-config.js';

/** Visible energy of the n-H capture gamma, MeV (the unit of visible energy: E_vis = E_gamma at the centre). */
export const NH_GAMMA_MEV = 2.223247;

/** Shape of a gamma's energy deposit in the two-step toy. */
export interface GammaDepositShape {
  /** Mean free path to the first interaction, cm (2.2 MeV in LAB: 1 / (0.0432 cm2/g x 0.86 g/cm3) = 27 cm). */
  readonly firstStepCm: number;
  /** Mean free path of the scattered gamma, cm (softer: shorter). */
  readonly secondStepCm: number;
}
export const DEFAULT_GAMMA_SHAPE: GammaDepositShape = { firstStepCm: 27, secondStepCm: 18 };

/** Where the gammas start: uniform in the LS (neutron captures) or at a source position (cm). */
export type GammaOrigin = 'uniform' | { readonly xCm: number; readonly yCm: number; readonly zCm: number };

/**
 * Gamma events (n-H capture or a source gamma) in a deliberately small transport model: the
 * gamma deposits a uniform fraction f of its visible energy where it first interacts
 * (exponential step, isotropic) and the rest one more isotropic exponential step further. A
 * deposit outside the LS sphere is lost (leakage near the edge, and gammas of a source
 * outside the LS that miss it); an event with nothing deposited does not trigger and is not
 * recorded. Light = sum of the deposits x peMeV at each deposit; charge drawn as in
 * {@link simulatePointEvents}; the reconstructed vertex is the energy-weighted centre of the
 * deposits smeared by k / sqrt(E). Returns the recorded events only.
 *
 * @example
 * const s = simulateGammaEvents(map, cfg, NH_GAMMA_MEV, 50_000, { xCm: 0, yCm: 0, zCm: 1500 }, rng);
 */
export function simulateGammaEvents(
  map: ResponseMapLike,
  c: ToyConfig,
  visibleMeV: number,
  count: number,
  origin: GammaOrigin,
  rng: RandomSource,
  shape: GammaDepositShape = DEFAULT_GAMMA_SHAPE,
): EventSample {
  if (!(visibleMeV > 0)) throw new ValidationError(`gamma visible energy ${visibleMeV} MeV is invalid: expected > 0`);
  const out = allocateSample(count);
  const gauss = new GaussianStream(rng);
  const R = map.lsRadiusCm;
  const R2 = R * R;
  const muD = darkNoiseMeanPe(c);
  const f2 = 1 + c.speChargeResolution * c.speChargeResolution;
  const { xCm, yCm, zCm, chargePe } = out;
  let k = 0;
  for (let i = 0; i < count; i++) {
    let ox: number;
    let oy: number;
    let oz: number;
    if (origin === 'uniform') {
      do {
        ox = (2 * rng.uniform() - 1) * R;
        oy = (2 * rng.uniform() - 1) * R;
        oz = (2 * rng.uniform() - 1) * R;
      } while (ox * ox + oy * oy + oz * oz > R2);
    } else {
      ox = origin.xCm;
      oy = origin.yCm;
      oz = origin.zCm;
    }
    // first interaction
    let l = -shape.firstStepCm * Math.log(1 - rng.uniform());
    let ct = 2 * rng.uniform() - 1;
    let st = Math.sqrt(1 - ct * ct);
    let ph = 2 * Math.PI * rng.uniform();
    const x1 = ox + l * st * Math.cos(ph);
    const y1 = oy + l * st * Math.sin(ph);
    const z1 = oz + l * ct;
    if (x1 * x1 + y1 * y1 + z1 * z1 > R2) continue; // escaped (or missed the LS): no deposit
    const f = rng.uniform();
    l = -shape.secondStepCm * Math.log(1 - rng.uniform());
    ct = 2 * rng.uniform() - 1;
    st = Math.sqrt(1 - ct * ct);
    ph = 2 * Math.PI * rng.uniform();
    const x2 = x1 + l * st * Math.cos(ph);
    const y2 = y1 + l * st * Math.sin(ph);
    const z2 = z1 + l * ct;
    const e1 = f * visibleMeV;
    let light = e1 * map.peMeV(x1, y1, z1);
    let eDep = e1;
    let cx = e1 * x1;
    let cy = e1 * y1;
    let cz = e1 * z1;
    if (x2 * x2 + y2 * y2 + z2 * z2 <= R2) {
      const e2 = visibleMeV - e1;
      light += e2 * map.peMeV(x2, y2, z2);
      eDep += e2;
      cx += e2 * x2;
      cy += e2 * y2;
      cz += e2 * z2;
    }
    const mu = light + muD;
    chargePe[k] = mu + Math.sqrt(mu * f2) * gauss.next();
    const smear = c.vertexSmearingCm / Math.sqrt(eDep);
    xCm[k] = cx / eDep + (smear > 0 ? smear * gauss.next() : 0);
    yCm[k] = cy / eDep + (smear > 0 ? smear * gauss.next() : 0);
    zCm[k] = cz / eDep + (smear > 0 ? smear * gauss.next() : 0);
    k++;
  }
  return truncateSample(out, k);
}
