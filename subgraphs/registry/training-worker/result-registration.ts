import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import type { ArtifactStorage } from '../artifact/artifact-storage';
import { ExperimentService } from '../experiment/experiment.service';
import { ModelService } from '../model/model.service';
import { ModelVersion } from '../model-version/model-version.entity';
import { ModelVersionUploadService } from '../model-version/model-version-upload.service';
import { ModelVersionService } from '../model-version/model-version.service';
import type { RegistryRequest } from '../registry-request';
import { MetricService } from '../run/metric.service';
import { RunService } from '../run/run.service';
import type { EpochMetrics } from '../../../ml/training/trainer';
import type { TrainingJob } from '../training-job/training-job.entity';
import type { TrainedArtifact } from './training-outcome';

/** logMetrics takes at most this many points per call. */
const METRIC_BATCH = 1000;
const MAX_PARAM_CHARS = 500;

export interface RegisteredResult {
  versionId: string;
  runId: string;
}

/**
 * Records a finished training as the registry's own objects, through the same services a client's calls use
 * (so the same checks apply): a run with the job's params and per-epoch metrics in the experiment
 * "<model> training", then a new version whose ONNX file goes through the upload check. If anything fails
 * after the version was created, the version becomes INVALID and its file is removed, and the run is marked
 * FAILED. The version becomes READY in the transaction that makes the job SUCCEEDED (`onReady`): never one
 * without the other.
 */
export async function registerResult(
  request: RegistryRequest,
  artifacts: ArtifactStorage,
  logger: Logger,
  job: TrainingJob,
  history: readonly EpochMetrics[],
  artifact: TrainedArtifact,
  /** Runs in the transaction that makes the version READY (the job's own success); throwing undoes both. */
  onReady: (em: EntityManager, result: RegisteredResult) => Promise<void>,
): Promise<RegisteredResult> {
  const models = new ModelService(request, artifacts);
  const experiments = new ExperimentService(request);
  const runs = new RunService(request, experiments);
  const versions = new ModelVersionService(request, models, artifacts, runs);
  const uploads = new ModelVersionUploadService(request, versions, artifacts);

  const model = await models.get(job.modelId);
  const experiment = await trainingExperiment(experiments, model.name);
  const run = await runs.create(experiment.id, runParams(job));
  let version: ModelVersion | undefined;
  let runFinished = false;
  try {
    const metrics = new MetricService(request, runs);
    const points = history.flatMap(epochPoints);
    for (let i = 0; i < points.length; i += METRIC_BATCH)
      await metrics.log(run.id, points.slice(i, i + METRIC_BATCH));

    ({ version } = await versions.create(job.modelId, {
      format: 'ONNX',
      inputSchema: job.features,
      outputLabels: artifact.labels,
      metrics: artifact.metrics,
      runId: run.id,
    }));
    await artifacts.objectStore.putObject(
      artifacts.bucket,
      version.artifactKey,
      Buffer.from(artifact.onnx),
      'application/octet-stream',
    );
    await request
      .em()
      .nativeUpdate(
        ModelVersion,
        { id: version.id },
        { referenceDistribution: artifact.referenceDistribution },
      );
    // The run is finished before the version becomes READY: READY is the last write, so a READY version always
    // has its whole record.
    await runs.finish(run.id, 'FINISHED');
    runFinished = true;
    const result = { versionId: version.id, runId: run.id };
    await uploads.complete(version.id, { alsoInTransaction: (em) => onReady(em, result) });
    return result;
  } catch (error) {
    const reason = `training job ${job.id} could not register its result: ${(error as Error).message}`;
    if (version) {
      await uploads
        .invalidate(version, reason)
        .catch((e) => logger.error({ err: e }, 'could not invalidate'));
    }
    if (!runFinished) {
      await runs
        .finish(run.id, 'FAILED')
        .catch((e) => logger.error({ err: e }, 'could not mark the run FAILED'));
    }
    throw error;
  }
}

/** Runs of a model's training jobs gather in one experiment per model, created on first use. */
async function trainingExperiment(experiments: ExperimentService, modelName: string) {
  // Experiment names have the same 100-character limit as model names.
  const name = `${modelName.slice(0, 91)} training`;
  const existing = await experiments.findByName(name);
  if (existing) return existing;
  try {
    return await experiments.create({ name, description: `Runs of training jobs of model "${modelName}"` });
  } catch (error) {
    // Another job of the model created it first.
    const created = await experiments.findByName(name);
    if (created && (error instanceof UniqueConstraintViolationException || isConflict(error))) return created;
    throw error;
  }
}

const isConflict = (error: unknown) =>
  (error as { extensions?: { code?: string } }).extensions?.code === 'CONFLICT';

function runParams(job: TrainingJob): Record<string, string | number | boolean> {
  const hp = job.hyperparameters;
  const params: Record<string, string | number | boolean> = {
    trainingJobId: job.id,
    datasetId: job.datasetId,
    algorithm: job.algorithm,
    targetColumn: job.targetColumn,
    featureCount: job.features.length,
    epochs: hp.epochs,
    learningRate: hp.learningRate,
    batchSize: hp.batchSize,
    l2: hp.l2,
    validationSplit: hp.validationSplit,
    seed: hp.seed,
    earlyStoppingPatience: hp.earlyStoppingPatience,
  };
  if (job.algorithm === 'MLP_CLASSIFIER' || job.algorithm === 'MLP_REGRESSOR') {
    params.hiddenLayers = hp.hiddenLayers.join(',');
  }
  const features = job.features.map((f) => f.name).join(',');
  if (features.length <= MAX_PARAM_CHARS) params.features = features;
  return params;
}

function epochPoints(metrics: EpochMetrics) {
  const step = metrics.epoch;
  const points = [{ key: 'loss', value: metrics.loss, step }];
  if (metrics.validationLoss !== null)
    points.push({ key: 'validation_loss', value: metrics.validationLoss, step });
  if (metrics.accuracy !== null) points.push({ key: 'accuracy', value: metrics.accuracy, step });
  if (metrics.validationAccuracy !== null) {
    points.push({ key: 'validation_accuracy', value: metrics.validationAccuracy, step });
  }
  return points;
}
