/** Target finite-difference step of the second derivatives, in units of the parameter's error. */
export const HESSE_STEP_IN_SIGMA = 0.1;

/** Step control of {@link finiteDifferenceHessian}, per coordinate. */
export interface HessianSteps {
  /** First step tried (about 0.1 of the expected error). */
  readonly start: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  /**
   * Coordinates the function may be evaluated at (default unbounded). Where x is closer than
   * one step to a bound, the stencil's centre moves inside by that step: the Hessian is then
   * measured one step away from x (at a limit it cannot be centred on x).
   */
  readonly lower?: Float64Array;
  readonly upper?: Float64Array;
}

/** Result of {@link finiteDifferenceHessian}. */
export interface FiniteDifferenceHessian {
  /** Second-derivative matrix (symmetric). */
  matrix: Float64Array[];
  /** Steps used. */
  step: Float64Array;
}

/**
 * MINUIT's HESSE: second derivatives by central differences. Each diagonal step is iterated
 * (up to 3 cycles) towards 0.1 of the error sqrt(2 errorDef / d2f) it implies, so the truncation
 * error is small and the difference still well above rounding; off-diagonal elements use the
 * four points (±d_i, ±d_j); the diagonal is measured again with the final steps. Costs
 * about 2n(n+1) + 2n function calls.
 *
 * @example
 * const { matrix } = finiteDifferenceHessian(f, x, f(x), 0.5, { start, min, max });
 */
export function finiteDifferenceHessian(
  evaluate: (x: Float64Array) => number,
  x: Float64Array,
  f: number,
  errorDef: number,
  steps: HessianSteps,
): FiniteDifferenceHessian {
  const n = x.length;
  const lower = steps.lower;
  const upper = steps.upper;
  // Largest step that fits twice between the bounds, and the centre for a step d.
  const fitStep = (i: number, d: number): number => {
    const room = ((upper?.[i] ?? Infinity) - (lower?.[i] ?? -Infinity)) / 4;
    return Math.min(Math.max(d, steps.min[i] as number), steps.max[i] as number, room);
  };
  const centreOf = (i: number, d: number): number => {
    const xi = x[i] as number;
    return Math.min(Math.max(xi, (lower?.[i] ?? -Infinity) + d), (upper?.[i] ?? Infinity) - d);
  };
  const step = new Float64Array(n);
  const xs = Float64Array.from(x);
  for (let i = 0; i < n; i++) {
    let di = fitStep(i, steps.start[i] as number);
    for (let cycle = 0; cycle < 3; cycle++) {
      const c0 = centreOf(i, di);
      xs[i] = c0;
      const fc = c0 === x[i] ? f : evaluate(xs);
      xs[i] = c0 + di;
      const fp = evaluate(xs);
      xs[i] = c0 - di;
      const fm = evaluate(xs);
      xs[i] = x[i] as number;
      const c = (fp + fm - 2 * fc) / (di * di);
      if (!(c > 0) || !Number.isFinite(c)) break;
      const next = fitStep(i, HESSE_STEP_IN_SIGMA * Math.sqrt((2 * errorDef) / c));
      const stable = Math.abs(next - di) < 0.1 * di;
      di = next;
      if (stable) break;
    }
    step[i] = di;
  }
  const centre = Float64Array.from(x, (_, i) => centreOf(i, step[i] as number));
  const moved = centre.some((c, i) => c !== x[i]);
  const fc = moved ? evaluate(centre) : f;
  const hm = Array.from({ length: n }, () => new Float64Array(n));
  const at = (i: number, di: number, j: number, dj: number): number => {
    const ci = centre[i] as number;
    const cj = centre[j] as number;
    centre[i] = ci + di;
    centre[j] = (centre[j] as number) + dj;
    const v = evaluate(centre);
    centre[i] = ci;
    centre[j] = cj;
    return v;
  };
  for (let i = 0; i < n; i++) {
    const di = step[i] as number;
    (hm[i] as Float64Array)[i] = (at(i, di, i, 0) + at(i, -di, i, 0) - 2 * fc) / (di * di);
    for (let j = 0; j < i; j++) {
      const dj = step[j] as number;
      const hij = (at(i, di, j, dj) - at(i, di, j, -dj) - at(i, -di, j, dj) + at(i, -di, j, -dj)) / (4 * di * dj);
      (hm[i] as Float64Array)[j] = hij;
      (hm[j] as Float64Array)[i] = hij;
    }
  }
  return { matrix: hm, step };
}
