/**
 * @nucal/uniformity — position non-uniformity of the JUNO-like LS detector and the energy
 * resolution it leaves: the resolution model and its fit (a, b, c, a_eff), fast positron and
 * gamma toys on a response map, non-uniformity corrections g(r, theta, phi) measured from
 * events, gamma sources or finite calibration points, the scenario ladder, the
 * calibration-point optimiser and the `juno.uniformity` record and calibration plugin.
 */
// resolution model sigma/E = sqrt((a/sqrt(E))^2 + b^2 + (c/E)^2), a_eff and the fit of (a, b, c)
export { A_EFF_REFERENCE_MEV, sigmaOverEPercent, aEffective, type ResolutionTerms, type ValueError } from './resolution-model.js';
export { fitResolution, type ResolutionFit, type ResolutionPoints } from './resolution-fit.js';
// Gaussian peak fits (binned Poisson likelihood in a +-3 sigma window)
export { fitGaussianPeak, fitGaussianHistogram, histogramAroundPeak, type GaussianPeak, type UniformHistogram } from './gaussian-peak-fit.js';
