import { GraphQLJSON } from '../../../lib/graphql/scalars';
import type { Resolvers } from '../__generated__/resolvers-types';
import { Model } from './Model';
import { Query } from './Query';

export const resolvers: Resolvers = { JSON: GraphQLJSON, Model, Query };
