/** Where plugins report; apps decide what is printed. */
export interface Logger {
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
}

/** A logger that prints nothing, for libraries and tests. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {} };

/** Progress of a long loop; apps map it to a progress bar. */
export interface Progress {
  start(total: number, label: string): void;
  advance(by?: number): void;
  stop(): void;
}

/** A progress reporter that shows nothing. */
export const silentProgress: Progress = { start() {}, advance() {}, stop() {} };
