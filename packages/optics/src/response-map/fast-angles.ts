/**
 * acos to within 2e-8 rad (Abramowitz & Stegun 4.4.46: sqrt(1 - x) times a degree-7
 * polynomial on [0, 1], reflected for x < 0): the map lookup's theta index without Math.acos.
 *
 * @example Math.abs(fastAcos(0.3) - Math.acos(0.3)) < 2e-8 // true
 */
export function fastAcos(x: number): number {
  const a = x < 0 ? -x : x;
  const p =
    1.570796305 +
    a * (-0.2145988016 + a * (0.0889789874 + a * (-0.0501743046 + a * (0.030891881 + a * (-0.0170881256 + a * (0.0066700901 + a * -0.0012624911))))));
  const r = Math.sqrt(1 - a) * p;
  return x < 0 ? Math.PI - r : r;
}

/**
 * atan2 to within 2e-4 rad (a polynomial on one octant), cheaper than Math.atan2: enough to
 * pick a phi bin or a phi node fraction of a degrees-wide step.
 *
 * @example Math.abs(fastAtan2(1, -2) - Math.atan2(1, -2)) < 2e-4 // true
 */
export function fastAtan2(y: number, x: number): number {
  const ax = Math.abs(x);
  const ay = Math.abs(y);
  const mx = ax > ay ? ax : ay;
  if (mx === 0) return 0;
  const a = (ax > ay ? ay : ax) / mx;
  const s = a * a;
  let r = ((-0.0464964749 * s + 0.15931422) * s - 0.327622764) * s * a + a;
  if (ay > ax) r = Math.PI / 2 - r;
  if (x < 0) r = Math.PI - r;
  return y < 0 ? -r : r;
}
