/**
 * @nucal/geometry — detector shapes: the single-phase LArTPC module (DUNE far detector) and
 * the liquid-scintillator central detector (JUNO-like) with its source-deployment systems.
 */
// points, directions and boxes (cm)
export type { PointCm, Vec3 } from './point.js';
export { unitVector, pointAlong } from './point.js';
export type { BoxCm, BoxFace, LineBoxHit } from './box.js';
export { boxContains, lineBoxIntersection } from './box.js';
// LArTPC module: configuration and layout
export {
  LArTpcModuleConfigSchema,
  WirePlaneConfigSchema,
  DUNE_WIRE_PLANES,
  type LArTpcModuleConfig,
  type LArTpcModuleConfigInput,
  type WirePlaneConfig,
} from './lartpc-config.js';
export type { ApaModule, DriftPlane, DriftPlaneKind, LArTpcModule, TpcVolume } from './lartpc-module.js';
export { duneFdSpModule } from './lartpc-module.js';
// LArTPC lookups: which TPC or APA a point is in, drift distance
export { tpcAt, tpcIndexAt, apaAt, driftDistanceCm, xAtDriftDistanceCm } from './lartpc-lookup.js';
// straight tracks through the module
export type { StraightTrack, TpcSegment, PlaneCrossing, TrackGeometry } from './lartpc-track.js';
export { trackThroughModule } from './lartpc-track.js';
// LS central detector: spheres, PMT layout, equal-volume coordinates, deployment systems
export { LsDetectorConfigSchema, lsDetector, type LsDetector, type LsDetectorConfig, type LsDetectorConfigInput } from './ls-detector.js';
export { fibonacciCap, type SpherePoints } from './sphere-layout.js';
export { toEqualVolume, fromEqualVolume } from './equal-volume.js';
export { acuPoints, gtPoints, fixedDeploymentSystems, type CalibrationPoint, type DeploymentSystem } from './deployment-systems.js';
// CLS (cable loop system) and ROV: reachable regions and point sets; travel paths of every system
export { ClsConfigSchema, type ClsConfig, type ClsConfigInput } from './cls-config.js';
export { clsReachable, clsCableStatics, clsAnchorCm, type ClsCableStatics, type HalfPlanePoint } from './cls-reach.js';
export { clsReachableRegion } from './cls-region.js';
export { clsTemplatePoints } from './cls-template.js';
export { clsSystem, type ClsPoint, type ClsDeploymentSystem } from './cls-system.js';
export { RovConfigSchema, rovSystem, type RovConfig, type RovConfigInput } from './rov-system.js';
export { deploymentPathM, orderForTravel } from './deployment-path.js';
