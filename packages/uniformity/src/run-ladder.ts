import { runScenario, type RunScenarioOptions, type ScenarioResult } from './run-scenario.js';
import { SCENARIO_NAMES } from './scenarios.js';

/** Result of {@link runLadder}: every scenario's result and a compact table. */
export interface LadderResult {
  readonly scenarios: ScenarioResult[];
  /** One row per scenario: name, a, b, c, a_eff (value, error; percent) and bias (percent). */
  readonly table: { scenario: string; a: number; b: number; c: number; aEff: number; aEffError: number; biasPct: number }[];
  readonly seconds: number;
}

/**
 * Runs scenarios (default all, in ladder order) with the same options; truth maps are built
 * once per detector variant.
 *
 * @example const ladder = runLadder({ seed: 1, eventsPerEnergy: 200_000 }); ladder.table
 */
export function runLadder(options: RunScenarioOptions & { scenarios?: readonly string[]; onScenario?: (r: ScenarioResult) => void } = {}): LadderResult {
  const t0 = performance.now();
  const scenarios = (options.scenarios ?? SCENARIO_NAMES).map((name) => {
    const r = runScenario(name, options);
    options.onScenario?.(r);
    return r;
  });
  return {
    scenarios,
    table: scenarios.map((r) => ({ scenario: r.scenario, a: r.a.value, b: r.b.value, c: r.c.value, aEff: r.aEff.value, aEffError: r.aEff.error, biasPct: r.biasPct })),
    seconds: (performance.now() - t0) / 1000,
  };
}
