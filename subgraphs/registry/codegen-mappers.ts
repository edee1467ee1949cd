/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  Model: '../model/model.entity#Model',
  ModelConnection: '../model/model-page#ModelPage',
  Dataset: '../dataset/dataset.entity#Dataset',
  DatasetConnection: '../dataset/dataset.service#DatasetPage',
  DatasetSample: '../dataset/csv-profiler#ReferenceSample',
  Experiment: '../experiment/experiment.entity#Experiment',
  ExperimentConnection: '../experiment/experiment.service#ExperimentPage',
  Run: '../run/run.entity#Run',
  RunConnection: '../run/run.service#RunPage',
  MetricPoint: '../run/metric.service#MetricPointView',
  ModelVersion: '../model-version/model-version.entity#ModelVersion',
  // A READY version is its own artifact: the fields come from the version row.
  Artifact: '../model-version/model-version.entity#ModelVersion',
  ModelVersionUpload: '../model-version/model-version.service#ModelVersionUpload',
  ModelAlias: '../model-version/model-version.service#ModelAliasView',
  OnnxModelInfo: '../../../ml/onnx-reader/onnx-model-info#OnnxModelInfo',
  // An entity, or a job decoded from a bus event inside a subscription.
  TrainingJob: '../training-job/training-job-snapshot#TrainingJobView',
  TrainingJobConnection: '../training-job/training-job.service#TrainingJobPage',
  TrainingJobEvent: '../training-job/training-job.service#TrainingJobEvent',
  Hyperparameters: '../../../ml/training/hyperparameters#Hyperparameters',
};
