import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { ExperimentService } from '../experiment/experiment.service';
import type { ModelVersion } from '../model-version/model-version.entity';
import { ModelVersionRepository } from '../model-version/model-version.repository';
import type { RegistryRequest } from '../registry-request';
import { createRegistryServices, type RegistryDependencies } from '../services';
import type { EpochMetrics } from '../../../ml/training/trainer';
import type { TrainingJob } from '../training-job/training-job.entity';
import { TrainingJobRepository, type TrainingJobResult } from '../training-job/training-job.repository';
import type { TrainedArtifact } from './training-thread-protocol';

/** logMetrics takes at most this many points per call. */
const METRIC_BATCH = 1000;
const MAX_PARAM_CHARS = 500;

export interface ResultRegistration {
  /** Acts for the job's owner in the job's organization (see `openJobScope`). */
  request: RegistryRequest;
  deps: RegistryDependencies;
  /** The job as this run started it (RUNNING, its attempt). */
  job: TrainingJob;
  history: readonly EpochMetrics[];
  artifact: TrainedArtifact;
}

export interface RegisteredResult extends TrainingJobResult {
  /** The job as stored once SUCCEEDED. */
  job: TrainingJob;
}

/** Another attempt took the job over, or it ended otherwise, while this run was registering its result. */
export class JobNoLongerOursError extends Error {}

/**
 * Records a finished training as the registry's own objects, through the same services a client's calls use
 * (so the same checks apply): a run with the job's params and per-epoch metrics in the experiment
 * "<model> training", then a new version whose ONNX file goes through the upload check. The version becomes
 * READY in the transaction that makes the job SUCCEEDED: never one without the other. If anything fails after
 * the version was created, the version becomes INVALID and its file is removed, and the run is marked FAILED;
 * `JobNoLongerOursError` when the job was no longer this run's to succeed.
 */
export async function registerResult(registration: ResultRegistration): Promise<RegisteredResult> {
  const { request, deps, job, history, artifact } = registration;
  const { models, experiments, runs, metrics, versions, uploads } = createRegistryServices(request, deps);

  const model = await models.get(job.modelId);
  const experiment = await trainingExperiment(experiments, model.name);
  const run = await runs.create(experiment.id, runParams(job));
  let version: ModelVersion | undefined;
  let runFinished = false;
  try {
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
    await deps.artifacts.objectStore.putObject(
      deps.artifacts.bucket,
      version.artifactKey,
      Buffer.from(artifact.onnx),
      'application/octet-stream',
    );
    await new ModelVersionRepository(request.em()).setReferenceDistribution(
      version.id,
      artifact.referenceDistribution,
    );
    // The run is finished before the version becomes READY: READY is the last write, so a READY version always
    // has its whole record.
    await runs.finish(run.id, 'FINISHED');
    runFinished = true;
    const result = { versionId: version.id, runId: run.id };
    let succeeded: TrainingJob | undefined;
    await uploads.complete(version.id, {
      alsoInTransaction: async (em) => {
        succeeded = (await new TrainingJobRepository(em).succeed(job.id, job.attempt, result)) ?? undefined;
        if (!succeeded) throw new JobNoLongerOursError();
      },
    });
    // Set: complete() returned, so the transaction that made the job SUCCEEDED committed.
    return { ...result, job: succeeded! };
  } catch (error) {
    const reason = `training job ${job.id} could not register its result: ${(error as Error).message}`;
    if (version) {
      await uploads
        .invalidate(version, reason)
        .catch((e) => deps.logger.error({ err: e }, 'could not invalidate'));
    }
    if (!runFinished) {
      await runs
        .finish(run.id, 'FAILED')
        .catch((e) => deps.logger.error({ err: e }, 'could not mark the run FAILED'));
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
