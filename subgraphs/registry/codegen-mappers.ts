/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  Model: '../model/model.entity#Model',
  ModelConnection: '../model/model-page#ModelPage',
  Dataset: '../dataset/dataset.entity#Dataset',
  DatasetConnection: '../dataset/dataset-page#DatasetPage',
  DatasetSample: '../dataset/csv-profiler#ReferenceSample',
};
