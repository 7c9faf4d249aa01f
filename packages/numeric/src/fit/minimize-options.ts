/** Options of {@link minimize}. */
export interface MinimizeOptions<P extends string = string> {
  /** Function change that defines one standard error: 1 for chi2 (default), 0.5 for -ln L. */
  errorDef?: number;
  /** Convergence: stop when edm < 0.002 · tolerance · errorDef (MINUIT's rule). Default 0.1. */
  tolerance?: number;
  /** Maximum function calls (default 500 + 200 n + 10 n², n = free parameters). */
  maxCalls?: number;
  /** Number of data points; when given, ndof = nData - nFree. */
  nData?: number;
  /**
   * MINUIT's strategy, how hard to try: 0, 1 (default) or 2. It sets how many times MIGRAD may
   * resume from a fresh HESSE matrix (made positive definite) after its line search failed or
   * the Hessian at its minimum was not positive definite (1, 2, 3), and how many evaluations a
   * gradient component may take to adapt its step to the curvature (1, 3, 5).
   */
  strategy?: 0 | 1 | 2;
  /**
   * MINOS errors after the fit, in `FitResult.minos`: `true` for every free parameter, or the
   * names of some. Run only when the fit is valid (see {@link minos}).
   */
  minos?: boolean | readonly P[];
}
