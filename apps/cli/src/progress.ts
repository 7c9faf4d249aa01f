import type { Progress } from '@nucal/core';
import cliProgress from 'cli-progress';

/** A cli-progress bar on stderr when it is a terminal; silent otherwise (CI logs, --json). */
export function terminalProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { start() {}, advance() {}, stop() {} };
  const bar = new cliProgress.SingleBar({ stream: process.stderr, format: '{label} [{bar}] {value}/{total} {eta_formatted}', hideCursor: true }, cliProgress.Presets.shades_classic);
  let running = false;
  return {
    start(total, label) {
      if (running) bar.stop();
      bar.start(total, 0, { label });
      running = true;
    },
    advance(by = 1) {
      if (running) bar.increment(by);
    },
    stop() {
      if (running) bar.stop();
      running = false;
    },
  };
}
