import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Model as ModelMapper } from '../model/model.entity';
import type { ModelPage as ModelPageMapper } from '../model/model-page';
import type { Dataset as DatasetMapper } from '../dataset/dataset.entity';
import type { DatasetPage as DatasetPageMapper } from '../dataset/dataset.service';
import type { ReferenceSample as ReferenceSampleMapper } from '../dataset/csv-profiler';
import type { Experiment as ExperimentMapper } from '../experiment/experiment.entity';
import type { ExperimentPage as ExperimentPageMapper } from '../experiment/experiment.service';
import type { Run as RunMapper } from '../run/run.entity';
import type { RunPage as RunPageMapper } from '../run/run.service';
import type { MetricPointView as MetricPointViewMapper } from '../run/metric.service';
import type { ModelVersion as ModelVersionMapper } from '../model-version/model-version.entity';
import type { ModelVersionUpload as ModelVersionUploadMapper, ModelAliasView as ModelAliasViewMapper } from '../model-version/model-version.service';
import type { OnnxModelInfo as OnnxModelInfoMapper } from '../../../ml/onnx-reader/onnx-model-info';
import type { TrainingJobView as TrainingJobViewMapper } from '../training-job/training-job-snapshot';
import type { TrainingJobPage as TrainingJobPageMapper, TrainingJobEvent as TrainingJobEventMapper } from '../training-job/training-job.service';
import type { Hyperparameters as HyperparametersMapper } from '../../../ml/training/hyperparameters';
import type { RegistryContext } from '../context';
export type Maybe<T> = T | null | undefined;
export type InputMaybe<T> = T | null | undefined;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  DateTime: { input: Date | string; output: Date | string; }
  /** Any JSON value. */
  JSON: { input: unknown; output: unknown; }
  federation__FieldSet: { input: unknown; output: unknown; }
  link__Import: { input: unknown; output: unknown; }
  _FieldSet: { input: unknown; output: unknown; }
};

export type Algorithm =
  /** Least squares with L2 regularization (ridge). */
  | 'LINEAR_REGRESSION'
  /** Multinomial logistic regression (softmax over the classes). */
  | 'LOGISTIC_REGRESSION'
  /** A ReLU network with `hyperparameters.hiddenLayers` and a softmax output. */
  | 'MLP_CLASSIFIER'
  /** A ReLU network with `hyperparameters.hiddenLayers` and one linear output. */
  | 'MLP_REGRESSOR';

/**
 * A READY version's file in the `models` bucket: the copy of the upload that completion verified, under a key that
 * no URL can write, so its bytes never change.
 */
export type Artifact = {
  __typename?: 'Artifact';
  /**
   * A presigned GET URL, valid for `expiresInSeconds`: 1 to 3600 (a larger value is refused with BAD_USER_INPUT).
   * It stops working when the model is deleted.
   */
  downloadUrl: Scalars['String']['output'];
  /** `<organizationId>/<modelId>/<versionId>/<random>/model.onnx` */
  key: Scalars['String']['output'];
  /** Lower-case hex SHA-256 of the file. */
  sha256: Scalars['String']['output'];
  sizeBytes: Scalars['Int']['output'];
};


/**
 * A READY version's file in the `models` bucket: the copy of the upload that completion verified, under a key that
 * no URL can write, so its bytes never change.
 */
export type ArtifactDownloadUrlArgs = {
  expiresInSeconds?: InputMaybe<Scalars['Int']['input']>;
};

export type ArtifactFormat =
  | 'ONNX';

/** What profiling found in one column. */
export type ColumnSpec = {
  __typename?: 'ColumnSpec';
  /**
   * Distinct non-missing values (numbers compared as numbers), exact up to 10,000 (fewer in files of more than 50
   * columns); null means more than that.
   */
  distinctCount: Maybe<Scalars['Int']['output']>;
  max: Maybe<Scalars['Float']['output']>;
  mean: Maybe<Scalars['Float']['output']>;
  /** NUMBER columns only. */
  min: Maybe<Scalars['Float']['output']>;
  /** Empty values and the usual markers: NA, N/A, n/a, NaN, nan, NULL, null, None, <NA>, #N/A. */
  missingCount: Scalars['Int']['output'];
  /** From the header row, trimmed. */
  name: Scalars['String']['output'];
  /** NUMBER when every non-missing value is a finite decimal number, else CATEGORY. */
  type: FeatureType;
};

export type CreateDatasetInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
};

export type CreateExperimentInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  name: Scalars['String']['input'];
  /** At most 20 distinct tags of 1 to 50 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type CreateModelInput = {
  /** At most 2000 characters. */
  description?: InputMaybe<Scalars['String']['input']>;
  framework: Framework;
  name: Scalars['String']['input'];
  /** At most 20 distinct tags of 1 to 50 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
  taskType: TaskType;
};

export type CreateModelVersionInput = {
  format: ArtifactFormat;
  /** 1 to 10000 features with distinct names of 1 to 200 characters. */
  inputSchema: Array<FeatureSpecInput>;
  /** An object of up to 100 metric names (1 to 100 characters) to finite numbers. */
  metrics?: InputMaybe<Scalars['JSON']['input']>;
  /** Distinct class labels; must match the labels an ONNX classifier carries. */
  outputLabels?: InputMaybe<Array<Scalars['String']['input']>>;
  /** The run (experiment tracking) that produced the version. */
  runId?: InputMaybe<Scalars['ID']['input']>;
  /** At most 20 distinct tags of 1 to 50 characters. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/**
 * A CSV file of an organization, uploaded straight to S3 and profiled when the upload completes. Names are unique
 * within the organization.
 */
export type Dataset = {
  __typename?: 'Dataset';
  /** One per column of the header row, in file order; empty until READY. */
  columns: Array<ColumnSpec>;
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  /**
   * A presigned GET of the profiled CSV file, valid for `expiresInSeconds`: 1 to 3600 (a larger value is refused with
   * BAD_USER_INPUT); null unless the dataset is READY. It stops working when the dataset is deleted.
   */
  downloadUrl: Maybe<Scalars['String']['output']>;
  /** Why the dataset FAILED: what is wrong with the file, naming the line (and column). */
  error: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** 1 to 100 characters: letters, digits, space, `-`, `_` and `.`. */
  name: Scalars['String']['output'];
  organization: Organization;
  /** The user who created the dataset. */
  owner: User;
  /** When the file was last profiled (successfully or not). */
  profiledAt: Maybe<Scalars['DateTime']['output']>;
  /**
   * Up to 1,000 rows drawn uniformly at random while profiling: the reference distribution that drift detection
   * compares live inputs with. Null unless READY.
   */
  referenceSample: Maybe<DatasetSample>;
  /** Data rows, without the header row and blank lines; null until READY. */
  rowCount: Maybe<Scalars['Int']['output']>;
  /**
   * Lower-case hex SHA-256 of the profiled file, which training and drift detection check when they read it; null
   * until READY (and for datasets completed before hashes were recorded).
   */
  sha256: Maybe<Scalars['String']['output']>;
  /**
   * Size of the uploaded file in bytes (at most MAX_DATASET_UPLOAD_BYTES, 1 GiB by default); null until the upload is
   * completed, or when it was too large.
   */
  sizeBytes: Maybe<Scalars['Int']['output']>;
  status: DatasetStatus;
  updatedAt: Scalars['DateTime']['output'];
};


/**
 * A CSV file of an organization, uploaded straight to S3 and profiled when the upload completes. Names are unique
 * within the organization.
 */
export type DatasetDownloadUrlArgs = {
  expiresInSeconds?: InputMaybe<Scalars['Int']['input']>;
};

export type DatasetConnection = {
  __typename?: 'DatasetConnection';
  edges: Array<DatasetEdge>;
  pageInfo: PageInfo;
  /** How many datasets the organization has. */
  totalCount: Scalars['Int']['output'];
};

export type DatasetEdge = {
  __typename?: 'DatasetEdge';
  /** Opaque; pass it as `after` to read the datasets that follow this one. */
  cursor: Scalars['String']['output'];
  node: Dataset;
};

/**
 * Rows sampled from a dataset, values as text: trimmed, numbers of NUMBER columns as numbers print ("7.0" is "7"),
 * null where a value is missing.
 */
export type DatasetSample = {
  __typename?: 'DatasetSample';
  /** The dataset's column names; each row has one value per column, in this order. */
  columns: Array<Scalars['String']['output']>;
  /** The first `first` (1 to 1000) rows of the sample, which is in no particular order. */
  rows: Array<Array<Maybe<Scalars['String']['output']>>>;
  /** How many rows the sample holds. */
  size: Scalars['Int']['output'];
};


/**
 * Rows sampled from a dataset, values as text: trimmed, numbers of NUMBER columns as numbers print ("7.0" is "7"),
 * null where a value is missing.
 */
export type DatasetSampleRowsArgs = {
  first?: InputMaybe<Scalars['Int']['input']>;
};

export type DatasetStatus =
  /** The file is not a usable CSV dataset; `error` says why. Upload a corrected file and complete again. */
  | 'FAILED'
  /** Created; the file is being uploaded, or the upload is not completed yet. */
  | 'PENDING'
  /** Profiled: columns, row count and reference sample are known. */
  | 'READY';

/** A new dataset and where to PUT its CSV file (one request, `curl -X PUT --upload-file data.csv <uploadUrl>`). */
export type DatasetUpload = {
  __typename?: 'DatasetUpload';
  dataset: Dataset;
  uploadExpiresAt: Scalars['DateTime']['output'];
  uploadUrl: Scalars['String']['output'];
};

/**
 * Metrics after one epoch. `loss` is the mean data loss on the training rows (cross-entropy for classifiers, half
 * the mean squared error of the standardized target for regressors); the validation fields are null when
 * `validationSplit` is 0, the accuracy fields for regressors.
 */
export type EpochMetrics = {
  __typename?: 'EpochMetrics';
  accuracy: Maybe<Scalars['Float']['output']>;
  /** Time since the job's training started. */
  elapsedMs: Scalars['Int']['output'];
  epoch: Scalars['Int']['output'];
  loss: Scalars['Float']['output'];
  validationAccuracy: Maybe<Scalars['Float']['output']>;
  validationLoss: Maybe<Scalars['Float']['output']>;
};

/** A named group of runs, as in MLflow Tracking. Names are unique within the organization. */
export type Experiment = {
  __typename?: 'Experiment';
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  id: Scalars['ID']['output'];
  /** 1 to 100 characters: letters, digits, space, `-`, `_` and `.`. */
  name: Scalars['String']['output'];
  /**
   * The experiment's runs, `first` (1 to 100) at a time.
   *
   * `filter` is a search in the style of MLflow's search_runs, e.g.
   * `metrics.accuracy > 0.9 and params.algorithm = 'mlp'`: comparisons (`=`, `!=`, `<`, `<=`, `>`, `>=`) of
   * `metrics.<key>` (its latest value) with a number, `params.<key>` with a string (`=`, `!=`) or a number,
   * `attributes.status` with a RunStatus, `attributes.start_time` / `end_time` with an ISO-8601 string or epoch
   * milliseconds; combined with `and`, `or` and parentheses. Strings take single or double quotes (a quote is
   * written twice inside); keys with other characters than letters, digits, `_ - . / :` take backquotes:
   * metrics.`f1 score`. A run without the metric or param never matches. At most 1000 characters and 20
   * comparisons. Errors are BAD_USER_INPUT with `field: "filter"`, the `position` (0-based) and the `token`.
   *
   * `orderBy` is `metrics.<key>`, `params.<key>` or `attributes.start_time|end_time|status`, then `ASC`
   * (default) or `DESC`. Runs without the value come last either way; params that read as numbers sort
   * numerically, before the others. The default is `attributes.start_time DESC`.
   */
  runs: RunConnection;
  /** Sorted alphabetically. */
  tags: Array<Scalars['String']['output']>;
};


/** A named group of runs, as in MLflow Tracking. Names are unique within the organization. */
export type ExperimentRunsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<Scalars['String']['input']>;
};

export type ExperimentConnection = {
  __typename?: 'ExperimentConnection';
  edges: Array<ExperimentEdge>;
  pageInfo: PageInfo;
  totalCount: Scalars['Int']['output'];
};

export type ExperimentEdge = {
  __typename?: 'ExperimentEdge';
  cursor: Scalars['String']['output'];
  node: Experiment;
};

export type FeatureSpec = {
  __typename?: 'FeatureSpec';
  name: Scalars['String']['output'];
  type: FeatureType;
};

export type FeatureSpecInput = {
  name: Scalars['String']['input'];
  type: FeatureType;
};

export type FeatureType =
  | 'CATEGORY'
  | 'NUMBER';

export type Framework =
  | 'MLAAS'
  | 'ONNX'
  | 'PYTORCH'
  | 'SKLEARN'
  | 'TENSORFLOW'
  | 'XGBOOST';

export type Hyperparameters = {
  __typename?: 'Hyperparameters';
  batchSize: Scalars['Int']['output'];
  earlyStoppingPatience: Scalars['Int']['output'];
  epochs: Scalars['Int']['output'];
  hiddenLayers: Array<Scalars['Int']['output']>;
  l2: Scalars['Float']['output'];
  learningRate: Scalars['Float']['output'];
  seed: Scalars['Int']['output'];
  validationSplit: Scalars['Float']['output'];
};

/** Every field is optional: null or absent means the default. */
export type HyperparametersInput = {
  /** 1 to 65,536. Default 32. */
  batchSize?: InputMaybe<Scalars['Int']['input']>;
  /** Epochs without a better validation loss before training stops (the best weights are kept). Default 10. */
  earlyStoppingPatience?: InputMaybe<Scalars['Int']['input']>;
  /** 1 to 10,000. Default 200. */
  epochs?: InputMaybe<Scalars['Int']['input']>;
  /** MLP algorithms: 1 to 8 layers of 1 to 4,096 units. Default [64]. */
  hiddenLayers?: InputMaybe<Array<Scalars['Int']['input']>>;
  /** L2 penalty on the weights, 0 to 10. Default 0.0001. */
  l2?: InputMaybe<Scalars['Float']['input']>;
  /** Adam's step size, greater than 0 and at most 1. Default 0.01. */
  learningRate?: InputMaybe<Scalars['Float']['input']>;
  /** Seed of initialization, split and shuffling, 0 to 2^31-1: same seed, same model. Default 0. */
  seed?: InputMaybe<Scalars['Int']['input']>;
  /** Share of the rows held out for validation and early stopping, 0 to 0.5 (0 turns both off). Default 0.1. */
  validationSplit?: InputMaybe<Scalars['Float']['input']>;
};

export type JobStatus =
  /** Stopped by `cancelTrainingJob`; nothing was registered. */
  | 'CANCELLED'
  /** Stopped by an error; `error` says why. */
  | 'FAILED'
  /** Waiting for a worker. */
  | 'QUEUED'
  | 'RUNNING'
  /** Trained, exported, verified and registered as `resultVersion`. */
  | 'SUCCEEDED';

/**
 * Stages of a model version, and of a model (the most advanced stage of its READY versions; ARCHIVED once every
 * READY version is archived). Allowed version transitions:
 * DEVELOPMENT → STAGING, PRODUCTION, ARCHIVED; STAGING → DEVELOPMENT, PRODUCTION, ARCHIVED;
 * PRODUCTION → STAGING, ARCHIVED; ARCHIVED → STAGING, PRODUCTION (a rollback).
 */
export type Lifecycle =
  | 'ARCHIVED'
  | 'DEVELOPMENT'
  | 'PRODUCTION'
  | 'STAGING';

export type MetricInput = {
  /** 1 to 250 characters: letters, digits, space, `_`, `-`, `.`, `/` and `:`. */
  key: Scalars['String']['input'];
  /** Defaults to 0. */
  step?: InputMaybe<Scalars['Int']['input']>;
  /** Defaults to the time of the call. */
  timestamp?: InputMaybe<Scalars['DateTime']['input']>;
  /** Finite: NaN and Infinity are refused. */
  value: Scalars['Float']['input'];
};

export type MetricPoint = {
  __typename?: 'MetricPoint';
  key: Scalars['String']['output'];
  step: Scalars['Int']['output'];
  timestamp: Scalars['DateTime']['output'];
  value: Scalars['Float']['output'];
};

/** A machine-learning model registered in an organization. Names are unique within the organization. */
export type Model = {
  __typename?: 'Model';
  /** The version an alias (such as `champion`) points to; null when the model has no such alias. */
  alias: Maybe<ModelVersion>;
  /** Every alias of the model, by name. */
  aliases: Array<ModelAlias>;
  createdAt: Scalars['DateTime']['output'];
  description: Maybe<Scalars['String']['output']>;
  framework: Framework;
  id: Scalars['ID']['output'];
  /** The highest-numbered READY version; uploads in progress, expired and invalid versions never count. */
  latestVersion: Maybe<ModelVersion>;
  lifecycle: Lifecycle;
  /** 1 to 100 characters: letters, digits, space, `-`, `_` and `.`. */
  name: Scalars['String']['output'];
  organization: Organization;
  /** The user who created the model. */
  owner: User;
  /** The one version in PRODUCTION, if any. */
  productionVersion: Maybe<ModelVersion>;
  /** Sorted alphabetically. */
  tags: Array<Scalars['String']['output']>;
  taskType: TaskType;
  updatedAt: Scalars['DateTime']['output'];
  /** Every version, newest first. */
  versions: Array<ModelVersion>;
};


/** A machine-learning model registered in an organization. Names are unique within the organization. */
export type ModelAliasArgs = {
  name: Scalars['String']['input'];
};

/** A named pointer to one version of a model, as in MLflow (`champion`, `challenger`…). */
export type ModelAlias = {
  __typename?: 'ModelAlias';
  name: Scalars['String']['output'];
  version: ModelVersion;
};

export type ModelConnection = {
  __typename?: 'ModelConnection';
  edges: Array<ModelEdge>;
  pageInfo: PageInfo;
  /** How many models match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type ModelEdge = {
  __typename?: 'ModelEdge';
  /** Opaque; pass it as `after` to read the models that follow this one. */
  cursor: Scalars['String']['output'];
  node: Model;
};

export type ModelFilter = {
  framework?: InputMaybe<Framework>;
  lifecycle?: InputMaybe<Lifecycle>;
  /** Case-insensitive substring of the name or the description. */
  search?: InputMaybe<Scalars['String']['input']>;
  /** Models carrying exactly this tag. */
  tag?: InputMaybe<Scalars['String']['input']>;
  taskType?: InputMaybe<TaskType>;
};

export type ModelOrder = {
  direction: OrderDirection;
  field: ModelOrderField;
};

export type ModelOrderField =
  | 'CREATED_AT'
  | 'NAME'
  | 'UPDATED_AT';

/**
 * A numbered version of a model: an ONNX file in the `models` bucket and what it takes and predicts. Created by
 * `createModelVersion`, READY once `completeModelVersionUpload` has checked the uploaded file.
 */
export type ModelVersion = {
  __typename?: 'ModelVersion';
  /** Aliases of the model that point to this version, sorted. */
  aliases: Array<Scalars['String']['output']>;
  /** The uploaded file; null until the version is READY. */
  artifact: Maybe<Artifact>;
  createdAt: Scalars['DateTime']['output'];
  format: ArtifactFormat;
  id: Scalars['ID']['output'];
  /** The features the model takes, in the order a positional input gives them. */
  inputSchema: Array<FeatureSpec>;
  /** Metric name → value, as declared at creation. */
  metrics: Maybe<Scalars['JSON']['output']>;
  model: Model;
  /** What the ONNX file declares; null until the version is READY. */
  onnx: Maybe<OnnxModelInfo>;
  /** Class labels, in the order of the model's probabilities: as declared, or as the ONNX classifier carries them. */
  outputLabels: Maybe<Array<Scalars['String']['output']>>;
  /**
   * Per-feature summary of the data the version was trained on (quantiles and a histogram of each NUMBER feature,
   * category counts of each CATEGORY feature), the reference drift detection compares live inputs with. Set on
   * versions that training jobs registered; null on uploaded ones.
   */
  referenceDistribution: Maybe<Scalars['JSON']['output']>;
  /** The run this version came from (CreateModelVersionInput.runId), if any. */
  run: Maybe<Run>;
  stage: Lifecycle;
  /** Where the upload stands; only READY versions have an artifact and can be promoted. */
  status: ModelVersionStatus;
  /** Why the version is INVALID or EXPIRED. */
  statusReason: Maybe<Scalars['String']['output']>;
  /** Sorted alphabetically. */
  tags: Array<Scalars['String']['output']>;
  updatedAt: Scalars['DateTime']['output'];
  /** When the upload URL stops working; the version EXPIRES if the upload is not completed soon after. */
  uploadExpiresAt: Scalars['DateTime']['output'];
  /** 1, 2, 3… per model in order of creation, without gaps or duplicates. */
  version: Scalars['Int']['output'];
};

export type ModelVersionStatus =
  /** The upload was not completed in time; any uploaded file was removed. */
  | 'EXPIRED'
  /** The file was not a valid ONNX model or did not match the declared input schema; it was removed. */
  | 'INVALID'
  /** Waiting for the file to be PUT to the upload URL and for `completeModelVersionUpload`. */
  | 'PENDING_UPLOAD'
  /** The file was checked and recorded. */
  | 'READY';

/** What `createModelVersion` returns: PUT the ONNX file to `uploadUrl`, then call `completeModelVersionUpload`. */
export type ModelVersionUpload = {
  __typename?: 'ModelVersionUpload';
  uploadExpiresAt: Scalars['DateTime']['output'];
  uploadUrl: Scalars['String']['output'];
  version: ModelVersion;
};

export type Mutation = {
  __typename?: 'Mutation';
  /**
   * A QUEUED job is CANCELLED at once; a RUNNING one gets `cancelRequested` and stops at the end of the epoch in
   * progress. A finished job is CONFLICT.
   */
  cancelTrainingJob: TrainingJob;
  /**
   * Copies the uploaded file to a key no URL can write, reads that copy once and records its columns, row count,
   * SHA-256 and reference sample (READY); a later PUT to the upload URL changes nothing. A broken file, or one over
   * MAX_DATASET_UPLOAD_BYTES, fails with BAD_USER_INPUT (naming the line and column of a broken one), the dataset
   * becomes FAILED and the upload is removed: PUT a corrected file to the same URL and complete again. Without an
   * upload it fails with BAD_USER_INPUT and the dataset stays as it was.
   */
  completeDatasetUpload: Dataset;
  /**
   * Copies the uploaded file to a key no URL can write and checks that copy: records its size and SHA-256,
   * validates it as ONNX against the declared input schema, and makes the version READY; a later PUT to the upload
   * URL changes nothing. A file that fails, or is over MAX_MODEL_UPLOAD_BYTES, is removed and the version becomes
   * INVALID (BAD_USER_INPUT).
   */
  completeModelVersionUpload: ModelVersion;
  /** A PENDING dataset and a presigned URL (valid one hour) to PUT its CSV file to; the header row is required. */
  createDataset: DatasetUpload;
  createExperiment: Experiment;
  createModel: Model;
  /** A new version (PENDING_UPLOAD) and a presigned URL to PUT its ONNX file to. */
  createModelVersion: ModelVersionUpload;
  /**
   * Starts a RUNNING run. `params`: a JSON object of at most 100 string, number or boolean values; keys of 1 to
   * 250 characters (as metric keys); values of at most 500 characters as text.
   */
  createRun: Run;
  /** Deletes the dataset and its file; refused (CONFLICT) while an unfinished training job uses it. */
  deleteDataset: Scalars['Boolean']['output'];
  /**
   * Deletes the model and everything it owns: versions, their files, tags, aliases and finished training jobs;
   * refused (CONFLICT) while a training job of the model is QUEUED or RUNNING, and while the model has a deployment
   * READY, PENDING or LOADING (the message names it: `undeployModel` it first). Whether it has one is asked of the
   * inference service; when that cannot be reached, a model with a READY version is not deleted
   * (SERVICE_UNAVAILABLE; try again). A model that never had a READY version cannot have been deployed.
   */
  deleteModel: Scalars['Boolean']['output'];
  /** True when the alias existed and was removed. */
  deleteModelAlias: Scalars['Boolean']['output'];
  /** Ends a RUNNING run (CONFLICT otherwise) with FINISHED, FAILED or KILLED, and sets finishedAt. */
  finishRun: Run;
  /** Appends up to 1000 points to a RUNNING run, all or none. */
  logMetrics: Run;
  /** Adds params to a RUNNING run. A key already logged keeps its value: another value is a CONFLICT. */
  logParams: Run;
  /** Points the alias at a READY version of the model, moving it from another version if it was set. */
  setModelAlias: ModelAlias;
  /**
   * Checks everything (the model, a READY dataset, the columns, the target's fit to the algorithm, every
   * hyperparameter) and queues the job; bad input is BAD_USER_INPUT naming the field, and nothing is queued.
   */
  startTrainingJob: TrainingJob;
  /**
   * Moves a version to another stage (see Lifecycle). One PRODUCTION version per model: promoting one archives the
   * previous one. Only READY versions can be promoted (else CONFLICT).
   */
  transitionModelVersionStage: ModelVersion;
  updateModel: Model;
  updateModelVersion: ModelVersion;
};


export type MutationCancelTrainingJobArgs = {
  id: Scalars['ID']['input'];
};


export type MutationCompleteDatasetUploadArgs = {
  datasetId: Scalars['ID']['input'];
};


export type MutationCompleteModelVersionUploadArgs = {
  versionId: Scalars['ID']['input'];
};


export type MutationCreateDatasetArgs = {
  input: CreateDatasetInput;
};


export type MutationCreateExperimentArgs = {
  input: CreateExperimentInput;
};


export type MutationCreateModelArgs = {
  input: CreateModelInput;
};


export type MutationCreateModelVersionArgs = {
  input: CreateModelVersionInput;
  modelId: Scalars['ID']['input'];
};


export type MutationCreateRunArgs = {
  experimentId: Scalars['ID']['input'];
  params?: InputMaybe<Scalars['JSON']['input']>;
};


export type MutationDeleteDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteModelArgs = {
  id: Scalars['ID']['input'];
};


export type MutationDeleteModelAliasArgs = {
  alias: Scalars['String']['input'];
  modelId: Scalars['ID']['input'];
};


export type MutationFinishRunArgs = {
  runId: Scalars['ID']['input'];
  status: RunStatus;
};


export type MutationLogMetricsArgs = {
  metrics: Array<MetricInput>;
  runId: Scalars['ID']['input'];
};


export type MutationLogParamsArgs = {
  params: Scalars['JSON']['input'];
  runId: Scalars['ID']['input'];
};


export type MutationSetModelAliasArgs = {
  alias: Scalars['String']['input'];
  modelId: Scalars['ID']['input'];
  versionId: Scalars['ID']['input'];
};


export type MutationStartTrainingJobArgs = {
  input: StartTrainingJobInput;
};


export type MutationTransitionModelVersionStageArgs = {
  stage: Lifecycle;
  versionId: Scalars['ID']['input'];
};


export type MutationUpdateModelArgs = {
  id: Scalars['ID']['input'];
  input: UpdateModelInput;
};


export type MutationUpdateModelVersionArgs = {
  id: Scalars['ID']['input'];
  input: UpdateModelVersionInput;
};

/** What an ONNX file declares about itself. */
export type OnnxModelInfo = {
  __typename?: 'OnnxModelInfo';
  /** Graph inputs that are fed at prediction time (initializers excluded). */
  inputs: Array<OnnxValueInfo>;
  irVersion: Scalars['Int']['output'];
  /** Operator sets the graph uses. */
  opsets: Array<OnnxOpset>;
  outputs: Array<OnnxValueInfo>;
  producerName: Maybe<Scalars['String']['output']>;
  producerVersion: Maybe<Scalars['String']['output']>;
};

export type OnnxOpset = {
  __typename?: 'OnnxOpset';
  /** `ai.onnx` for the default domain, `ai.onnx.ml` for the traditional ML operators. */
  domain: Scalars['String']['output'];
  version: Scalars['Int']['output'];
};

export type OnnxValueInfo = {
  __typename?: 'OnnxValueInfo';
  name: Scalars['String']['output'];
  /** A tensor's dimensions, null where symbolic (the batch size); null for a tensor of unknown rank or a non-tensor. */
  shape: Maybe<Array<Maybe<Scalars['Int']['output']>>>;
  /** In ONNX notation: `tensor(float)`, `seq(map(string,tensor(float)))`… */
  type: Scalars['String']['output'];
};

export type OrderDirection =
  | 'ASC'
  | 'DESC';

/** Owned by the identity subgraph; the registry only refers to organizations. */
export type Organization = {
  __typename?: 'Organization';
  id: Scalars['ID']['output'];
};

export type PageInfo = {
  __typename?: 'PageInfo';
  endCursor: Maybe<Scalars['String']['output']>;
  hasNextPage: Scalars['Boolean']['output'];
  /** Forward pagination only: true when the page was read `after` a cursor. */
  hasPreviousPage: Scalars['Boolean']['output'];
  startCursor: Maybe<Scalars['String']['output']>;
};

export type Query = {
  __typename?: 'Query';
  /** Fails with NOT_FOUND when no dataset of the caller's organization has this id. */
  dataset: Maybe<Dataset>;
  /** Datasets of the caller's organization, newest first, `first` (1 to 100) at a time. */
  datasets: DatasetConnection;
  /** Fails with NOT_FOUND when no experiment of the caller's organization has this id. */
  experiment: Maybe<Experiment>;
  experimentByName: Maybe<Experiment>;
  /** Experiments of the caller's organization, newest first, `first` (1 to 100) at a time. */
  experiments: ExperimentConnection;
  /** Fails with NOT_FOUND when no model of the caller's organization has this id. */
  model: Maybe<Model>;
  modelByName: Maybe<Model>;
  /** Fails with NOT_FOUND when no version of the caller's organization has this id. */
  modelVersion: Maybe<ModelVersion>;
  /** Models of the caller's organization, `first` (1 to 100) at a time. */
  models: ModelConnection;
  /** Fails with NOT_FOUND when no run of the caller's organization has this id. */
  run: Maybe<Run>;
  /** Fails with NOT_FOUND when no training job of the caller's organization has this id. */
  trainingJob: Maybe<TrainingJob>;
  /** Training jobs of the caller's organization, newest first, `first` (1 to 100) at a time. */
  trainingJobs: TrainingJobConnection;
};


export type QueryDatasetArgs = {
  id: Scalars['ID']['input'];
};


export type QueryDatasetsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryExperimentArgs = {
  id: Scalars['ID']['input'];
};


export type QueryExperimentByNameArgs = {
  name: Scalars['String']['input'];
};


export type QueryExperimentsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


export type QueryModelArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelByNameArgs = {
  name: Scalars['String']['input'];
};


export type QueryModelVersionArgs = {
  id: Scalars['ID']['input'];
};


export type QueryModelsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<ModelFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<ModelOrder>;
};


export type QueryRunArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTrainingJobArgs = {
  id: Scalars['ID']['input'];
};


export type QueryTrainingJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<TrainingJobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};

/** One execution of training code: its params, metrics and status. */
export type Run = {
  __typename?: 'Run';
  experiment: Experiment;
  /** Set when the run finishes. */
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  id: Scalars['ID']['output'];
  /** Every point of one metric, by step, then timestamp. */
  metricHistory: Array<MetricPoint>;
  /** The latest point of each metric (greatest step, then timestamp, then value), by key. */
  metrics: Array<MetricPoint>;
  /** The model versions created with this run's id, oldest first. */
  modelVersions: Array<ModelVersion>;
  /** A JSON object of string, number and boolean values, as logged. Immutable once logged. */
  params: Scalars['JSON']['output'];
  startedAt: Scalars['DateTime']['output'];
  status: RunStatus;
};


/** One execution of training code: its params, metrics and status. */
export type RunMetricHistoryArgs = {
  key: Scalars['String']['input'];
};

export type RunConnection = {
  __typename?: 'RunConnection';
  edges: Array<RunEdge>;
  pageInfo: PageInfo;
  /** How many runs match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type RunEdge = {
  __typename?: 'RunEdge';
  /** Opaque; valid with the same orderBy only. */
  cursor: Scalars['String']['output'];
  node: Run;
};

/** As MLflow: a run is RUNNING until it finishes once, as FINISHED, FAILED or KILLED. */
export type RunStatus =
  | 'FAILED'
  | 'FINISHED'
  | 'KILLED'
  | 'RUNNING';

export type StartTrainingJobInput = {
  algorithm: Algorithm;
  /** A READY dataset of the caller's organization. */
  datasetId: Scalars['ID']['input'];
  /** Feature columns, in the order the model takes them; every other column when omitted. */
  featureColumns?: InputMaybe<Array<Scalars['String']['input']>>;
  hyperparameters?: InputMaybe<HyperparametersInput>;
  /** A model of the caller's organization; the job registers its next version. */
  modelId: Scalars['ID']['input'];
  /**
   * The column to predict. Classifiers take any column with 2 to 1,000 distinct values; regressors a NUMBER
   * column.
   */
  targetColumn: Scalars['String']['input'];
};

export type Subscription = {
  __typename?: 'Subscription';
  /**
   * The job's current state first, then one event per epoch and one per status change, in order; the stream
   * completes after the job SUCCEEDED, FAILED or was CANCELLED. NOT_FOUND unless the job belongs to the caller's
   * organization.
   */
  trainingJobUpdated: TrainingJobEvent;
};


export type SubscriptionTrainingJobUpdatedArgs = {
  jobId: Scalars['ID']['input'];
};

export type TaskType =
  | 'ANOMALY_DETECTION'
  | 'CLASSIFICATION'
  | 'CLUSTERING'
  | 'REGRESSION';

/**
 * Training of one algorithm on one dataset, queued by `startTrainingJob` and run by a training worker. A job that
 * SUCCEEDS has registered a new READY version of the model (`resultVersion`, the ONNX file the trainer exported
 * and checked with onnxruntime) and a run with its params and per-epoch metrics.
 */
export type TrainingJob = {
  __typename?: 'TrainingJob';
  algorithm: Algorithm;
  /**
   * 1 for the first run. A job whose worker died is run again from the start, once; `attempt` counts the runs
   * (see README, "Training").
   */
  attempt: Scalars['Int']['output'];
  /** True once `cancelTrainingJob` asked a RUNNING job to stop; it stops at the end of the epoch in progress. */
  cancelRequested: Scalars['Boolean']['output'];
  createdAt: Scalars['DateTime']['output'];
  dataset: Dataset;
  /** Epochs completed so far (of the current attempt). */
  epoch: Scalars['Int']['output'];
  /** Why the job FAILED. */
  error: Maybe<Scalars['String']['output']>;
  /** The feature columns, in the order the model takes them. */
  featureColumns: Array<Scalars['String']['output']>;
  finishedAt: Maybe<Scalars['DateTime']['output']>;
  /** Metrics of every completed epoch, in order. */
  history: Array<EpochMetrics>;
  /** The hyperparameters the job trains with, defaults filled in. */
  hyperparameters: Hyperparameters;
  id: Scalars['ID']['output'];
  model: Model;
  /** The user who started the job; the model version it registers is theirs too. */
  owner: User;
  /** Share of totalEpochs done, 0 to 1; 1 once SUCCEEDED, also when early stopping ended the job sooner. */
  progress: Scalars['Float']['output'];
  /** The version this job registered; null until SUCCEEDED. */
  resultVersion: Maybe<ModelVersion>;
  /** The run recording the job's params and per-epoch metrics; null until SUCCEEDED. */
  run: Maybe<Run>;
  startedAt: Maybe<Scalars['DateTime']['output']>;
  status: JobStatus;
  targetColumn: Scalars['String']['output'];
  totalEpochs: Scalars['Int']['output'];
  /** When the job last changed (an epoch, a status, a cancel request). */
  updatedAt: Scalars['DateTime']['output'];
};

export type TrainingJobConnection = {
  __typename?: 'TrainingJobConnection';
  edges: Array<TrainingJobEdge>;
  pageInfo: PageInfo;
  /** How many jobs match the filter, on every page. */
  totalCount: Scalars['Int']['output'];
};

export type TrainingJobEdge = {
  __typename?: 'TrainingJobEdge';
  /** Opaque; pass it as `after` (with the same filter) to read the jobs that follow this one. */
  cursor: Scalars['String']['output'];
  node: TrainingJob;
};

/** One event of `trainingJobUpdated`: the job as it is now, and the epoch that just ended (null for a status change). */
export type TrainingJobEvent = {
  __typename?: 'TrainingJobEvent';
  epoch: Maybe<EpochMetrics>;
  job: TrainingJob;
};

export type TrainingJobFilter = {
  datasetId?: InputMaybe<Scalars['ID']['input']>;
  modelId?: InputMaybe<Scalars['ID']['input']>;
  status?: InputMaybe<JobStatus>;
};

/** Fields left out stay as they are; `description: null` clears the description. */
export type UpdateModelInput = {
  description?: InputMaybe<Scalars['String']['input']>;
  name?: InputMaybe<Scalars['String']['input']>;
  /** Replaces every tag; `[]` removes them all. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

export type UpdateModelVersionInput = {
  /** Replaces every tag; `[]` removes them all. */
  tags?: InputMaybe<Array<Scalars['String']['input']>>;
};

/** Owned by the identity subgraph; the registry only refers to users. */
export type User = {
  __typename?: 'User';
  id: Scalars['ID']['output'];
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  Dataset: Dataset;
  Experiment: Experiment;
  Model: Model;
  ModelVersion: ModelVersion;
  Run: Run;
  TrainingJob: TrainingJob;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Dataset:
    ( { __typename: 'Dataset' }
    & GraphQLRecursivePick<FederationTypes['Dataset'], {"id":true}> );
  Experiment:
    ( { __typename: 'Experiment' }
    & GraphQLRecursivePick<FederationTypes['Experiment'], {"id":true}> );
  Model:
    ( { __typename: 'Model' }
    & GraphQLRecursivePick<FederationTypes['Model'], {"id":true}> );
  ModelVersion:
    ( { __typename: 'ModelVersion' }
    & GraphQLRecursivePick<FederationTypes['ModelVersion'], {"id":true}> );
  Run:
    ( { __typename: 'Run' }
    & GraphQLRecursivePick<FederationTypes['Run'], {"id":true}> );
  TrainingJob:
    ( { __typename: 'TrainingJob' }
    & GraphQLRecursivePick<FederationTypes['TrainingJob'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  Algorithm: Algorithm;
  Artifact: ResolverTypeWrapper<ModelVersionMapper>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  ArtifactFormat: ArtifactFormat;
  ColumnSpec: ResolverTypeWrapper<ColumnSpec>;
  Float: ResolverTypeWrapper<Scalars['Float']['output']>;
  CreateDatasetInput: CreateDatasetInput;
  CreateExperimentInput: CreateExperimentInput;
  CreateModelInput: CreateModelInput;
  CreateModelVersionInput: CreateModelVersionInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  Dataset: ResolverTypeWrapper<DatasetMapper>;
  DatasetConnection: ResolverTypeWrapper<DatasetPageMapper>;
  DatasetEdge: ResolverTypeWrapper<Omit<DatasetEdge, 'node'> & { node: ResolversTypes['Dataset'] }>;
  DatasetSample: ResolverTypeWrapper<ReferenceSampleMapper>;
  DatasetStatus: DatasetStatus;
  DatasetUpload: ResolverTypeWrapper<Omit<DatasetUpload, 'dataset'> & { dataset: ResolversTypes['Dataset'] }>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  EpochMetrics: ResolverTypeWrapper<EpochMetrics>;
  Experiment: ResolverTypeWrapper<ExperimentMapper>;
  ExperimentConnection: ResolverTypeWrapper<ExperimentPageMapper>;
  ExperimentEdge: ResolverTypeWrapper<Omit<ExperimentEdge, 'node'> & { node: ResolversTypes['Experiment'] }>;
  FeatureSpec: ResolverTypeWrapper<FeatureSpec>;
  FeatureSpecInput: FeatureSpecInput;
  FeatureType: FeatureType;
  Framework: Framework;
  Hyperparameters: ResolverTypeWrapper<HyperparametersMapper>;
  HyperparametersInput: HyperparametersInput;
  JSON: ResolverTypeWrapper<Scalars['JSON']['output']>;
  JobStatus: JobStatus;
  Lifecycle: Lifecycle;
  MetricInput: MetricInput;
  MetricPoint: ResolverTypeWrapper<MetricPointViewMapper>;
  Model: ResolverTypeWrapper<ModelMapper>;
  ModelAlias: ResolverTypeWrapper<ModelAliasViewMapper>;
  ModelConnection: ResolverTypeWrapper<ModelPageMapper>;
  ModelEdge: ResolverTypeWrapper<Omit<ModelEdge, 'node'> & { node: ResolversTypes['Model'] }>;
  ModelFilter: ModelFilter;
  ModelOrder: ModelOrder;
  ModelOrderField: ModelOrderField;
  ModelVersion: ResolverTypeWrapper<ModelVersionMapper>;
  ModelVersionStatus: ModelVersionStatus;
  ModelVersionUpload: ResolverTypeWrapper<ModelVersionUploadMapper>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  OnnxModelInfo: ResolverTypeWrapper<OnnxModelInfoMapper>;
  OnnxOpset: ResolverTypeWrapper<OnnxOpset>;
  OnnxValueInfo: ResolverTypeWrapper<OnnxValueInfo>;
  OrderDirection: OrderDirection;
  Organization: ResolverTypeWrapper<Organization>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  Run: ResolverTypeWrapper<RunMapper>;
  RunConnection: ResolverTypeWrapper<RunPageMapper>;
  RunEdge: ResolverTypeWrapper<Omit<RunEdge, 'node'> & { node: ResolversTypes['Run'] }>;
  RunStatus: RunStatus;
  StartTrainingJobInput: StartTrainingJobInput;
  Subscription: ResolverTypeWrapper<Record<PropertyKey, never>>;
  TaskType: TaskType;
  TrainingJob: ResolverTypeWrapper<TrainingJobViewMapper>;
  TrainingJobConnection: ResolverTypeWrapper<TrainingJobPageMapper>;
  TrainingJobEdge: ResolverTypeWrapper<Omit<TrainingJobEdge, 'node'> & { node: ResolversTypes['TrainingJob'] }>;
  TrainingJobEvent: ResolverTypeWrapper<TrainingJobEventMapper>;
  TrainingJobFilter: TrainingJobFilter;
  UpdateModelInput: UpdateModelInput;
  UpdateModelVersionInput: UpdateModelVersionInput;
  User: ResolverTypeWrapper<User>;
  federation__FieldSet: ResolverTypeWrapper<Scalars['federation__FieldSet']['output']>;
  link__Import: ResolverTypeWrapper<Scalars['link__Import']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  Artifact: ModelVersionMapper;
  Int: Scalars['Int']['output'];
  ColumnSpec: ColumnSpec;
  Float: Scalars['Float']['output'];
  CreateDatasetInput: CreateDatasetInput;
  CreateExperimentInput: CreateExperimentInput;
  CreateModelInput: CreateModelInput;
  CreateModelVersionInput: CreateModelVersionInput;
  ID: Scalars['ID']['output'];
  Dataset: DatasetMapper;
  DatasetConnection: DatasetPageMapper;
  DatasetEdge: Omit<DatasetEdge, 'node'> & { node: ResolversParentTypes['Dataset'] };
  DatasetSample: ReferenceSampleMapper;
  DatasetUpload: Omit<DatasetUpload, 'dataset'> & { dataset: ResolversParentTypes['Dataset'] };
  DateTime: Scalars['DateTime']['output'];
  EpochMetrics: EpochMetrics;
  Experiment: ExperimentMapper;
  ExperimentConnection: ExperimentPageMapper;
  ExperimentEdge: Omit<ExperimentEdge, 'node'> & { node: ResolversParentTypes['Experiment'] };
  FeatureSpec: FeatureSpec;
  FeatureSpecInput: FeatureSpecInput;
  Hyperparameters: HyperparametersMapper;
  HyperparametersInput: HyperparametersInput;
  JSON: Scalars['JSON']['output'];
  MetricInput: MetricInput;
  MetricPoint: MetricPointViewMapper;
  Model: ModelMapper;
  ModelAlias: ModelAliasViewMapper;
  ModelConnection: ModelPageMapper;
  ModelEdge: Omit<ModelEdge, 'node'> & { node: ResolversParentTypes['Model'] };
  ModelFilter: ModelFilter;
  ModelOrder: ModelOrder;
  ModelVersion: ModelVersionMapper;
  ModelVersionUpload: ModelVersionUploadMapper;
  Mutation: Record<PropertyKey, never>;
  Boolean: Scalars['Boolean']['output'];
  OnnxModelInfo: OnnxModelInfoMapper;
  OnnxOpset: OnnxOpset;
  OnnxValueInfo: OnnxValueInfo;
  Organization: Organization;
  PageInfo: PageInfo;
  Query: Record<PropertyKey, never>;
  Run: RunMapper;
  RunConnection: RunPageMapper;
  RunEdge: Omit<RunEdge, 'node'> & { node: ResolversParentTypes['Run'] };
  StartTrainingJobInput: StartTrainingJobInput;
  Subscription: Record<PropertyKey, never>;
  TrainingJob: TrainingJobViewMapper;
  TrainingJobConnection: TrainingJobPageMapper;
  TrainingJobEdge: Omit<TrainingJobEdge, 'node'> & { node: ResolversParentTypes['TrainingJob'] };
  TrainingJobEvent: TrainingJobEventMapper;
  TrainingJobFilter: TrainingJobFilter;
  UpdateModelInput: UpdateModelInput;
  UpdateModelVersionInput: UpdateModelVersionInput;
  User: User;
  federation__FieldSet: Scalars['federation__FieldSet']['output'];
  link__Import: Scalars['link__Import']['output'];
  String: Scalars['String']['output'];
}>;

export type InaccessibleDirectiveArgs = { };

export type InaccessibleDirectiveResolver<Result, Parent, ContextType = RegistryContext, Args = InaccessibleDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type InterfaceObjectDirectiveArgs = { };

export type InterfaceObjectDirectiveResolver<Result, Parent, ContextType = RegistryContext, Args = InterfaceObjectDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type LinkDirectiveArgs = {
  as?: Maybe<Scalars['String']['input']>;
  for?: Maybe<Scalars['String']['input']>;
  import?: Maybe<Array<Maybe<Scalars['link__Import']['input']>>>;
  url: Scalars['String']['input'];
};

export type LinkDirectiveResolver<Result, Parent, ContextType = RegistryContext, Args = LinkDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type OverrideDirectiveArgs = {
  from: Scalars['String']['input'];
  label?: Maybe<Scalars['String']['input']>;
};

export type OverrideDirectiveResolver<Result, Parent, ContextType = RegistryContext, Args = OverrideDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ShareableDirectiveArgs = { };

export type ShareableDirectiveResolver<Result, Parent, ContextType = RegistryContext, Args = ShareableDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type TagDirectiveArgs = {
  name: Scalars['String']['input'];
};

export type TagDirectiveResolver<Result, Parent, ContextType = RegistryContext, Args = TagDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ArtifactResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Artifact'] = ResolversParentTypes['Artifact']> = ResolversObject<{
  downloadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType, RequireFields<ArtifactDownloadUrlArgs, 'expiresInSeconds'>>;
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sha256?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  sizeBytes?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ColumnSpecResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ColumnSpec'] = ResolversParentTypes['ColumnSpec']> = ResolversObject<{
  distinctCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  max?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  mean?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  min?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  missingCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['FeatureType'], ParentType, ContextType>;
}>;

export type DatasetResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Dataset'] = ResolversParentTypes['Dataset'], FederationReferenceType extends FederationReferenceTypes['Dataset'] = FederationReferenceTypes['Dataset']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Dataset']> | FederationReferenceType, FederationReferenceType, ContextType>;
  columns?: Resolver<Array<ResolversTypes['ColumnSpec']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  downloadUrl?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType, RequireFields<DatasetDownloadUrlArgs, 'expiresInSeconds'>>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  profiledAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  referenceSample?: Resolver<Maybe<ResolversTypes['DatasetSample']>, ParentType, ContextType>;
  rowCount?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  sha256?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  sizeBytes?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['DatasetStatus'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type DatasetConnectionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['DatasetConnection'] = ResolversParentTypes['DatasetConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['DatasetEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DatasetEdgeResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['DatasetEdge'] = ResolversParentTypes['DatasetEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType>;
}>;

export type DatasetSampleResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['DatasetSample'] = ResolversParentTypes['DatasetSample']> = ResolversObject<{
  columns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  rows?: Resolver<Array<Array<Maybe<ResolversTypes['String']>>>, ParentType, ContextType, RequireFields<DatasetSampleRowsArgs, 'first'>>;
  size?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type DatasetUploadResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['DatasetUpload'] = ResolversParentTypes['DatasetUpload']> = ResolversObject<{
  dataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType>;
  uploadExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EpochMetricsResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['EpochMetrics'] = ResolversParentTypes['EpochMetrics']> = ResolversObject<{
  accuracy?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  elapsedMs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  epoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  loss?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  validationAccuracy?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
  validationLoss?: Resolver<Maybe<ResolversTypes['Float']>, ParentType, ContextType>;
}>;

export type ExperimentResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Experiment'] = ResolversParentTypes['Experiment'], FederationReferenceType extends FederationReferenceTypes['Experiment'] = FederationReferenceTypes['Experiment']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Experiment']> | FederationReferenceType, FederationReferenceType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  runs?: Resolver<ResolversTypes['RunConnection'], ParentType, ContextType, RequireFields<ExperimentRunsArgs, 'first'>>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type ExperimentConnectionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ExperimentConnection'] = ResolversParentTypes['ExperimentConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ExperimentEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ExperimentEdgeResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ExperimentEdge'] = ResolversParentTypes['ExperimentEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
}>;

export type FeatureSpecResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['FeatureSpec'] = ResolversParentTypes['FeatureSpec']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  type?: Resolver<ResolversTypes['FeatureType'], ParentType, ContextType>;
}>;

export type HyperparametersResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Hyperparameters'] = ResolversParentTypes['Hyperparameters']> = ResolversObject<{
  batchSize?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  earlyStoppingPatience?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  epochs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  hiddenLayers?: Resolver<Array<ResolversTypes['Int']>, ParentType, ContextType>;
  l2?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  learningRate?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  seed?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  validationSplit?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export interface JsonScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['JSON'], any> {
  name: 'JSON';
}

export type MetricPointResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['MetricPoint'] = ResolversParentTypes['MetricPoint']> = ResolversObject<{
  key?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  step?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  timestamp?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  value?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
}>;

export type ModelResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Model'] = ResolversParentTypes['Model'], FederationReferenceType extends FederationReferenceTypes['Model'] = FederationReferenceTypes['Model']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Model']> | FederationReferenceType, FederationReferenceType, ContextType>;
  alias?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<ModelAliasArgs, 'name'>>;
  aliases?: Resolver<Array<ResolversTypes['ModelAlias']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  description?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  framework?: Resolver<ResolversTypes['Framework'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  latestVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  lifecycle?: Resolver<ResolversTypes['Lifecycle'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  organization?: Resolver<ResolversTypes['Organization'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  productionVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  taskType?: Resolver<ResolversTypes['TaskType'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  versions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
}>;

export type ModelAliasResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ModelAlias'] = ResolversParentTypes['ModelAlias']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
}>;

export type ModelConnectionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ModelConnection'] = ResolversParentTypes['ModelConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['ModelEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ModelEdgeResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ModelEdge'] = ResolversParentTypes['ModelEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
}>;

export type ModelVersionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ModelVersion'] = ResolversParentTypes['ModelVersion'], FederationReferenceType extends FederationReferenceTypes['ModelVersion'] = FederationReferenceTypes['ModelVersion']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['ModelVersion']> | FederationReferenceType, FederationReferenceType, ContextType>;
  aliases?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  artifact?: Resolver<Maybe<ResolversTypes['Artifact']>, ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  format?: Resolver<ResolversTypes['ArtifactFormat'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  inputSchema?: Resolver<Array<ResolversTypes['FeatureSpec']>, ParentType, ContextType>;
  metrics?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  onnx?: Resolver<Maybe<ResolversTypes['OnnxModelInfo']>, ParentType, ContextType>;
  outputLabels?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  referenceDistribution?: Resolver<Maybe<ResolversTypes['JSON']>, ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType>;
  stage?: Resolver<ResolversTypes['Lifecycle'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['ModelVersionStatus'], ParentType, ContextType>;
  statusReason?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  tags?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type ModelVersionUploadResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['ModelVersionUpload'] = ResolversParentTypes['ModelVersionUpload']> = ResolversObject<{
  uploadExpiresAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  uploadUrl?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  cancelTrainingJob?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType, RequireFields<MutationCancelTrainingJobArgs, 'id'>>;
  completeDatasetUpload?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType, RequireFields<MutationCompleteDatasetUploadArgs, 'datasetId'>>;
  completeModelVersionUpload?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationCompleteModelVersionUploadArgs, 'versionId'>>;
  createDataset?: Resolver<ResolversTypes['DatasetUpload'], ParentType, ContextType, RequireFields<MutationCreateDatasetArgs, 'input'>>;
  createExperiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType, RequireFields<MutationCreateExperimentArgs, 'input'>>;
  createModel?: Resolver<ResolversTypes['Model'], ParentType, ContextType, RequireFields<MutationCreateModelArgs, 'input'>>;
  createModelVersion?: Resolver<ResolversTypes['ModelVersionUpload'], ParentType, ContextType, RequireFields<MutationCreateModelVersionArgs, 'input' | 'modelId'>>;
  createRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationCreateRunArgs, 'experimentId'>>;
  deleteDataset?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteDatasetArgs, 'id'>>;
  deleteModel?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteModelArgs, 'id'>>;
  deleteModelAlias?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType, RequireFields<MutationDeleteModelAliasArgs, 'alias' | 'modelId'>>;
  finishRun?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationFinishRunArgs, 'runId' | 'status'>>;
  logMetrics?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationLogMetricsArgs, 'metrics' | 'runId'>>;
  logParams?: Resolver<ResolversTypes['Run'], ParentType, ContextType, RequireFields<MutationLogParamsArgs, 'params' | 'runId'>>;
  setModelAlias?: Resolver<ResolversTypes['ModelAlias'], ParentType, ContextType, RequireFields<MutationSetModelAliasArgs, 'alias' | 'modelId' | 'versionId'>>;
  startTrainingJob?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType, RequireFields<MutationStartTrainingJobArgs, 'input'>>;
  transitionModelVersionStage?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationTransitionModelVersionStageArgs, 'stage' | 'versionId'>>;
  updateModel?: Resolver<ResolversTypes['Model'], ParentType, ContextType, RequireFields<MutationUpdateModelArgs, 'id' | 'input'>>;
  updateModelVersion?: Resolver<ResolversTypes['ModelVersion'], ParentType, ContextType, RequireFields<MutationUpdateModelVersionArgs, 'id' | 'input'>>;
}>;

export type OnnxModelInfoResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['OnnxModelInfo'] = ResolversParentTypes['OnnxModelInfo']> = ResolversObject<{
  inputs?: Resolver<Array<ResolversTypes['OnnxValueInfo']>, ParentType, ContextType>;
  irVersion?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  opsets?: Resolver<Array<ResolversTypes['OnnxOpset']>, ParentType, ContextType>;
  outputs?: Resolver<Array<ResolversTypes['OnnxValueInfo']>, ParentType, ContextType>;
  producerName?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  producerVersion?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type OnnxOpsetResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['OnnxOpset'] = ResolversParentTypes['OnnxOpset']> = ResolversObject<{
  domain?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type OnnxValueInfoResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['OnnxValueInfo'] = ResolversParentTypes['OnnxValueInfo']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  shape?: Resolver<Maybe<Array<Maybe<ResolversTypes['Int']>>>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type OrganizationResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Organization'] = ResolversParentTypes['Organization']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  hasPreviousPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  startCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  dataset?: Resolver<Maybe<ResolversTypes['Dataset']>, ParentType, ContextType, RequireFields<QueryDatasetArgs, 'id'>>;
  datasets?: Resolver<ResolversTypes['DatasetConnection'], ParentType, ContextType, RequireFields<QueryDatasetsArgs, 'first'>>;
  experiment?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<QueryExperimentArgs, 'id'>>;
  experimentByName?: Resolver<Maybe<ResolversTypes['Experiment']>, ParentType, ContextType, RequireFields<QueryExperimentByNameArgs, 'name'>>;
  experiments?: Resolver<ResolversTypes['ExperimentConnection'], ParentType, ContextType, RequireFields<QueryExperimentsArgs, 'first'>>;
  model?: Resolver<Maybe<ResolversTypes['Model']>, ParentType, ContextType, RequireFields<QueryModelArgs, 'id'>>;
  modelByName?: Resolver<Maybe<ResolversTypes['Model']>, ParentType, ContextType, RequireFields<QueryModelByNameArgs, 'name'>>;
  modelVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType, RequireFields<QueryModelVersionArgs, 'id'>>;
  models?: Resolver<ResolversTypes['ModelConnection'], ParentType, ContextType, RequireFields<QueryModelsArgs, 'first' | 'orderBy'>>;
  run?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType, RequireFields<QueryRunArgs, 'id'>>;
  trainingJob?: Resolver<Maybe<ResolversTypes['TrainingJob']>, ParentType, ContextType, RequireFields<QueryTrainingJobArgs, 'id'>>;
  trainingJobs?: Resolver<ResolversTypes['TrainingJobConnection'], ParentType, ContextType, RequireFields<QueryTrainingJobsArgs, 'first'>>;
}>;

export type RunResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Run'] = ResolversParentTypes['Run'], FederationReferenceType extends FederationReferenceTypes['Run'] = FederationReferenceTypes['Run']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Run']> | FederationReferenceType, FederationReferenceType, ContextType>;
  experiment?: Resolver<ResolversTypes['Experiment'], ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  metricHistory?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType, RequireFields<RunMetricHistoryArgs, 'key'>>;
  metrics?: Resolver<Array<ResolversTypes['MetricPoint']>, ParentType, ContextType>;
  modelVersions?: Resolver<Array<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  params?: Resolver<ResolversTypes['JSON'], ParentType, ContextType>;
  startedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  status?: Resolver<ResolversTypes['RunStatus'], ParentType, ContextType>;
}>;

export type RunConnectionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['RunConnection'] = ResolversParentTypes['RunConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['RunEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RunEdgeResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['RunEdge'] = ResolversParentTypes['RunEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Run'], ParentType, ContextType>;
}>;

export type SubscriptionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['Subscription'] = ResolversParentTypes['Subscription']> = ResolversObject<{
  trainingJobUpdated?: SubscriptionResolver<ResolversTypes['TrainingJobEvent'], "trainingJobUpdated", ParentType, ContextType, RequireFields<SubscriptionTrainingJobUpdatedArgs, 'jobId'>>;
}>;

export type TrainingJobResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['TrainingJob'] = ResolversParentTypes['TrainingJob'], FederationReferenceType extends FederationReferenceTypes['TrainingJob'] = FederationReferenceTypes['TrainingJob']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['TrainingJob']> | FederationReferenceType, FederationReferenceType, ContextType>;
  algorithm?: Resolver<ResolversTypes['Algorithm'], ParentType, ContextType>;
  attempt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  cancelRequested?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  createdAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  dataset?: Resolver<ResolversTypes['Dataset'], ParentType, ContextType>;
  epoch?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  error?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  featureColumns?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  finishedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  history?: Resolver<Array<ResolversTypes['EpochMetrics']>, ParentType, ContextType>;
  hyperparameters?: Resolver<ResolversTypes['Hyperparameters'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  model?: Resolver<ResolversTypes['Model'], ParentType, ContextType>;
  owner?: Resolver<ResolversTypes['User'], ParentType, ContextType>;
  progress?: Resolver<ResolversTypes['Float'], ParentType, ContextType>;
  resultVersion?: Resolver<Maybe<ResolversTypes['ModelVersion']>, ParentType, ContextType>;
  run?: Resolver<Maybe<ResolversTypes['Run']>, ParentType, ContextType>;
  startedAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  status?: Resolver<ResolversTypes['JobStatus'], ParentType, ContextType>;
  targetColumn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  totalEpochs?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export type TrainingJobConnectionResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['TrainingJobConnection'] = ResolversParentTypes['TrainingJobConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['TrainingJobEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TrainingJobEdgeResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['TrainingJobEdge'] = ResolversParentTypes['TrainingJobEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType>;
}>;

export type TrainingJobEventResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['TrainingJobEvent'] = ResolversParentTypes['TrainingJobEvent']> = ResolversObject<{
  epoch?: Resolver<Maybe<ResolversTypes['EpochMetrics']>, ParentType, ContextType>;
  job?: Resolver<ResolversTypes['TrainingJob'], ParentType, ContextType>;
}>;

export type UserResolvers<ContextType = RegistryContext, ParentType extends ResolversParentTypes['User'] = ResolversParentTypes['User']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export interface Federation__FieldSetScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['federation__FieldSet'], any> {
  name: 'federation__FieldSet';
}

export interface Link__ImportScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['link__Import'], any> {
  name: 'link__Import';
}

export type Resolvers<ContextType = RegistryContext> = ResolversObject<{
  Artifact?: ArtifactResolvers<ContextType>;
  ColumnSpec?: ColumnSpecResolvers<ContextType>;
  Dataset?: DatasetResolvers<ContextType>;
  DatasetConnection?: DatasetConnectionResolvers<ContextType>;
  DatasetEdge?: DatasetEdgeResolvers<ContextType>;
  DatasetSample?: DatasetSampleResolvers<ContextType>;
  DatasetUpload?: DatasetUploadResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  EpochMetrics?: EpochMetricsResolvers<ContextType>;
  Experiment?: ExperimentResolvers<ContextType>;
  ExperimentConnection?: ExperimentConnectionResolvers<ContextType>;
  ExperimentEdge?: ExperimentEdgeResolvers<ContextType>;
  FeatureSpec?: FeatureSpecResolvers<ContextType>;
  Hyperparameters?: HyperparametersResolvers<ContextType>;
  JSON?: GraphQLScalarType;
  MetricPoint?: MetricPointResolvers<ContextType>;
  Model?: ModelResolvers<ContextType>;
  ModelAlias?: ModelAliasResolvers<ContextType>;
  ModelConnection?: ModelConnectionResolvers<ContextType>;
  ModelEdge?: ModelEdgeResolvers<ContextType>;
  ModelVersion?: ModelVersionResolvers<ContextType>;
  ModelVersionUpload?: ModelVersionUploadResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  OnnxModelInfo?: OnnxModelInfoResolvers<ContextType>;
  OnnxOpset?: OnnxOpsetResolvers<ContextType>;
  OnnxValueInfo?: OnnxValueInfoResolvers<ContextType>;
  Organization?: OrganizationResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  Run?: RunResolvers<ContextType>;
  RunConnection?: RunConnectionResolvers<ContextType>;
  RunEdge?: RunEdgeResolvers<ContextType>;
  Subscription?: SubscriptionResolvers<ContextType>;
  TrainingJob?: TrainingJobResolvers<ContextType>;
  TrainingJobConnection?: TrainingJobConnectionResolvers<ContextType>;
  TrainingJobEdge?: TrainingJobEdgeResolvers<ContextType>;
  TrainingJobEvent?: TrainingJobEventResolvers<ContextType>;
  User?: UserResolvers<ContextType>;
  federation__FieldSet?: GraphQLScalarType;
  link__Import?: GraphQLScalarType;
}>;

export type DirectiveResolvers<ContextType = RegistryContext> = ResolversObject<{
  inaccessible?: InaccessibleDirectiveResolver<any, any, ContextType>;
  interfaceObject?: InterfaceObjectDirectiveResolver<any, any, ContextType>;
  link?: LinkDirectiveResolver<any, any, ContextType>;
  override?: OverrideDirectiveResolver<any, any, ContextType>;
  shareable?: ShareableDirectiveResolver<any, any, ContextType>;
  tag?: TagDirectiveResolver<any, any, ContextType>;
}>;
