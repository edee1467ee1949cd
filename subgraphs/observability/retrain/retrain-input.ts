import type { DriftPolicy } from '../drift-policy/drift-policy.entity';
import type { DriftReport } from '../drift/drift-report.entity';
import type { PlatformClient } from '../drift/platform-client';

/**
 * startTrainingJob's input for a retrain: the drifted version's training job's target, features, algorithm and
 * hyperparameters, on the policy's dataset if it names one, else on the same dataset. A version that was uploaded
 * has no such job, so there is nothing to retrain it with: the reason instead.
 */
export async function retrainInput(
  platform: PlatformClient,
  report: DriftReport,
  policy: DriftPolicy,
): Promise<{ input: Record<string, unknown>; datasetId: string } | { reason: string }> {
  const version = await platform.version(report.versionId);
  const job = await platform.trainingJobOf(version);
  if (!job)
    return {
      reason: `Version ${version.version} was uploaded, not trained: there is no training job to take the target column, features and algorithm from`,
    };
  const datasetId = policy.retrainDatasetId ?? job.dataset.id;
  return {
    datasetId,
    input: {
      modelId: report.modelId,
      datasetId,
      targetColumn: job.targetColumn,
      featureColumns: job.featureColumns,
      algorithm: job.algorithm,
      hyperparameters: job.hyperparameters,
    },
  };
}
