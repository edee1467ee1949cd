/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  Model: '../model/model.entity#Model',
  ModelConnection: '../model/model-page#ModelPage',
};
