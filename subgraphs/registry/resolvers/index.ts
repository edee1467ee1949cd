import { DateTimeScalar, GraphQLJSON } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Artifact } from './Artifact';
import { Model } from './Model';
import { ModelConnection } from './ModelConnection';
import { ModelVersion } from './ModelVersion';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: GraphQLJSON,
  Artifact,
  Model,
  ModelConnection,
  ModelVersion,
  Mutation,
  Query,
};
