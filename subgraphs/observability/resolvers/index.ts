import { DateTimeScalar, GraphQLJSON } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { AuditEvent } from './AuditEvent';
import { AuditEventConnection } from './AuditEventConnection';
import { Model } from './Model';
import { ModelMetrics } from './ModelMetrics';
import { DriftAlertConnection, DriftReportConnection } from './Connections';
import { DriftAlert } from './DriftAlert';
import { DriftReport } from './DriftReport';
import { Mutation } from './Mutation';
import { Query } from './Query';
import { Subscription } from './Subscription';

export const resolvers: Resolvers = {
  DateTime: DateTimeScalar,
  JSON: GraphQLJSON,
  AuditEvent,
  AuditEventConnection,
  Model,
  ModelMetrics,
  Query,
  Subscription,
  Mutation,
  DriftReport,
  DriftAlert,
  DriftReportConnection,
  DriftAlertConnection,
};
