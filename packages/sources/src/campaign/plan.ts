/**
 * The planner of calibration campaigns: which system deploys which source where, and how long
 * it takes (travel at ~1 m/min, data taking at the source rate).
 */
import { ValidationError, formatZodIssues } from '@nucal/core';
import {
  clsSystem,
  clsTemplatePoints,
  deploymentPathM,
  fixedDeploymentSystems,
  lsDetector,
  orderForTravel,
  rovSystem,
  type CalibrationPoint,
  type DeploymentSystem,
  type LsDetector,
} from '@nucal/geometry';
import { createRng } from '@nucal/numeric';
import { getSource, totalGammaEnergyMeV } from '../catalogue.js';
import { CampaignSchema, type Campaign, type CampaignInput, type CampaignRow, type CampaignSource } from './campaign-schema.js';
import type { CampaignPlan, CampaignPlanRow } from './plan-schema.js';
import { representativePoints } from './representative.js';

/** Laser pulse rate when a row does not give one, Hz. */
export const LASER_PULSE_RATE_HZ = 100;
const MINUTES_PER_DAY = 1440;

/**
 * A campaign checked against {@link CampaignSchema}.
 * @throws ValidationError naming every bad field, e.g. `campaign is invalid: rows.0.system: Invalid option ...`
 * @example parseCampaign(JSON.parse(text))
 */
export function parseCampaign(input: unknown): Campaign {
  const r = CampaignSchema.safeParse(input);
  if (!r.success) throw new ValidationError('campaign is invalid', formatZodIssues(r.error.issues));
  return r.data;
}

const bad = (row: number, field: string, message: string) => new ValidationError(`campaign is invalid: rows.${row}.${field}: ${message}`);
const toPoint = (rCm: number, thetaRad: number): CalibrationPoint => ({ rCm, thetaRad, zCm: rCm * Math.cos(thetaRad) });

/** The deployment systems of a campaign, built once and only when a row needs them. */
class Systems {
  private template?: CalibrationPoint[];
  private cached = new Map<string, DeploymentSystem>();
  constructor(
    private readonly detector: LsDetector,
    private readonly campaign: Campaign,
  ) {}

  private templatePoints(): CalibrationPoint[] {
    this.template ??= clsTemplatePoints(this.detector, createRng(this.campaign.cls.templateSeed));
    return this.template;
  }

  get(name: CampaignRow['system']): DeploymentSystem {
    let s = this.cached.get(name);
    if (!s) {
      const cls = this.campaign.cls.config;
      if (name === 'ACU' || name === 'GT') s = fixedDeploymentSystems(this.detector).find((x) => x.name === name)!;
      else if (name === 'CLS') s = clsSystem(this.detector, cls.anchorsDeg, this.templatePoints(), cls);
      else s = rovSystem(this.detector, this.templatePoints());
      this.cached.set(name, s);
    }
    return s;
  }

  /** The row's points, checked against what its system can reach. */
  resolve(row: CampaignRow, i: number): CalibrationPoint[] {
    const system = this.get(row.system);
    const spec = row.points;
    if (spec === 'all') return [...system.points];
    if (typeof spec === 'object' && !Array.isArray(spec)) {
      if (spec.representative > system.points.length) {
        throw bad(i, 'points.representative', `${spec.representative} points asked, the ${row.system} has ${system.points.length}`);
      }
      return representativePoints(system.points, spec.representative);
    }
    const wanted = spec === 'centre' ? [toPoint(0, 0)] : spec.map((p) => ('zCm' in p ? toPoint(Math.abs(p.zCm), p.zCm >= 0 ? 0 : Math.PI) : toPoint(p.rCm, p.thetaRad)));
    const r = this.detector.lsRadiusCm;
    const name = (k: number) => (spec === 'centre' ? 'points' : `points.${k}`);
    switch (row.system) {
      case 'ACU':
        wanted.forEach((p, k) => {
          if (Math.abs(p.rCm * Math.sin(p.thetaRad)) > 0.5 || p.rCm > r) throw bad(i, name(k), `(r ${p.rCm} cm, theta ${p.thetaRad} rad) is not on the central axis inside the LS: the ACU moves along the axis`);
        });
        return wanted;
      case 'GT':
        wanted.forEach((p, k) => {
          if (!(p.rCm > r)) throw bad(i, name(k), `r ${p.rCm} cm is inside the LS: the guide tube runs outside the acrylic (r > ${r} cm)`);
        });
        return wanted;
      case 'CLS': {
        const cls = this.campaign.cls.config;
        const held = clsSystem(this.detector, cls.anchorsDeg, wanted, cls).points;
        if (held.length !== wanted.length) {
          const k = wanted.findIndex((p) => !held.some((h) => h.rCm === p.rCm && h.thetaRad === p.thetaRad));
          throw bad(i, name(k), `(r ${wanted[k]!.rCm} cm, theta ${wanted[k]!.thetaRad} rad) is out of the CLS's reach with anchors at ${cls.anchorsDeg.join(' and ')} deg`);
        }
        return [...held];
      }
      case 'ROV': {
        const held = rovSystem(this.detector, wanted).points;
        if (held.length !== wanted.length) {
          const k = wanted.findIndex((p) => !held.includes(p));
          throw bad(i, name(k), `r ${wanted[k]!.rCm} cm is out of the ROV's reach (too close to the acrylic)`);
        }
        return wanted;
      }
    }
  }
}

const deployedOf = (row: CampaignRow): CampaignSource => row.via ?? row.source;
const samePoints = (a: readonly CalibrationPoint[], b: readonly CalibrationPoint[]) =>
  a.length === b.length && a.every((p, k) => p.rCm === b[k]!.rCm && p.thetaRad === b[k]!.thetaRad);

/**
 * Plans a campaign: per row the points, the travel (path from parking through the points in a
 * short order and back, `deploymentPathM`, at `speedMPerMin`) and the data-taking time (points x
 * intensities x events / rate, the events given, from minutes, or from the wanted precision
 * sigma_E / (E sqrt(N)) with sigma_E / E = resolutionAt1MeV / sqrt(E)); then the totals and the
 * share of live time at the campaign's cadence. A row taken `via` the previous row's source
 * shares its deployment: no travel and only the data time beyond that row.
 *
 * @throws ValidationError naming the field (`rows.3.points.1: ...`) for a bad campaign
 * @example
 * const plan = planCampaign(builtinCampaign('weekly'));
 * plan.totalMin; plan.liveTimeShare;
 */
export function planCampaign(campaign: CampaignInput | Campaign, detector: LsDetector = lsDetector()): CampaignPlan {
  const c = parseCampaign(campaign);
  const systems = new Systems(detector, c);
  const rows: CampaignPlanRow[] = [];
  let deploymentDataMin = 0;
  let previous: { row: CampaignRow; points: CalibrationPoint[] } | undefined;
  c.rows.forEach((row, i) => {
    const points = systems.resolve(row, i);
    const laser = row.source === 'laser';
    const rateHz = row.rateHz ?? (laser ? LASER_PULSE_RATE_HZ : getSource(row.source).nominalRateHz);
    const energyMeV = laser ? null : totalGammaEnergyMeV(getSource(row.source).channels[0]!);
    const eventsPerPoint =
      row.eventsPerPoint ??
      (row.minutesPerPoint !== undefined ? row.minutesPerPoint * 60 * rateHz : Math.ceil((c.resolutionAt1MeV / Math.sqrt(energyMeV!) / row.precision!) ** 2));
    const ownDataMin = (points.length * row.intensities * eventsPerPoint) / rateHz / 60;
    let pathM: number;
    let dataMin: number;
    if (row.via !== undefined) {
      if (!previous || previous.row.system !== row.system || deployedOf(previous.row) !== row.via || !samePoints(previous.points, points)) {
        throw bad(i, 'via', `expected the previous row to deploy ${row.via} with the ${row.system} at the same points`);
      }
      pathM = 0;
      dataMin = Math.max(0, ownDataMin - deploymentDataMin);
      deploymentDataMin = Math.max(deploymentDataMin, ownDataMin);
    } else {
      const system = systems.get(row.system);
      pathM = deploymentPathM(orderForTravel({ ...system, points }, detector), detector);
      dataMin = ownDataMin;
      deploymentDataMin = ownDataMin;
    }
    const travelMin = pathM / c.speedMPerMin;
    rows.push({
      system: row.system,
      source: row.source,
      deployedSource: deployedOf(row),
      energyMeV,
      points: points.length,
      intensities: row.intensities,
      eventsPerPoint,
      rateHz,
      pathM,
      travelMin,
      dataMin,
      totalMin: travelMin + dataMin,
      sharedDeployment: row.via !== undefined,
    });
    previous = { row, points };
  });
  const travelMin = rows.reduce((s, r) => s + r.travelMin, 0);
  const dataMin = rows.reduce((s, r) => s + r.dataMin, 0);
  const totalMin = travelMin + dataMin;
  const periodMin = (c.cadence === 'weekly' ? 7 : 30) * MINUTES_PER_DAY;
  return { name: c.name, cadence: c.cadence, speedMPerMin: c.speedMPerMin, rows, travelMin, dataMin, totalMin, totalHours: totalMin / 60, periodMin, liveTimeShare: totalMin / periodMin };
}

