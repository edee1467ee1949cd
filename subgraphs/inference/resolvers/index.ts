import { DateTimeScalar, GraphQLJSON } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Deployment } from './Deployment';
import { DeploymentConnection } from './DeploymentConnection';
import { Model } from './Model';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: GraphQLJSON,
  Deployment,
  DeploymentConnection,
  Model,
  Mutation,
  Query,
};
