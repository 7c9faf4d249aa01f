import type { RandomSource } from '@nucal/core';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { duneFdSpModule, tpcAt, trackThroughModule, type LArTpcModule, type TpcVolume } from '@nucal/geometry';
import { LANDAU_MPV_STANDARD, landau, normal } from '@nucal/numeric';
import { W_ION_MEV, diffusionSigmaCm, larDensityGPerCm3, recombinationFactor, recombinationMinimumdEdxMeVPerCm } from '@nucal/tpc-drift';
import { betaGammaFromKineticEnergy, maxEnergyTransferMeV } from './bethe.js';
import { shareChargeInPlace, chargeSharingFraction } from './charge-sharing.js';
import type { CosmicSample, HitTable, MichelTable, SegmentTable, TrackTable } from './cosmic-sample.js';
import { SegmentEnd } from './cosmic-sample.js';
import { csdaRangeTable, type CsdaRangeTable } from './csda-range.js';
import { lifetimeAtHeightMs, resolveInject, type TpcTruth } from './inject.js';
import { landauXiMeV, mostProbableEnergyLossMeV } from './landau-mpv.js';
import { liquidArgon } from './lar-material.js';
import { sampleMichelEnergyMeV, visibleMichelEnergyMeV } from './michel.js';
import { generateMuons, muonFluxModel, type MuonFluxModel } from './muon-generator.js';
import { CosmicSimulationConfigSchema, type CosmicSimulationConfig, type CosmicSimulationConfigInput } from './simulation-config.js';
import { TrackClass, classifyTrack } from './track-classes.js';

/** What generated a simulated sample: the resolved per-TPC truth and the expected muon rate. */
export interface CosmicTruth {
  readonly tpcs: readonly TpcTruth[];
  readonly expectedMuonsPerDay: number;
  /** Muons generated on the box surface (including ones that only graze it). */
  readonly generatedMuons: number;
  /** Effective dE/dx assumed for the Michel electron's recombination, MeV/cm. */
  readonly michelDedxMeVPerCm: number;
}

/** A simulated sample with its truth. */
export interface CosmicSimulation {
  readonly sample: CosmicSample;
  readonly truth: CosmicTruth;
}

/** Electron showers from Michel electrons recombine roughly like a MIP track (a stated simplification). */
const MICHEL_DEDX_MEV_PER_CM = 2.1;
/** Above this kinetic energy the muon's beta gamma is held constant across the detector (MPV on the Fermi plateau). */
const CONSTANT_BG_ABOVE_MEV = 20_000;

const rangeCache = new Map<number, CsdaRangeTable>();
const fluxCache = new Map<string, MuonFluxModel>();

function rangeTableFor(densityGPerCm3: number): CsdaRangeTable {
  let t = rangeCache.get(densityGPerCm3);
  if (!t) {
    t = csdaRangeTable(liquidArgon({ densityGPerCm3 }));
    rangeCache.set(densityGPerCm3, t);
  }
  return t;
}

function fluxFor(cfg: CosmicSimulationConfig, module: LArTpcModule): MuonFluxModel {
  const key = JSON.stringify([cfg.flux, module.active]);
  let m = fluxCache.get(key);
  if (!m) {
    m = muonFluxModel(cfg.flux, module.active);
    fluxCache.set(key, m);
  }
  return m;
}

/** A growable struct-of-arrays for hits; avoids one object per hit. */
class HitBuffer {
  n = 0;
  track = new Int32Array(0);
  tpc = new Uint8Array(0);
  channel = new Int32Array(0);
  pathCm = new Float32Array(0);
  yCm = new Float32Array(0);
  pitchCm = new Float32Array(0);
  timeUs = new Float64Array(0);
  chargeAdc = new Float32Array(0);

  constructor(capacity: number) {
    this.grow(capacity);
  }

  ensure(extra: number): void {
    if (this.n + extra > this.track.length) this.grow(Math.max(2 * this.track.length, this.n + extra));
  }

  private grow(capacity: number): void {
    const copy = <T extends Int32Array | Uint8Array | Float32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(capacity);
      b.set(a.subarray(0, this.n) as never);
      return b;
    };
    this.track = copy(this.track, (k) => new Int32Array(k));
    this.tpc = copy(this.tpc, (k) => new Uint8Array(k));
    this.channel = copy(this.channel, (k) => new Int32Array(k));
    this.pathCm = copy(this.pathCm, (k) => new Float32Array(k));
    this.yCm = copy(this.yCm, (k) => new Float32Array(k));
    this.pitchCm = copy(this.pitchCm, (k) => new Float32Array(k));
    this.timeUs = copy(this.timeUs, (k) => new Float64Array(k));
    this.chargeAdc = copy(this.chargeAdc, (k) => new Float32Array(k));
  }

  table(): HitTable {
    const n = this.n;
    return {
      count: n,
      track: this.track.slice(0, n),
      tpc: this.tpc.slice(0, n),
      channel: this.channel.slice(0, n),
      pathCm: this.pathCm.slice(0, n),
      yCm: this.yCm.slice(0, n),
      pitchCm: this.pitchCm.slice(0, n),
      timeUs: this.timeUs.slice(0, n),
      chargeAdc: this.chargeAdc.slice(0, n),
    };
  }
}

function endKind(tpc: TpcVolume, x: number): number {
  const eps = 1e-6;
  if (Math.abs(x - tpc.anodeXCm) < eps) return SegmentEnd.ANODE;
  if (Math.abs(x - tpc.cathodeXCm) < eps) return SegmentEnd.CATHODE;
  return SegmentEnd.BOUNDARY;
}

/**
 * Simulates `days` of cosmic muons in the module (PHYSICS.md 2.3): Mei-Hime muons on the
 * active-volume surface; straight tracks (multiple scattering neglected) to the exit or, for
 * muons whose CSDA range is shorter than the chord, to the stopping point; one collection-plane
 * hit per wire crossed, with a Landau energy deposit around the Landau-Vavilov most probable
 * value for the track pitch (width xi, capped at the MPV plus W_max and at the remaining kinetic energy);
 * recombination (nominal model of `@nucal/tpc-drift`, per-TPC field); drift with the injected
 * per-TPC vd and t0 offset; lifetime attenuation with the injected lifetime and its height
 * slope; transverse diffusion as charge sharing between neighbouring wires; electronics noise;
 * gain to ADC. Stopping muons decay with probability `michelFraction` into a Michel electron
 * whose visible energy follows {@link visibleMichelEnergyMeV}.
 *
 * @example
 * const { sample, truth } = simulateCosmics({ days: 1, inject: { tpcs: { '0': { lifetimeMs: 6 } } } }, createRng(7));
 * sample.tracks.count // ~ 4200
 */
export function simulateCosmics(configInput: CosmicSimulationConfigInput, rng: RandomSource): CosmicSimulation {
  const parsed = CosmicSimulationConfigSchema.safeParse(configInput);
  if (!parsed.success) throw new ValidationError('invalid cosmic simulation configuration', formatZodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const module = duneFdSpModule(cfg.module);
  const nominal = cfg.response;
  const density = larDensityGPerCm3(nominal.temperatureK);
  const halfHeightCm = (module.active.yMax - module.active.yMin) / 2;
  const truths = resolveInject(cfg.inject, nominal, module.tpcs.length, halfHeightCm);
  const material = liquidArgon({ densityGPerCm3: density });
  const range = rangeTableFor(density);
  const tableMaxMeV = range.kineticEnergyMeV[range.kineticEnergyMeV.length - 1]!;
  const flux = fluxFor(cfg, module);
  const plane = module.wirePlanes.find((p) => p.name === cfg.collectionPlane);
  if (!plane) {
    throw new ValidationError(`collection plane '${cfg.collectionPlane}' is not in the module: expected one of ${module.wirePlanes.map((p) => p.name).join(', ')}`);
  }
  const wireCm = plane.pitchMm / 10;
  const alpha = (plane.angleFromVerticalDeg * Math.PI) / 180;
  // Pitch direction: perpendicular to the wires within the y-z plane.
  const pitchY = -Math.sin(alpha);
  const pitchZ = Math.cos(alpha);
  const media = truths.map((t) => ({ fieldKvPerCm: t.fieldKvPerCm, densityGPerCm3: density }));
  const minDedx = media.map((m) => recombinationMinimumdEdxMeVPerCm(nominal.recombination, m) * 1.0001);
  const michelR = media.map((m) => recombinationFactor(nominal.recombination, MICHEL_DEDX_MEV_PER_CM, m));

  const muons = generateMuons({ days: cfg.days, rng, model: flux });
  const n = muons.count;
  const tFlags = new Uint8Array(n);
  const tTime = new Float64Array(n);
  const tLength = new Float32Array(n);
  const tCos = new Float32Array(n);
  let nTracks = 0;
  const seg = {
    track: new Int32Array(4 * n),
    tpc: new Uint8Array(4 * n),
    startPathCm: new Float32Array(4 * n),
    endPathCm: new Float32Array(4 * n),
    startKind: new Uint8Array(4 * n),
    endKind: new Uint8Array(4 * n),
    firstHit: new Int32Array(4 * n),
    hitCount: new Int32Array(4 * n),
  };
  let nSeg = 0;
  const hits = new HitBuffer(Math.max(1024, n * 700));
  const mTrack: number[] = [];
  const mTpc: number[] = [];
  const mTime: number[] = [];
  const mY: number[] = [];
  const mCharge: number[] = [];
  let dedx = new Float64Array(4096);
  let electrons = new Float64Array(4096);
  let share = new Float64Array(4096);
  let scratch = new Float64Array(4096);

  for (let i = 0; i < n; i++) {
    const kinetic = muons.kineticEnergyMeV[i]!;
    const rangeCm = kinetic < tableMaxMeV ? range.rangeCm(kinetic) : Infinity;
    const origin = { x: muons.xCm[i]!, y: muons.yCm[i]!, z: muons.zCm[i]! };
    const dir = { x: muons.dx[i]!, y: muons.dy[i]!, z: muons.dz[i]! };
    const g = trackThroughModule(module, Number.isFinite(rangeCm) ? { origin, direction: dir, tMinCm: -1, tMaxCm: rangeCm } : { origin, direction: dir });
    if (g === null || g.lengthCm <= 0) continue;
    let flags = classifyTrack(module, g);
    if (flags & TrackClass.STOPPING && rng.uniform() < cfg.michelFraction) flags |= TrackClass.MICHEL;
    const ti = nTracks++;
    tFlags[ti] = flags;
    tTime[ti] = muons.timeS[i]!;
    tLength[ti] = g.lengthCm;
    tCos[ti] = -dir.y;
    const t0Path = g.tEntryCm;
    const u = g.direction;
    const cosU = Math.abs(u.y * pitchY + u.z * pitchZ);
    const trackPitch = cosU > 0 ? wireCm / cosU : Infinity;
    const stopping = (flags & TrackClass.STOPPING) !== 0;
    const constantBg = !stopping && kinetic >= CONSTANT_BG_ABOVE_MEV;
    const bgConst = betaGammaFromKineticEnergy(kinetic);

    for (let sIdx = 0; sIdx < g.segments.length; sIdx++) {
      const s = g.segments[sIdx]!;
      const tpc = module.tpcs[s.tpc]!;
      const truth = truths[s.tpc]!;
      const k = nSeg++;
      seg.track[k] = ti;
      seg.tpc[k] = s.tpc;
      seg.startPathCm[k] = s.tStartCm - t0Path;
      seg.endPathCm[k] = s.tEndCm - t0Path;
      seg.startKind[k] = endKind(tpc, s.start.x);
      seg.endKind[k] = stopping && sIdx === g.segments.length - 1 && s.tEndCm >= g.tExitCm - 1e-9 ? SegmentEnd.STOP : endKind(tpc, s.end.x);
      const nh = trackPitch <= cfg.maxTrackPitchCm ? Math.floor(s.lengthCm / trackPitch) : 0;
      seg.firstHit[k] = hits.n;
      seg.hitCount[k] = nh;
      if (nh === 0) continue;
      if (nh > dedx.length) {
        dedx = new Float64Array(2 * nh);
        electrons = new Float64Array(2 * nh);
        share = new Float64Array(2 * nh);
        scratch = new Float64Array(2 * nh);
      }
      hits.ensure(nh);
      const base = hits.n;
      // Deposits: Landau around the MPV for this pitch and the local beta gamma. The tail is cut
      // at the MPV plus one maximal single collision W_max: the loss above the most probable
      // value comes from hard collisions, each at most W_max, and two of them are rare
      // (probability ~ kappa^2, kappa = xi / W_max). Not at W_max itself: near the stopping
      // point W_max falls below the MPV of the layer (W_max 1.1 MeV, MPV 1.6 MeV over 0.6 cm at
      // 10 cm residual range) and that cap flattened every deposit there, hiding the Bragg rise.
      let mpv = 0;
      let xi = 0;
      let maxLoss = 0;
      if (constantBg) {
        mpv = mostProbableEnergyLossMeV(material, bgConst, trackPitch);
        xi = landauXiMeV(material, bgConst, trackPitch);
        maxLoss = mpv + maxEnergyTransferMeV(bgConst);
      }
      const vd = truth.vdMmPerUs;
      for (let h = 0; h < nh; h++) {
        const tPar = s.tStartCm + (h + 0.5) * trackPitch;
        const path = tPar - t0Path;
        let tKin = kinetic;
        if (!constantBg) {
          tKin = Number.isFinite(rangeCm) ? range.kineticEnergyMeV_fromRangeCm(Math.max(0, rangeCm - tPar)) : kinetic;
          const bg = Math.max(0.1, betaGammaFromKineticEnergy(tKin));
          mpv = mostProbableEnergyLossMeV(material, bg, trackPitch);
          xi = landauXiMeV(material, bg, trackPitch);
          maxLoss = mpv + maxEnergyTransferMeV(bg);
        }
        let dE = landau(rng, mpv - LANDAU_MPV_STANDARD * xi, xi);
        dE = Math.min(dE, maxLoss, tKin > 0 ? tKin : dE);
        dedx[h] = Math.max(dE / trackPitch, minDedx[s.tpc]!);
        const x = origin.x + tPar * u.x;
        const y = origin.y + tPar * u.y;
        const z = origin.z + tPar * u.z;
        const driftCm = Math.max(0, -tpc.driftSign * (x - tpc.anodeXCm));
        const driftUs = (10 * driftCm) / vd;
        const j = base + h;
        hits.track[j] = ti;
        hits.tpc[j] = s.tpc;
        hits.channel[j] = Math.round((y * pitchY + z * pitchZ) / wireCm);
        hits.pathCm[j] = path;
        hits.yCm[j] = y;
        hits.pitchCm[j] = trackPitch;
        hits.timeUs[j] = driftUs + truth.t0OffsetUs + (cfg.timeResolutionUs > 0 ? normal(rng, 0, cfg.timeResolutionUs) : 0);
        // Keep the true drift time and attenuation in the charge array until the recombination pass.
        electrons[h] = Math.exp(-driftUs / (1000 * lifetimeAtHeightMs(truth, y)));
        share[h] = cfg.diffusion ? chargeSharingFraction(diffusionSigmaCm(nominal.transverseDiffusionCm2PerS, driftUs), wireCm) : 0;
      }
      // Recombination per hit, then attenuation already stored as a factor in `electrons`.
      const medium = media[s.tpc]!;
      const model = nominal.recombination;
      for (let h = 0; h < nh; h++) {
        const q = (recombinationFactor(model, dedx[h]!, medium) * dedx[h]! * trackPitch) / W_ION_MEV;
        electrons[h] = q * electrons[h]!;
      }
      if (cfg.diffusion) shareChargeInPlace(electrons, share, 0, nh, scratch);
      const gain = truth.gainAdcPerElectron;
      const noise = cfg.noise ? nominal.noiseElectrons : 0;
      for (let h = 0; h < nh; h++) {
        const q = noise > 0 ? electrons[h]! + normal(rng, 0, noise) : electrons[h]!;
        hits.chargeAdc[base + h] = q * gain;
      }
      hits.n += nh;
    }

    if (flags & TrackClass.MICHEL) {
      const end = g.exit;
      const tpc = tpcAt(module, end);
      if (tpc !== undefined) {
        const truth = truths[tpc.id]!;
        const eVis = visibleMichelEnergyMeV(rng, sampleMichelEnergyMeV(rng, cfg.michel.rho), cfg.michel);
        const driftUs = (10 * Math.max(0, -tpc.driftSign * (end.x - tpc.anodeXCm))) / truth.vdMmPerUs;
        const q = ((eVis * michelR[tpc.id]!) / W_ION_MEV) * Math.exp(-driftUs / (1000 * lifetimeAtHeightMs(truth, end.y)));
        mTrack.push(ti);
        mTpc.push(tpc.id);
        mTime.push(driftUs + truth.t0OffsetUs);
        mY.push(end.y);
        mCharge.push((cfg.noise ? q + normal(rng, 0, nominal.noiseElectrons) : q) * truth.gainAdcPerElectron);
      }
    }
  }

  const tracks: TrackTable = {
    count: nTracks,
    flags: tFlags.slice(0, nTracks),
    timeS: tTime.slice(0, nTracks),
    lengthCm: tLength.slice(0, nTracks),
    cosZenith: tCos.slice(0, nTracks),
  };
  const segments: SegmentTable = {
    count: nSeg,
    track: seg.track.slice(0, nSeg),
    tpc: seg.tpc.slice(0, nSeg),
    startPathCm: seg.startPathCm.slice(0, nSeg),
    endPathCm: seg.endPathCm.slice(0, nSeg),
    startKind: seg.startKind.slice(0, nSeg),
    endKind: seg.endKind.slice(0, nSeg),
    firstHit: seg.firstHit.slice(0, nSeg),
    hitCount: seg.hitCount.slice(0, nSeg),
  };
  const michel: MichelTable = {
    count: mTrack.length,
    track: Int32Array.from(mTrack),
    tpc: Uint8Array.from(mTpc),
    timeUs: Float64Array.from(mTime),
    yCm: Float32Array.from(mY),
    chargeAdc: Float32Array.from(mCharge),
  };
  return {
    sample: {
      days: cfg.days,
      depthKmwe: cfg.flux.depthKmwe,
      module: module.config,
      response: nominal,
      wirePitchCm: wireCm,
      maxTrackPitchCm: cfg.maxTrackPitchCm,
      tracks,
      segments,
      hits: hits.table(),
      michel,
    },
    truth: { tpcs: truths, expectedMuonsPerDay: flux.ratePerDay, generatedMuons: n, michelDedxMeVPerCm: MICHEL_DEDX_MEV_PER_CM },
  };
}
