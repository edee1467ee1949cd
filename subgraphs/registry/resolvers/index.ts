import { DateTimeScalar, GraphQLJSON } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Dataset } from './Dataset';
import { DatasetConnection } from './DatasetConnection';
import { DatasetSample } from './DatasetSample';
import { Experiment } from './Experiment';
import { ExperimentConnection } from './ExperimentConnection';
import { Artifact } from './Artifact';
import { Model } from './Model';
import { ModelConnection } from './ModelConnection';
import { ModelVersion } from './ModelVersion';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Run } from './Run';
import { RunConnection } from './RunConnection';
import { Subscription } from './Subscription';
import { TrainingJob } from './TrainingJob';
import { TrainingJobConnection } from './TrainingJobConnection';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  Dataset,
  DatasetConnection,
  DatasetSample,
  JSON: GraphQLJSON,
  Experiment,
  ExperimentConnection,
  Model,
  ModelConnection,
  Mutation,
  Query,
  Run,
  RunConnection,
  Subscription,
  TrainingJob,
  TrainingJobConnection,
  Artifact,
  ModelVersion,
};
