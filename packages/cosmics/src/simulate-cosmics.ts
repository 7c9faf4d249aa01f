import type { RandomSource } from '@nucal/core';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { duneFdSpModule, tpcAt, trackThroughModule, type LArTpcModule, type TpcSegment, type TpcVolume, type TrackGeometry } from '@nucal/geometry';
import { LANDAU_MPV_STANDARD, landau, normal } from '@nucal/numeric';
import { W_ION_MEV, diffusionSigmaCm, larDensityGPerCm3, recombinationFactor, recombinationMinimumdEdxMeVPerCm } from '@nucal/tpc-drift';
import { betaGammaFromKineticEnergy, maxEnergyTransferMeV } from './bethe.js';
import { shareChargeInPlace, chargeSharingFraction } from './charge-sharing.js';
import type { CosmicSample, HitTable, MichelTable, SegmentTable, TrackTable } from './cosmic-sample.js';
import { SegmentEnd } from './cosmic-sample.js';
import { csdaRangeTable, type CsdaRangeTable } from './csda-range.js';
import { lifetimeAtHeightMs, resolveInject, type TpcTruth } from './inject.js';
import { landauXiMeV, mostProbableEnergyLossMeV } from './landau-mpv.js';
import { liquidArgon, type StoppingMaterial } from './lar-material.js';
import { sampleMichelEnergyMeV, visibleMichelEnergyMeV } from './michel.js';
import { generateMuons, muonFluxModel, type MuonFluxModel, type MuonSet } from './muon-generator.js';
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

/** Everything fixed for one simulated sample: configuration, detector, truth and the nominal response per TPC. */
interface SimulationSetup {
  readonly cfg: CosmicSimulationConfig;
  readonly module: LArTpcModule;
  readonly truths: readonly TpcTruth[];
  readonly material: StoppingMaterial;
  readonly range: CsdaRangeTable;
  /** Largest kinetic energy of the range table, MeV (above it a muon cannot stop in the detector). */
  readonly tableMaxMeV: number;
  readonly flux: MuonFluxModel;
  /** Collection wire pitch, cm, and the unit pitch direction (perpendicular to the wires in y-z). */
  readonly wireCm: number;
  readonly pitchY: number;
  readonly pitchZ: number;
  /** Per TPC: recombination medium, lowest dE/dx the recombination model accepts, Michel recombination factor. */
  readonly media: readonly { readonly fieldKvPerCm: number; readonly densityGPerCm3: number }[];
  readonly minDedx: readonly number[];
  readonly michelR: readonly number[];
}

/** Step 1: parses the configuration and resolves the detector, the injected truth and the nominal response per TPC. */
function simulationSetup(configInput: CosmicSimulationConfigInput): SimulationSetup {
  const parsed = CosmicSimulationConfigSchema.safeParse(configInput);
  if (!parsed.success) throw new ValidationError('invalid cosmic simulation configuration', formatZodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const module = duneFdSpModule(cfg.module);
  const nominal = cfg.response;
  const density = larDensityGPerCm3(nominal.temperatureK);
  const halfHeightCm = (module.active.yMax - module.active.yMin) / 2;
  const truths = resolveInject(cfg.inject, nominal, module.tpcs.length, halfHeightCm);
  const range = rangeTableFor(density);
  const plane = module.wirePlanes.find((p) => p.name === cfg.collectionPlane);
  if (!plane) {
    throw new ValidationError(`collection plane '${cfg.collectionPlane}' is not in the module: expected one of ${module.wirePlanes.map((p) => p.name).join(', ')}`);
  }
  const alpha = (plane.angleFromVerticalDeg * Math.PI) / 180;
  const media = truths.map((t) => ({ fieldKvPerCm: t.fieldKvPerCm, densityGPerCm3: density }));
  return {
    cfg,
    module,
    truths,
    material: liquidArgon({ densityGPerCm3: density }),
    range,
    tableMaxMeV: range.kineticEnergyMeV[range.kineticEnergyMeV.length - 1]!,
    flux: fluxFor(cfg, module),
    wireCm: plane.pitchMm / 10,
    // Pitch direction: perpendicular to the wires within the y-z plane.
    pitchY: -Math.sin(alpha),
    pitchZ: Math.cos(alpha),
    media,
    minDedx: media.map((m) => recombinationMinimumdEdxMeVPerCm(nominal.recombination, m) * 1.0001),
    michelR: media.map((m) => recombinationFactor(nominal.recombination, MICHEL_DEDX_MEV_PER_CM, m)),
  };
}

/** Growable tables of tracks, segments and Michel clusters (struct of arrays). */
class SampleTables {
  nTracks = 0;
  readonly tFlags: Uint8Array;
  readonly tTime: Float64Array;
  readonly tLength: Float32Array;
  readonly tCos: Float32Array;
  nSeg = 0;
  readonly seg;
  readonly hits: HitBuffer;
  readonly mTrack: number[] = [];
  readonly mTpc: number[] = [];
  readonly mTime: number[] = [];
  readonly mY: number[] = [];
  readonly mCharge: number[] = [];

  constructor(muons: number) {
    const n = muons;
    this.tFlags = new Uint8Array(n);
    this.tTime = new Float64Array(n);
    this.tLength = new Float32Array(n);
    this.tCos = new Float32Array(n);
    this.seg = {
      track: new Int32Array(4 * n),
      tpc: new Uint8Array(4 * n),
      startPathCm: new Float32Array(4 * n),
      endPathCm: new Float32Array(4 * n),
      startKind: new Uint8Array(4 * n),
      endKind: new Uint8Array(4 * n),
      firstHit: new Int32Array(4 * n),
      hitCount: new Int32Array(4 * n),
    };
    this.hits = new HitBuffer(Math.max(1024, n * 700));
  }

  tracks(): TrackTable {
    const n = this.nTracks;
    return { count: n, flags: this.tFlags.slice(0, n), timeS: this.tTime.slice(0, n), lengthCm: this.tLength.slice(0, n), cosZenith: this.tCos.slice(0, n) };
  }

  segments(): SegmentTable {
    const n = this.nSeg;
    const s = this.seg;
    return {
      count: n,
      track: s.track.slice(0, n),
      tpc: s.tpc.slice(0, n),
      startPathCm: s.startPathCm.slice(0, n),
      endPathCm: s.endPathCm.slice(0, n),
      startKind: s.startKind.slice(0, n),
      endKind: s.endKind.slice(0, n),
      firstHit: s.firstHit.slice(0, n),
      hitCount: s.hitCount.slice(0, n),
    };
  }

  michel(): MichelTable {
    return {
      count: this.mTrack.length,
      track: Int32Array.from(this.mTrack),
      tpc: Uint8Array.from(this.mTpc),
      timeUs: Float64Array.from(this.mTime),
      yCm: Float32Array.from(this.mY),
      chargeAdc: Float32Array.from(this.mCharge),
    };
  }
}

/** Per-hit working arrays of one segment, grown as needed. */
class HitScratch {
  dedx = new Float64Array(4096);
  electrons = new Float64Array(4096);
  share = new Float64Array(4096);
  scratch = new Float64Array(4096);

  ensure(n: number): void {
    if (n <= this.dedx.length) return;
    this.dedx = new Float64Array(2 * n);
    this.electrons = new Float64Array(2 * n);
    this.share = new Float64Array(2 * n);
    this.scratch = new Float64Array(2 * n);
  }
}

/** One muon's straight track through the module and what every segment's hits need of it. */
interface MuonTrack {
  readonly index: number;
  readonly kineticMeV: number;
  /** CSDA range, cm (Infinity above the range table). */
  readonly rangeCm: number;
  readonly origin: { readonly x: number; readonly y: number; readonly z: number };
  readonly geometry: TrackGeometry;
  /** Track length per collection wire, cm. */
  readonly trackPitchCm: number;
  readonly stopping: boolean;
  /** Fast through-going muon: beta gamma held at its entry value across the detector. */
  readonly constantBg: boolean;
  readonly betaGamma: number;
}

/**
 * Step 2: the track of muon `i` through the module (to the exit, or to where its CSDA range
 * ends), its classes and, for a stopping muon, whether it decays (one uniform draw). Null when
 * the line misses the active volume.
 */
function traceMuon(setup: SimulationSetup, muons: MuonSet, i: number, rng: RandomSource): { track: MuonTrack; flags: number } | null {
  const kinetic = muons.kineticEnergyMeV[i]!;
  const rangeCm = kinetic < setup.tableMaxMeV ? setup.range.rangeCm(kinetic) : Infinity;
  const origin = { x: muons.xCm[i]!, y: muons.yCm[i]!, z: muons.zCm[i]! };
  const direction = { x: muons.dx[i]!, y: muons.dy[i]!, z: muons.dz[i]! };
  const g = trackThroughModule(setup.module, Number.isFinite(rangeCm) ? { origin, direction, tMinCm: -1, tMaxCm: rangeCm } : { origin, direction });
  if (g === null || g.lengthCm <= 0) return null;
  let flags = classifyTrack(setup.module, g);
  if (flags & TrackClass.STOPPING && rng.uniform() < setup.cfg.michelFraction) flags |= TrackClass.MICHEL;
  const u = g.direction;
  const cosU = Math.abs(u.y * setup.pitchY + u.z * setup.pitchZ);
  const stopping = (flags & TrackClass.STOPPING) !== 0;
  return {
    flags,
    track: {
      index: i,
      kineticMeV: kinetic,
      rangeCm,
      origin,
      geometry: g,
      trackPitchCm: cosU > 0 ? setup.wireCm / cosU : Infinity,
      stopping,
      constantBg: !stopping && kinetic >= CONSTANT_BG_ABOVE_MEV,
      betaGamma: betaGammaFromKineticEnergy(kinetic),
    },
  };
}

/** Landau parameters of one layer: most probable loss, width xi, and the cap MPV + W_max, MeV. */
function layerLoss(material: StoppingMaterial, betaGamma: number, pitchCm: number): { mpv: number; xi: number; maxLoss: number } {
  const mpv = mostProbableEnergyLossMeV(material, betaGamma, pitchCm);
  return { mpv, xi: landauXiMeV(material, betaGamma, pitchCm), maxLoss: mpv + maxEnergyTransferMeV(betaGamma) };
}

/**
 * Step 3a: places the `nh` hits of one segment (wire, position, path, pitch, hit time with its
 * resolution) and draws each hit's deposit. Per hit, in this order: the Landau deposit around
 * the MPV for the pitch and the local beta gamma, then the time resolution. The tail is cut at
 * the MPV plus one maximal single collision W_max: the loss above the most probable value comes
 * from hard collisions, each at most W_max, and two of them are rare (probability ~ kappa^2,
 * kappa = xi / W_max). Not at W_max itself: near the stopping point W_max falls below the MPV of
 * the layer (W_max 1.1 MeV, MPV 1.6 MeV over 0.6 cm at 10 cm residual range) and that cap
 * flattened every deposit there, hiding the Bragg rise. Leaves dE/dx, the attenuation factor
 * and the diffusion sharing fraction of each hit in `work`.
 */
function placeHits(setup: SimulationSetup, muon: MuonTrack, s: TpcSegment, ti: number, nh: number, rng: RandomSource, hits: HitBuffer, work: HitScratch): void {
  const { cfg, material, range, wireCm, pitchY, pitchZ } = setup;
  const tpc = setup.module.tpcs[s.tpc]!;
  const truth = setup.truths[s.tpc]!;
  const trackPitch = muon.trackPitchCm;
  const u = muon.geometry.direction;
  const t0Path = muon.geometry.tEntryCm;
  const base = hits.n;
  let loss = muon.constantBg ? layerLoss(material, muon.betaGamma, trackPitch) : { mpv: 0, xi: 0, maxLoss: 0 };
  const vd = truth.vdMmPerUs;
  for (let h = 0; h < nh; h++) {
    const tPar = s.tStartCm + (h + 0.5) * trackPitch;
    const path = tPar - t0Path;
    let tKin = muon.kineticMeV;
    if (!muon.constantBg) {
      tKin = Number.isFinite(muon.rangeCm) ? range.kineticEnergyMeV_fromRangeCm(Math.max(0, muon.rangeCm - tPar)) : muon.kineticMeV;
      loss = layerLoss(material, Math.max(0.1, betaGammaFromKineticEnergy(tKin)), trackPitch);
    }
    let dE = landau(rng, loss.mpv - LANDAU_MPV_STANDARD * loss.xi, loss.xi);
    dE = Math.min(dE, loss.maxLoss, tKin > 0 ? tKin : dE);
    work.dedx[h] = Math.max(dE / trackPitch, setup.minDedx[s.tpc]!);
    const x = muon.origin.x + tPar * u.x;
    const y = muon.origin.y + tPar * u.y;
    const z = muon.origin.z + tPar * u.z;
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
    // The attenuation with the true drift time, applied after recombination.
    work.electrons[h] = Math.exp(-driftUs / (1000 * lifetimeAtHeightMs(truth, y)));
    work.share[h] = cfg.diffusion ? chargeSharingFraction(diffusionSigmaCm(cfg.response.transverseDiffusionCm2PerS, driftUs), wireCm) : 0;
  }
}

/**
 * Step 3b: the charge reaching each wire of the segment: recombination of each hit's dE/dx
 * (nominal model at the TPC's field), the attenuation factor from {@link placeHits}, then
 * transverse diffusion as nearest-neighbour sharing along the segment.
 */
function chargeAtWires(setup: SimulationSetup, tpc: number, trackPitchCm: number, nh: number, work: HitScratch): void {
  const medium = setup.media[tpc]!;
  const model = setup.cfg.response.recombination;
  for (let h = 0; h < nh; h++) {
    const q = (recombinationFactor(model, work.dedx[h]!, medium) * work.dedx[h]! * trackPitchCm) / W_ION_MEV;
    work.electrons[h] = q * work.electrons[h]!;
  }
  if (setup.cfg.diffusion) shareChargeInPlace(work.electrons, work.share, 0, nh, work.scratch);
}

/** Step 3c: electronics noise (one normal draw per hit when on) and the TPC's gain to ADC. */
function digitise(setup: SimulationSetup, tpc: number, nh: number, rng: RandomSource, hits: HitBuffer, work: HitScratch): void {
  const gain = setup.truths[tpc]!.gainAdcPerElectron;
  const noise = setup.cfg.noise ? setup.cfg.response.noiseElectrons : 0;
  const base = hits.n;
  for (let h = 0; h < nh; h++) {
    const q = noise > 0 ? work.electrons[h]! + normal(rng, 0, noise) : work.electrons[h]!;
    hits.chargeAdc[base + h] = q * gain;
  }
}

/** Step 3: one segment of a track in one TPC: its table row and, when the pitch allows, its hits. */
function simulateSegment(setup: SimulationSetup, muon: MuonTrack, sIdx: number, ti: number, rng: RandomSource, out: SampleTables, work: HitScratch): void {
  const g = muon.geometry;
  const s = g.segments[sIdx]!;
  const tpc = setup.module.tpcs[s.tpc]!;
  const k = out.nSeg++;
  const seg = out.seg;
  seg.track[k] = ti;
  seg.tpc[k] = s.tpc;
  seg.startPathCm[k] = s.tStartCm - g.tEntryCm;
  seg.endPathCm[k] = s.tEndCm - g.tEntryCm;
  seg.startKind[k] = endKind(tpc, s.start.x);
  seg.endKind[k] = muon.stopping && sIdx === g.segments.length - 1 && s.tEndCm >= g.tExitCm - 1e-9 ? SegmentEnd.STOP : endKind(tpc, s.end.x);
  const nh = muon.trackPitchCm <= setup.cfg.maxTrackPitchCm ? Math.floor(s.lengthCm / muon.trackPitchCm) : 0;
  seg.firstHit[k] = out.hits.n;
  seg.hitCount[k] = nh;
  if (nh === 0) return;
  work.ensure(nh);
  out.hits.ensure(nh);
  placeHits(setup, muon, s, ti, nh, rng, out.hits, work);
  chargeAtWires(setup, s.tpc, muon.trackPitchCm, nh, work);
  digitise(setup, s.tpc, nh, rng, out.hits, work);
  out.hits.n += nh;
}

/**
 * Step 4: the Michel electron of a decaying stopping muon, at the stopping point: true energy
 * from the Michel spectrum, visible energy from the detector model (both draws in that order),
 * MIP-like recombination, drift and attenuation, noise and gain.
 */
function simulateMichel(setup: SimulationSetup, end: { x: number; y: number; z: number }, ti: number, rng: RandomSource, out: SampleTables): void {
  const tpc = tpcAt(setup.module, end);
  if (tpc === undefined) return;
  const { cfg } = setup;
  const truth = setup.truths[tpc.id]!;
  const eVis = visibleMichelEnergyMeV(rng, sampleMichelEnergyMeV(rng, cfg.michel.rho), cfg.michel);
  const driftUs = (10 * Math.max(0, -tpc.driftSign * (end.x - tpc.anodeXCm))) / truth.vdMmPerUs;
  const q = ((eVis * setup.michelR[tpc.id]!) / W_ION_MEV) * Math.exp(-driftUs / (1000 * lifetimeAtHeightMs(truth, end.y)));
  out.mTrack.push(ti);
  out.mTpc.push(tpc.id);
  out.mTime.push(driftUs + truth.t0OffsetUs);
  out.mY.push(end.y);
  out.mCharge.push((cfg.noise ? q + normal(rng, 0, cfg.response.noiseElectrons) : q) * truth.gainAdcPerElectron);
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
 * Steps: {@link simulationSetup}; the muons ({@link generateMuons}); per muon {@link traceMuon},
 * per segment {@link simulateSegment} ({@link placeHits}, {@link chargeAtWires},
 * {@link digitise}), and {@link simulateMichel}. All draw from `rng` in that order.
 *
 * @example
 * const { sample, truth } = simulateCosmics({ days: 1, inject: { tpcs: { '0': { lifetimeMs: 6 } } } }, createRng(7));
 * sample.tracks.count // ~ 4250
 */
export function simulateCosmics(configInput: CosmicSimulationConfigInput, rng: RandomSource): CosmicSimulation {
  const setup = simulationSetup(configInput);
  const { cfg, module } = setup;
  const muons = generateMuons({ days: cfg.days, rng, model: setup.flux });
  const out = new SampleTables(muons.count);
  const work = new HitScratch();
  for (let i = 0; i < muons.count; i++) {
    const traced = traceMuon(setup, muons, i, rng);
    if (traced === null) continue;
    const { track, flags } = traced;
    const ti = out.nTracks++;
    out.tFlags[ti] = flags;
    out.tTime[ti] = muons.timeS[i]!;
    out.tLength[ti] = track.geometry.lengthCm;
    out.tCos[ti] = -muons.dy[i]!;
    for (let sIdx = 0; sIdx < track.geometry.segments.length; sIdx++) simulateSegment(setup, track, sIdx, ti, rng, out, work);
    if (flags & TrackClass.MICHEL) simulateMichel(setup, track.geometry.exit, ti, rng, out);
  }
  return {
    sample: {
      days: cfg.days,
      depthKmwe: cfg.flux.depthKmwe,
      module: module.config,
      response: cfg.response,
      wirePitchCm: setup.wireCm,
      maxTrackPitchCm: cfg.maxTrackPitchCm,
      tracks: out.tracks(),
      segments: out.segments(),
      hits: out.hits.table(),
      michel: out.michel(),
    },
    truth: { tpcs: setup.truths, expectedMuonsPerDay: setup.flux.ratePerDay, generatedMuons: muons.count, michelDedxMeVPerCm: MICHEL_DEDX_MEV_PER_CM },
  };
}
