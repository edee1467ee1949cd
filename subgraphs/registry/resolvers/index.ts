import { DateTimeScalar } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Dataset } from './Dataset';
import { DatasetConnection } from './DatasetConnection';
import { DatasetSample } from './DatasetSample';
import { Model } from './Model';
import { ModelConnection } from './ModelConnection';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Dataset,
  DatasetConnection,
  DatasetSample,
  Model,
  ModelConnection,
  Mutation,
  Query,
};
