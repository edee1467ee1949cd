/** The metrics a training job records on its version, higher better: accuracy (classifiers) or R² (regressors). */
const METRICS = ['validationAccuracy', 'validationR2'] as const;

export interface MetricComparison {
  better: boolean;
  reason: string;
}

/**
 * Whether the retrained version's validation metric is at least the deployed one's. A deployed version without
 * the same metric (uploaded, or trained without validation rows) cannot be compared, so nothing is deployed.
 */
export function validationMetric(
  retrained: Record<string, number> | null,
  deployed: Record<string, number> | null,
): MetricComparison {
  const name = METRICS.find((m) => typeof retrained?.[m] === 'number');
  if (!name) return { better: false, reason: 'the retrained version has no validation metric' };
  const next = retrained![name];
  const now = deployed?.[name];
  if (typeof now !== 'number')
    return { better: false, reason: `the deployed version has no ${name} to compare ${next} with` };
  return next >= now
    ? { better: true, reason: `${name} ${next} ≥ ${now} of the deployed version` }
    : { better: false, reason: `${name} ${next} < ${now} of the deployed version` };
}
