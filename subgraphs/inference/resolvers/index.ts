import { DateTimeScalar } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Deployment } from './Deployment';
import { Model } from './Model';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Deployment, Model, Query };
