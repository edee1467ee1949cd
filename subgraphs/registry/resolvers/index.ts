import { DateTimeScalar } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Model } from './Model';
import { ModelConnection } from './ModelConnection';
import { Mutation } from './Mutation';
import { Query } from './Query';

export const resolvers: Resolvers = { DateTime: DateTimeScalar, Model, ModelConnection, Mutation, Query };
