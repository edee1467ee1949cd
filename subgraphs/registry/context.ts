import type { RequestBase } from '../../lib/server/subgraph-server';
import type { DatasetService } from './dataset/dataset.service';
import type { ExperimentService } from './experiment/experiment.service';
import type { ModelService } from './model/model.service';
import type { MetricService } from './run/metric.service';
import type { RunService } from './run/run.service';
import type { TrainingJobService } from './training-job/training-job.service';
import type { ModelVersionStageService } from './model-version/model-version-stage.service';
import type { ModelVersionUploadService } from './model-version/model-version-upload.service';
import type { ModelVersionService } from './model-version/model-version.service';

/** What every registry resolver receives: the request plus services confined to the caller's organization. */
export interface RegistryContext extends RequestBase {
  models: ModelService;
  datasets: DatasetService;
  experiments: ExperimentService;
  runs: RunService;
  metrics: MetricService;
  versions: ModelVersionService;
  uploads: ModelVersionUploadService;
  stages: ModelVersionStageService;
  trainingJobs: TrainingJobService;
}
