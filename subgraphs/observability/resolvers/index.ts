import { DateTimeScalar, GraphQLJSON } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { DriftAlertConnection, DriftReportConnection } from './Connections';
import { DriftAlert } from './DriftAlert';
import { DriftReport } from './DriftReport';
import { Model } from './Model';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Subscription } from './Subscription';

export const resolvers: Resolvers = {
  JSON: GraphQLJSON,
  DateTime: DateTimeScalar,
  Model,
  Query,
  Mutation,
  Subscription,
  DriftReport,
  DriftAlert,
  DriftReportConnection,
  DriftAlertConnection,
};
