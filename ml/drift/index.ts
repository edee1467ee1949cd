/**
 * Drift statistics, defined exactly as numpy and scipy define them (checked against scipy on the fixtures in
 * `fixtures/`): pure computation over numbers and strings, no I/O.
 */
export { quantileOfSorted, decileEdges, decileEdgesOfSorted, sortedCopy, DECILES } from './quantile';
export { numericPsi, numericPsiOfSorted, categoricalPsi, PSI_EPSILON, PSI_BINS } from './psi';
export {
  ksTwoSample,
  ksTwoSampleOfSorted,
  ksExactTwoSided,
  ksStatistic,
  KS_EXACT_MAX_N,
  type KsResult,
} from './ks-two-sample';
export { kolmogorovTwoSidedSf } from './kolmogorov-two-sided';
export { smirnovSf } from './smirnov';
export { chiSquareTest, chiSquareOfCounts, type ChiSquareResult } from './chi-square';
export { chiSquareSf, upperRegularizedGamma, logGamma } from './gamma';
export {
  featureDrift,
  type FeatureKind,
  type FeatureDriftResult,
  type DriftThresholds,
} from './feature-drift';
export { deterministicSample, DEFAULT_SAMPLE_SIZE, DEFAULT_SAMPLE_SEED } from './sample';
