/** Maps GraphQL types to what the resolvers return for them (see codegen.ts). */
export const mappers = {
  Deployment: '../deployment/deployment.entity#Deployment',
  DeploymentConnection: '../deployment/deployment.service#DeploymentPage',
  Model: '{ id: string }',
  ModelVersion: '{ id: string }',
};
