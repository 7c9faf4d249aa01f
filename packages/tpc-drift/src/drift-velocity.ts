import { OutOfRangeError } from '@nucal/core';

/**
 * Validity of {@link driftVelocityMmPerUs}: the LArSoft implementation warns outside
 * 87-94 K and above 4 kV/cm (W. Walkowiak's data reach 4 kV/cm at 87-94 K).
 */
export const DRIFT_VELOCITY_VALIDITY = Object.freeze({
  fieldKvPerCm: Object.freeze({ min: 0, max: 4 }),
  temperatureK: Object.freeze({ min: 87, max: 94 }),
});

// ICARUS fit (S. Amoruso et al., NIM A 516 (2004) 68), the default for fields below 0.619 kV/cm.
const P1 = -0.0464; // 1/K
const P2 = 0.01712; // mm/us/K
const P3 = 1.88125; // mm/us/(kV/cm)
const P4 = 0.99408; // kV/cm
const P5 = 0.01172; // mm/us/(kV/cm)^P6
const P6 = 4.20214;
const T0 = 105.749; // K
// W. Walkowiak, NIM A 449 (2000) 288, used above 0.699 kV/cm. P2W is -0.0075 as in the
// paper and in LArSoft's current DetectorPropertiesStandard (some older copies flip its sign).
const P1W = -0.01481;
const P2W = -0.0075;
const P3W = 0.141;
const P4W = 12.4;
const P5W = 1.627;
const P6W = 0.317;
const T0W = 90.371;

/** Shared functional form of both fits: (P1 (T - T0) + 1)(P3 E ln(1 + P4/E) + P5 E^P6) + P2 (T - T0). */
function form(e: number, t: number, p1: number, p2: number, p3: number, p4: number, p5: number, p6: number, t0: number): number {
  return (p1 * (t - t0) + 1) * (p3 * e * Math.log(1 + p4 / e) + p5 * Math.pow(e, p6)) + p2 * (t - t0);
}

/**
 * Electron drift velocity in liquid argon (mm/us) versus field and temperature, exactly as
 * LArSoft's `DetectorPropertiesStandard::DriftVelocity` (the default, non-"ICARUS+MicroBooNE"
 * branch):
 * - below E_lin(T) = 0.0938163 - 0.0052563 dT - 0.000147 dT^2 (dT = T - 87.203 K): linear,
 *   v = E u(T) with u = 5.18406 + 0.01448 dT - 0.003497 dT^2 - 0.000516 dT^3 mm/us/(kV/cm);
 * - E_lin .. 0.619 kV/cm: the ICARUS fit (Amoruso et al., NIM A 516 (2004) 68);
 * - 0.619 .. 0.699 kV/cm: linear blend of ICARUS and Walkowiak;
 * - above 0.699 kV/cm: Walkowiak (NIM A 449 (2000) 288).
 * The transitions are due to C. Thorne (in LArSoft, otherwise undocumented).
 *
 * Valid for 0 < E <= 4 kV/cm and 87 <= T <= 94 K; outside it throws {@link OutOfRangeError}
 * (LArSoft only warns). At the DUNE nominal 0.5 kV/cm and 87 K it gives 1.606 mm/us.
 *
 * @param fieldKvPerCm - drift field, kV/cm
 * @param temperatureK - liquid argon temperature, K
 * @example
 * driftVelocityMmPerUs(0.5, 87) // 1.6057
 */
export function driftVelocityMmPerUs(fieldKvPerCm: number, temperatureK: number): number {
  const { fieldKvPerCm: fr, temperatureK: tr } = DRIFT_VELOCITY_VALIDITY;
  if (!(fieldKvPerCm > fr.min && fieldKvPerCm <= fr.max)) {
    throw new OutOfRangeError(
      `drift field ${fieldKvPerCm} kV/cm is outside the validity of the Walkowiak/ICARUS drift-velocity parametrisation: expected ${fr.min} < E <= ${fr.max} kV/cm`,
    );
  }
  if (!(temperatureK >= tr.min && temperatureK <= tr.max)) {
    throw new OutOfRangeError(
      `LAr temperature ${temperatureK} K is outside the validity of the Walkowiak/ICARUS drift-velocity parametrisation: expected ${tr.min} <= T <= ${tr.max} K`,
    );
  }
  const e = fieldKvPerCm;
  const t = temperatureK;
  const dT = t - 87.203;
  const eLin = 0.0938163 - 0.0052563 * dT - 0.000147 * dT * dT;
  if (e < eLin) {
    const u = 5.18406 + 0.01448 * dT - 0.003497 * dT * dT - 0.000516 * dT * dT * dT;
    return e * u;
  }
  const icarus = (): number => form(e, t, P1, P2, P3, P4, P5, P6, T0);
  const walkowiak = (): number => form(e, t, P1W, P2W, P3W, P4W, P5W, P6W, T0W);
  if (e < 0.619) return icarus();
  if (e < 0.699) return 12.5 * (e - 0.619) * walkowiak() + 12.5 * (0.699 - e) * icarus();
  return walkowiak();
}
