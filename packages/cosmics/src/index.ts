/**
 * @nucal/cosmics — cosmic muons at depth for LArTPC calibration (PHYSICS.md 2.3).
 */
export {};
