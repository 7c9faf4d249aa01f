import type { RandomSource } from '@nucal/core';
import { ValidationError, formatZodIssues } from '@nucal/core';
import { duneFdSpModule, tpcAt, trackThroughModule, type LArTpcModule, type TpcSegment, type TpcVolume, type TrackGeometry } from '@nucal/geometry';
import { LANDAU_MPV_STANDARD, exponential, landau, normal, poisson } from '@nucal/numeric';
import {
  W_ION_MEV,
  diffusionSigmaCm,
  larDensityGPerCm3,
  longitudinalDiffusionSigmaUs,
  recombinationFactor,
  recombinationMinimumdEdxMeVPerCm,
  type ResponseModel,
} from '@nucal/tpc-drift';
import { ChannelState, channelStatus, type ChannelStatus } from './channel-status.js';
import type { HitCollection, ReadoutView } from './hit-collection.js';
import { HitWriter } from './hit-writer.js';
import { pitchDirection, readoutViews, wireCentreCm } from './readout-views.js';
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
import { spaceChargeDisplacement, spaceChargeOff } from './space-charge.js';

/**
 * What generated a simulated sample (closure code only): the resolved per-TPC truth, the
 * expected muon rate and the true tracks, segments, per-wire deposits and Michel electrons
 * (`sample`; event e of the hit collection is true track e).
 */
export interface CosmicTruth {
  readonly sample: CosmicSample;
  readonly tpcs: readonly TpcTruth[];
  readonly expectedMuonsPerDay: number;
  /** Muons generated on the box surface (including ones that only graze it). */
  readonly generatedMuons: number;
  /** Effective dE/dx assumed for the Michel electron's recombination, MeV/cm. */
  readonly michelDedxMeVPerCm: number;
}

/** A simulated run: the hit collection (what the detector records, the calibration's only input) and, beside it, the truth. */
export interface CosmicSimulation {
  readonly hits: HitCollection;
  readonly truth: CosmicTruth;
}

/** Electron showers from Michel electrons recombine roughly like a MIP track (a stated simplification). */
const MICHEL_DEDX_MEV_PER_CM = 2.1;
/** Mean muon decay time, us (the Michel electron's delay). */
const MUON_LIFETIME_US = 2.197;
/** Readout window around the full drift for random hits of noisy channels, us. */
const NOISE_WINDOW_MARGIN_US = 100;

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
  /** The generator's response: the nominal model with `cfg.generator`'s overrides (out-of-family tests). */
  readonly generator: ResponseModel;
  readonly views: readonly ReadoutView[];
  /** Index of the charge (collection) view in `views`. */
  readonly chargeView: number;
  readonly channels: ChannelStatus;
  /** Mean collected electrons per cm of a minimum-ionising muon per TPC (induction-view amplitudes). */
  readonly mipElectronsPerCm: readonly number[];
  /** Space charge on (`cfg.spaceCharge` non-zero). */
  readonly sce: boolean;
}

/** The wire of `view` nearest to wire `w`'s centre moved by (dy, dz), cm (clamped to the plane). */
function shiftedWire(view: ReadoutView, w: number, dy: number, dz: number): number {
  const d = pitchDirection(view);
  const k = w + Math.round((dy * d.y + dz * d.z) / view.pitchCm);
  return Math.min(view.wires - 1, Math.max(0, k));
}

/** Step 1: parses the configuration and resolves the detector, the injected truth and the nominal response per TPC. */
function simulationSetup(configInput: CosmicSimulationConfigInput, rng: RandomSource): SimulationSetup {
  const parsed = CosmicSimulationConfigSchema.safeParse(configInput);
  if (!parsed.success) throw new ValidationError('invalid cosmic simulation configuration', formatZodIssues(parsed.error.issues));
  const cfg = parsed.data;
  const module = duneFdSpModule(cfg.module);
  const nominal = cfg.response;
  const generator: ResponseModel = {
    ...nominal,
    ...(cfg.generator.recombination ? { recombination: cfg.generator.recombination } : {}),
    ...(cfg.generator.transverseDiffusionCm2PerS === undefined ? {} : { transverseDiffusionCm2PerS: cfg.generator.transverseDiffusionCm2PerS }),
    ...(cfg.generator.noiseElectrons === undefined ? {} : { noiseElectrons: cfg.generator.noiseElectrons }),
  };
  const density = larDensityGPerCm3(nominal.temperatureK);
  const halfHeightCm = (module.active.yMax - module.active.yMin) / 2;
  const truths = resolveInject(cfg.inject, nominal, module.tpcs.length, halfHeightCm);
  const range = rangeTableFor(density);
  const plane = module.wirePlanes.find((p) => p.name === cfg.collectionPlane);
  if (!plane) {
    throw new ValidationError(`collection plane '${cfg.collectionPlane}' is not in the module: expected one of ${module.wirePlanes.map((p) => p.name).join(', ')}`);
  }
  if (plane.role !== 'collection') throw new ValidationError(`plane '${plane.name}' is an induction plane: expected the collection plane as the charge view`);
  const viewNames = cfg.views.includes(plane.name) ? cfg.views : [plane.name, ...cfg.views];
  const views = readoutViews(module, viewNames);
  const chargeView = views.findIndex((v) => v.name === plane.name);
  const dir = pitchDirection(views[chargeView]!);
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
    pitchY: dir.y,
    pitchZ: dir.z,
    media,
    minDedx: media.map((m) => recombinationMinimumdEdxMeVPerCm(generator.recombination, m) * 1.0001),
    michelR: media.map((m) => recombinationFactor(generator.recombination, MICHEL_DEDX_MEV_PER_CM, m)),
    generator,
    views,
    chargeView,
    channels: channelStatus(module.tpcs.length, views, { dead: cfg.deadChannelFraction, noisy: cfg.noisyChannelFraction, gainSpread: cfg.channelGainSpread }, rng.fork('channels')),
    mipElectronsPerCm: media.map((m) => (recombinationFactor(generator.recombination, 2.1, m) * 2.1) / W_ION_MEV),
    sce: !spaceChargeOff(cfg.spaceCharge),
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
  drift = new Float64Array(4096);

  ensure(n: number): void {
    if (n <= this.dedx.length) return;
    this.drift = new Float64Array(2 * n);
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

/** The wires of one view whose centres a straight piece crosses: first wire, step (+-1), count, and where wire k sits along the path. */
interface WireCrossings {
  readonly count: number;
  readonly firstWire: number;
  readonly step: 1 | -1;
  /** Path parameter of the first crossing, cm, and the path between consecutive crossings (the track pitch), cm. */
  readonly tFirstCm: number;
  readonly trackPitchCm: number;
}

/**
 * The wire centres of `view` crossed between path parameters tA and tB of the line
 * origin + t u. None when the track pitch (wire pitch / |cos| to the pitch direction) exceeds
 * `maxTrackPitchCm` (tracks along the wires).
 */
function wireCrossings(view: ReadoutView, origin: { y: number; z: number }, u: { y: number; z: number }, tA: number, tB: number, maxTrackPitchCm: number): WireCrossings | null {
  const d = pitchDirection(view);
  const dc = u.y * d.y + u.z * d.z;
  if (!(Math.abs(dc) * maxTrackPitchCm >= view.pitchCm)) return null;
  const c0 = origin.y * d.y + origin.z * d.z;
  const fa = (c0 + tA * dc - view.cMinCm) / view.pitchCm - 0.5;
  const fb = (c0 + tB * dc - view.cMinCm) / view.pitchCm - 0.5;
  let first: number;
  let last: number;
  if (dc > 0) {
    first = Math.max(0, Math.ceil(fa));
    last = Math.min(view.wires - 1, Math.floor(fb));
  } else {
    first = Math.min(view.wires - 1, Math.floor(fa));
    last = Math.max(0, Math.ceil(fb));
  }
  const step: 1 | -1 = dc > 0 ? 1 : -1;
  const count = (last - first) * step + 1;
  if (count <= 0) return null;
  return { count, firstWire: first, step, tFirstCm: (wireCentreCm(view, first) - c0) / dc, trackPitchCm: view.pitchCm / Math.abs(dc) };
}

/** Electronics pulse width (rms) of a hit, us: shaping, the drift-time spread across the wire's piece of track, longitudinal diffusion. */
function pulseWidthUs(setup: SimulationSetup, dxPerWireCm: number, vd: number, driftUs: number): number {
  const shaping = setup.cfg.response.shapingTimeUs / 2;
  const spread = (10 * dxPerWireCm) / vd;
  const sl = setup.cfg.diffusion ? longitudinalDiffusionSigmaUs(setup.cfg.response.longitudinalDiffusionCm2PerS, driftUs, vd) : 0;
  return Math.sqrt(shaping * shaping + (spread * spread) / 12 + sl * sl);
}

/**
 * Step 3a: places the hits of one segment at the collection wires it crosses (wire, position,
 * path, pitch, hit time with its resolution) and draws each hit's deposit. Per hit, in this
 * order: the Landau deposit around the MPV for the pitch and the local beta gamma, then the
 * time resolution. The tail is cut at the MPV plus one maximal single collision W_max: the loss
 * above the most probable value comes from hard collisions, each at most W_max, and two of them
 * are rare (probability ~ kappa^2, kappa = xi / W_max). Not at W_max itself: near the stopping
 * point W_max falls below the MPV of the layer (W_max 1.1 MeV, MPV 1.6 MeV over 0.6 cm at 10 cm
 * residual range) and that cap flattened every deposit there, hiding the Bragg rise. Leaves
 * dE/dx, the attenuation factor, the diffusion sharing fraction and the drift time of each hit
 * in `work`.
 */
function placeHits(setup: SimulationSetup, muon: MuonTrack, s: TpcSegment, ti: number, wc: WireCrossings, rng: RandomSource, hits: HitBuffer, work: HitScratch): void {
  const { cfg, material, range, wireCm } = setup;
  const tpc = setup.module.tpcs[s.tpc]!;
  const truth = setup.truths[s.tpc]!;
  const trackPitch = wc.trackPitchCm;
  const u = muon.geometry.direction;
  const t0Path = muon.geometry.tEntryCm;
  const base = hits.n;
  let loss = muon.constantBg ? layerLoss(material, muon.betaGamma, trackPitch) : { mpv: 0, xi: 0, maxLoss: 0 };
  const vd = truth.vdMmPerUs;
  for (let h = 0; h < wc.count; h++) {
    const tPar = wc.tFirstCm + h * trackPitch;
    const path = tPar - t0Path;
    let tKin = muon.kineticMeV;
    if (!muon.constantBg) {
      tKin = Number.isFinite(muon.rangeCm) ? range.kineticEnergyMeV_fromRangeCm(Math.max(0, muon.rangeCm - tPar)) : muon.kineticMeV;
      loss = layerLoss(material, Math.max(0.1, betaGammaFromKineticEnergy(tKin)), trackPitch);
    }
    let dE = landau(rng, loss.mpv - LANDAU_MPV_STANDARD * loss.xi, loss.xi);
    dE = Math.min(dE, loss.maxLoss, tKin > 0 ? tKin : dE);
    work.dedx[h] = Math.max(dE / trackPitch, setup.minDedx[s.tpc]!);
    let x = muon.origin.x + tPar * u.x;
    const y = muon.origin.y + tPar * u.y;
    let wire = wc.firstWire + h * wc.step;
    if (setup.sce) {
      // Space charge: the ionisation arrives displaced; the hit is on the wire and at the time of the displaced point.
      const d = spaceChargeDisplacement(setup.cfg.spaceCharge, setup.module.active, tpc, { x, y, z: muon.origin.z + tPar * u.z });
      x += d.dx;
      wire = shiftedWire(setup.views[setup.chargeView]!, wire, d.dy, d.dz);
    }
    const driftCm = Math.max(0, -tpc.driftSign * (x - tpc.anodeXCm));
    const driftUs = (10 * driftCm) / vd;
    const j = base + h;
    hits.track[j] = ti;
    hits.tpc[j] = s.tpc;
    hits.channel[j] = wire;
    hits.pathCm[j] = path;
    hits.yCm[j] = y;
    hits.pitchCm[j] = trackPitch;
    hits.timeUs[j] = driftUs + truth.t0OffsetUs + (cfg.timeResolutionUs > 0 ? normal(rng, 0, cfg.timeResolutionUs) : 0);
    // The attenuation with the true drift time, applied after recombination.
    work.electrons[h] = Math.exp(-driftUs / (1000 * lifetimeAtHeightMs(truth, y)));
    work.share[h] = cfg.diffusion ? chargeSharingFraction(diffusionSigmaCm(setup.generator.transverseDiffusionCm2PerS, driftUs), wireCm) : 0;
    work.drift[h] = driftUs;
  }
}

/**
 * Step 3b: the charge reaching each wire of the segment: recombination of each hit's dE/dx
 * (the generator's model at the TPC's field), the attenuation factor from {@link placeHits},
 * then transverse diffusion as nearest-neighbour sharing along the segment.
 */
function chargeAtWires(setup: SimulationSetup, tpc: number, trackPitchCm: number, nh: number, work: HitScratch): void {
  const medium = setup.media[tpc]!;
  const model = setup.generator.recombination;
  for (let h = 0; h < nh; h++) {
    const q = (recombinationFactor(model, work.dedx[h]!, medium) * work.dedx[h]! * trackPitchCm) / W_ION_MEV;
    work.electrons[h] = q * work.electrons[h]!;
  }
  if (setup.cfg.diffusion) shareChargeInPlace(work.electrons, work.share, 0, nh, work.scratch);
}

/**
 * Step 3c: electronics noise (one normal draw per hit when on), the TPC's gain to ADC times the
 * channel's relative gain; the hits above threshold on live channels go to the hit collection.
 */
function digitise(setup: SimulationSetup, tpc: number, nh: number, rng: RandomSource, hits: HitBuffer, work: HitScratch, writer: HitWriter, dxPerWireCm: number): void {
  const gain = setup.truths[tpc]!.gainAdcPerElectron;
  const noise = setup.cfg.noise ? setup.generator.noiseElectrons : 0;
  const base = hits.n;
  const view = setup.chargeView;
  const k = tpc * setup.views.length + view;
  const state = setup.channels.state[k]!;
  const gains = setup.channels.gain[k];
  const tickUs = setup.cfg.response.tickUs;
  const vd = setup.truths[tpc]!.vdMmPerUs;
  for (let h = 0; h < nh; h++) {
    const q = noise > 0 ? work.electrons[h]! + normal(rng, 0, noise) : work.electrons[h]!;
    const w = hits.channel[base + h]!;
    const adc = q * gain * (gains ? gains[w]! : 1);
    hits.chargeAdc[base + h] = adc;
    if (state[w] === ChannelState.DEAD || q < setup.cfg.thresholdElectrons) continue;
    writer.push(tpc, view, w, hits.timeUs[base + h]! / tickUs, pulseWidthUs(setup, dxPerWireCm, vd, work.drift[h]!) / tickUs, adc);
  }
}

/**
 * Step 3d: the hits of the induction views: wire crossings as for the collection plane, time
 * with its resolution (one draw), and an amplitude from the mean charge of a minimum-ionising
 * track piece with attenuation plus noise (one draw). A stated simplification: induction
 * amplitudes are only used to find hits, never for calorimetry, so they carry no Landau
 * fluctuation, recombination change along the track or diffusion.
 */
function inductionHits(setup: SimulationSetup, muon: MuonTrack, s: TpcSegment, rng: RandomSource, writer: HitWriter): void {
  const { cfg } = setup;
  const tpc = setup.module.tpcs[s.tpc]!;
  const truth = setup.truths[s.tpc]!;
  const u = muon.geometry.direction;
  const o = muon.origin;
  const noise = cfg.noise ? setup.generator.noiseElectrons : 0;
  const tickUs = cfg.response.tickUs;
  for (let v = 0; v < setup.views.length; v++) {
    if (v === setup.chargeView) continue;
    const view = setup.views[v]!;
    // No pitch cut here: a track along the induction wires still induces a (long) pulse on the
    // wire it runs along; without a wire centre crossed, one hit on the nearest wire at mid-segment.
    const crossed = wireCrossings(view, o, u, s.tStartCm, s.tEndCm, Infinity);
    const pd = pitchDirection(view);
    const tMid = 0.5 * (s.tStartCm + s.tEndCm);
    const nearest = Math.min(view.wires - 1, Math.max(0, Math.round(((o.y + tMid * u.y) * pd.y + (o.z + tMid * u.z) * pd.z - view.cMinCm) / view.pitchCm - 0.5)));
    const wc: WireCrossings = crossed ?? { count: 1, firstWire: nearest, step: 1, tFirstCm: tMid, trackPitchCm: s.lengthCm };
    const k = s.tpc * setup.views.length + v;
    const state = setup.channels.state[k]!;
    const gains = setup.channels.gain[k];
    const dxPerWire = Math.abs(u.x) * Math.min(wc.trackPitchCm, s.lengthCm);
    const q0 = setup.mipElectronsPerCm[s.tpc]! * Math.min(wc.trackPitchCm, s.lengthCm);
    for (let h = 0; h < wc.count; h++) {
      const t = wc.tFirstCm + h * wc.trackPitchCm;
      let x = o.x + t * u.x;
      const y = o.y + t * u.y;
      let w = wc.firstWire + h * wc.step;
      if (setup.sce) {
        const d = spaceChargeDisplacement(cfg.spaceCharge, setup.module.active, tpc, { x, y, z: o.z + t * u.z });
        x += d.dx;
        w = shiftedWire(view, w, d.dy, d.dz);
      }
      const driftUs = (10 * Math.max(0, -tpc.driftSign * (x - tpc.anodeXCm))) / truth.vdMmPerUs;
      const time = driftUs + truth.t0OffsetUs + (cfg.timeResolutionUs > 0 ? normal(rng, 0, cfg.timeResolutionUs) : 0);
      const q = q0 * Math.exp(-driftUs / (1000 * lifetimeAtHeightMs(truth, y))) + (noise > 0 ? normal(rng, 0, noise) : 0);
      if (state[w] === ChannelState.DEAD || q < cfg.thresholdElectrons) continue;
      writer.push(s.tpc, v, w, time / tickUs, pulseWidthUs(setup, dxPerWire, truth.vdMmPerUs, driftUs) / tickUs, q * truth.gainAdcPerElectron * (gains ? gains[w]! : 1));
    }
  }
}

/** Step 3: one segment of a track in one TPC: its table row and, when the pitch allows, its hits in every view. */
function simulateSegment(setup: SimulationSetup, muon: MuonTrack, sIdx: number, ti: number, rng: RandomSource, out: SampleTables, work: HitScratch, writer: HitWriter): void {
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
  const wc = wireCrossings(setup.views[setup.chargeView]!, muon.origin, g.direction, s.tStartCm, s.tEndCm, setup.cfg.maxTrackPitchCm);
  const nh = wc ? wc.count : 0;
  seg.firstHit[k] = out.hits.n;
  seg.hitCount[k] = nh;
  if (wc) {
    work.ensure(nh);
    out.hits.ensure(nh);
    placeHits(setup, muon, s, ti, wc, rng, out.hits, work);
    chargeAtWires(setup, s.tpc, wc.trackPitchCm, nh, work);
    digitise(setup, s.tpc, nh, rng, out.hits, work, writer, Math.abs(g.direction.x) * wc.trackPitchCm);
    out.hits.n += nh;
  }
  inductionHits(setup, muon, s, rng, writer);
}

/**
 * Step 4: the Michel electron of a decaying stopping muon, at the stopping point: true energy
 * from the Michel spectrum, visible energy from the detector model (both draws in that order),
 * MIP-like recombination, drift and attenuation, noise and gain for the truth table; then its
 * collection-plane hits: a straight electron track of E_vis / (2.1 MeV/cm) (at least 1 cm) in an
 * isotropic direction (two draws), clipped to the TPC, delayed by the muon decay time (one
 * draw), its charge shared equally by the wires it crosses (one wire when it runs along them),
 * each with noise (one draw), threshold and dead channels.
 */
function simulateMichel(setup: SimulationSetup, end: { x: number; y: number; z: number }, ti: number, rng: RandomSource, out: SampleTables, writer: HitWriter): void {
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
  const noise = cfg.noise ? setup.generator.noiseElectrons : 0;
  out.mCharge.push((noise > 0 ? q + normal(rng, 0, noise) : q) * truth.gainAdcPerElectron);
  // The electron's hits.
  const cosT = 2 * rng.uniform() - 1;
  const phi = 2 * Math.PI * rng.uniform();
  const sinT = Math.sqrt(Math.max(0, 1 - cosT * cosT));
  const u = { x: sinT * Math.cos(phi), y: cosT, z: sinT * Math.sin(phi) };
  const delayUs = exponential(rng, MUON_LIFETIME_US);
  let length = Math.max(1, eVis / MICHEL_DEDX_MEV_PER_CM);
  // Clip to the TPC box (charge beyond it is lost or lands in another volume, not simulated).
  for (const [c, lo, hi] of [[u.x, tpc.box.xMin - end.x, tpc.box.xMax - end.x], [u.y, tpc.box.yMin - end.y, tpc.box.yMax - end.y], [u.z, tpc.box.zMin - end.z, tpc.box.zMax - end.z]] as const) {
    if (c > 0) length = Math.min(length, hi / c);
    else if (c < 0) length = Math.min(length, lo / c);
  }
  const view = setup.views[setup.chargeView]!;
  const wc = wireCrossings(view, end, u, 0, Math.max(0, length), Infinity);
  const d = pitchDirection(view);
  const nearest = Math.min(view.wires - 1, Math.max(0, Math.round((end.y * d.y + end.z * d.z - view.cMinCm) / view.pitchCm - 0.5)));
  const n = wc ? wc.count : 1;
  const k = tpc.id * setup.views.length + setup.chargeView;
  const state = setup.channels.state[k]!;
  const gains = setup.channels.gain[k];
  for (let h = 0; h < n; h++) {
    const t = wc ? wc.tFirstCm + h * wc.trackPitchCm : 0;
    const w = wc ? wc.firstWire + h * wc.step : nearest;
    const dDrift = (10 * -tpc.driftSign * (t * u.x)) / truth.vdMmPerUs;
    const time = driftUs + dDrift + delayUs + truth.t0OffsetUs + (cfg.timeResolutionUs > 0 ? normal(rng, 0, cfg.timeResolutionUs) : 0);
    const qh = q / n + (noise > 0 ? normal(rng, 0, noise) : 0);
    if (state[w] === ChannelState.DEAD || qh < cfg.thresholdElectrons) continue;
    writer.push(tpc.id, setup.chargeView, w, time / cfg.response.tickUs, cfg.response.shapingTimeUs / 2 / cfg.response.tickUs, qh * truth.gainAdcPerElectron * (gains ? gains[w]! : 1));
  }
}

/**
 * Step 5: random hits of noisy channels in one event: Poisson(noisy channels x mean hits per
 * channel) hits, each on a noisy channel (one draw), at a uniform time over the readout window
 * (one draw) with a charge above threshold (threshold + exponential of twice the noise, one draw).
 */
function noiseHits(setup: SimulationSetup, rng: RandomSource, writer: HitWriter): void {
  const { cfg } = setup;
  const noisy = setup.channels.noisy;
  if (noisy.wire.length === 0 || !(cfg.noisyHitsPerEvent > 0)) return;
  const n = poisson(rng, noisy.wire.length * cfg.noisyHitsPerEvent);
  const maxDriftUs = Math.max(...setup.truths.map((t) => (10 * setup.module.driftLengthCm) / t.vdMmPerUs));
  const tickUs = cfg.response.tickUs;
  for (let i = 0; i < n; i++) {
    const c = Math.min(noisy.wire.length - 1, Math.floor(rng.uniform() * noisy.wire.length));
    const time = -NOISE_WINDOW_MARGIN_US + rng.uniform() * (maxDriftUs + 2 * NOISE_WINDOW_MARGIN_US);
    const tpc = noisy.tpc[c]!;
    const q = cfg.thresholdElectrons + exponential(rng, 2 * Math.max(1, setup.generator.noiseElectrons));
    writer.push(tpc, noisy.view[c]!, noisy.wire[c]!, time / tickUs, cfg.response.shapingTimeUs / 2 / tickUs, q * setup.truths[tpc]!.gainAdcPerElectron);
  }
}

/**
 * Simulates `days` of cosmic muons in the module (PHYSICS.md 2.3) and writes what the detector
 * records: a {@link HitCollection} with one event per muon that enters the active volume.
 * Mei-Hime muons on the active-volume surface; straight tracks (multiple scattering neglected)
 * to the exit or, for muons whose CSDA range is shorter than the chord, to the stopping point;
 * one hit per wire centre crossed in every read-out view (collection X and induction U by
 * default) with a Landau energy deposit on the collection plane around the Landau-Vavilov most
 * probable value for the track pitch (width xi, capped at the MPV plus W_max and at the
 * remaining kinetic energy); recombination (the generator's model, nominal unless
 * `generator.recombination` says otherwise, per-TPC field); drift with the injected per-TPC vd
 * and t0 offset; lifetime attenuation with the injected lifetime and its height slope;
 * transverse diffusion as charge sharing between neighbouring wires; electronics noise; gain to
 * ADC with an optional per-channel spread; a threshold; dead channels (no hits) and noisy
 * channels (random hits). Stopping muons decay with probability `michelFraction` into a Michel
 * electron whose visible energy follows {@link visibleMichelEnergyMeV}.
 *
 * The truth (per-TPC constants, the true tracks, segments and per-wire deposits, the Michel
 * table) is returned beside the hits, for closure code only.
 *
 * Steps: {@link simulationSetup}; the muons ({@link generateMuons}); per muon {@link traceMuon},
 * per segment {@link simulateSegment} ({@link placeHits}, {@link chargeAtWires},
 * {@link digitise}, {@link inductionHits}), {@link simulateMichel} and {@link noiseHits}. All
 * draw from `rng` in that order; the channel map from `rng.fork('channels')`.
 *
 * @example
 * const { hits, truth } = simulateCosmics({ days: 1, inject: { tpcs: { '0': { lifetimeMs: 6 } } } }, createRng(7));
 * hits.events.count // ~ 4250
 */
export function simulateCosmics(configInput: CosmicSimulationConfigInput, rng: RandomSource): CosmicSimulation {
  const setup = simulationSetup(configInput, rng);
  const { cfg, module } = setup;
  const muons = generateMuons({ days: cfg.days, rng, model: setup.flux });
  const out = new SampleTables(muons.count);
  const work = new HitScratch();
  const writer = new HitWriter(muons.count * 400);
  for (let i = 0; i < muons.count; i++) {
    const traced = traceMuon(setup, muons, i, rng);
    if (traced === null) continue;
    const { track, flags } = traced;
    const ti = out.nTracks++;
    writer.beginEvent(muons.timeS[i]!);
    out.tFlags[ti] = flags;
    out.tTime[ti] = muons.timeS[i]!;
    out.tLength[ti] = track.geometry.lengthCm;
    out.tCos[ti] = -muons.dy[i]!;
    for (let sIdx = 0; sIdx < track.geometry.segments.length; sIdx++) simulateSegment(setup, track, sIdx, ti, rng, out, work, writer);
    if (flags & TrackClass.MICHEL) simulateMichel(setup, track.geometry.exit, ti, rng, out, writer);
    noiseHits(setup, rng, writer);
  }
  const sample: CosmicSample = {
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
  };
  const hits: HitCollection = {
    format: 'nucal.dune.hits',
    formatVersion: 1,
    liveDays: cfg.days,
    depthKmwe: cfg.flux.depthKmwe,
    module: module.config,
    response: cfg.response,
    tickUs: cfg.response.tickUs,
    views: setup.views.map((v) => ({ ...v })),
    events: writer.events(),
    hits: writer.rows(),
  };
  return {
    hits,
    truth: { sample, tpcs: setup.truths, expectedMuonsPerDay: setup.flux.ratePerDay, generatedMuons: muons.count, michelDedxMeVPerCm: MICHEL_DEDX_MEV_PER_CM },
  };
}
