import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import type { Caller } from '../../../lib/caller';
import { errors } from '../../../lib/errors';
import type { RequestBase, SubgraphDefinition } from '../../../lib/server/subgraph-server';
import { JobFeed } from './job-feed';

/** What the fixtures saw of each call: which caller and request id reached them, and where. */
export interface SeenCall {
  subgraph: 'jobs' | 'people';
  field: string;
  caller: Caller;
  requestId: string;
}

const jobsTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Job @key(fields: "id") {
    id: ID!
    status: String!
  }

  "Any JSON value: lets tests send the gateway variables of any shape."
  scalar JSON

  type Query {
    job(id: ID!): Job
    "\`first\` jobs (job-0, job-1, …): a page, for tests of the cost limit."
    jobs(first: Int = 10): [Job!]!
  }

  type Mutation {
    touchJob(id: ID!, note: JSON): Job!
  }

  type Subscription {
    jobUpdated(id: ID!): Job!
  }
`);

// `manager` makes Person recursive, so tests can build documents of any depth.
const peopleTypeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])

  type Job @key(fields: "id") {
    id: ID!
    owner: Person
  }

  type Person @key(fields: "id") {
    id: ID!
    name: String!
    manager: Person
    "Two reports each: a list without a page, so tests can nest lists."
    reports: [Person!]!
  }
`);

export interface FixtureSubgraphs {
  feed: JobFeed;
  seen: SeenCall[];
  jobs: SubgraphDefinition<RequestBase>;
  people: SubgraphDefinition<RequestBase>;
  supergraphSdl: string;
}

/** Two test-only subgraphs with no database: `jobs` (owns Job, streams updates) and `people` (Job.owner). */
export function createFixtureSubgraphs(): FixtureSubgraphs {
  const feed = new JobFeed();
  const seen: SeenCall[] = [];
  const record = (subgraph: SeenCall['subgraph'], field: string, context: RequestBase) =>
    seen.push({ subgraph, field, caller: context.caller, requestId: context.requestId });

  const jobs: SubgraphDefinition<RequestBase> = {
    name: 'jobs',
    typeDefs: jobsTypeDefs,
    createContext: (base) => base,
    readiness: {},
    resolvers: {
      Query: {
        job: (_: unknown, { id }: { id: string }, context: RequestBase) => {
          record('jobs', 'job', context);
          return { id, status: 'QUEUED' };
        },
        jobs: (_: unknown, { first }: { first: number }) =>
          Array.from({ length: first }, (_item, i) => ({ id: `job-${i}`, status: 'QUEUED' })),
      },
      Mutation: {
        touchJob: (_: unknown, { id }: { id: string }, context: RequestBase) => {
          record('jobs', 'touchJob', context);
          return { id, status: 'TOUCHED' };
        },
      },
      Subscription: {
        jobUpdated: {
          subscribe: (_: unknown, { id }: { id: string }, context: RequestBase) => {
            record('jobs', 'jobUpdated', context);
            if (id === 'forbidden') throw errors.forbidden('Not your job');
            return feed.subscribe(id);
          },
          resolve: (job: unknown) => job,
        },
      },
      Job: {
        __resolveReference: (reference: { id: string }) => ({ id: reference.id, status: 'QUEUED' }),
      },
    },
  };

  const people: SubgraphDefinition<RequestBase> = {
    name: 'people',
    typeDefs: peopleTypeDefs,
    createContext: (base) => base,
    readiness: {},
    resolvers: {
      Job: {
        __resolveReference: (reference: { id: string }) => reference,
        owner: (job: { id: string }, _: unknown, context: RequestBase) => {
          record('people', 'Job.owner', context);
          return { id: `person-${job.id}`, name: `Owner of ${job.id}` };
        },
      },
      Person: {
        __resolveReference: (reference: { id: string }) => ({
          id: reference.id,
          name: `Person ${reference.id}`,
        }),
        manager: (person: { id: string }) => ({
          id: `${person.id}-manager`,
          name: `Manager of ${person.id}`,
        }),
        reports: (person: { id: string }) =>
          [1, 2].map((i) => ({ id: `${person.id}-report-${i}`, name: `Report ${i} of ${person.id}` })),
      },
    },
  };

  const composition = composeServices([
    { name: 'jobs', url: 'http://jobs.placeholder/graphql', typeDefs: jobsTypeDefs },
    { name: 'people', url: 'http://people.placeholder/graphql', typeDefs: peopleTypeDefs },
  ]);
  if (composition.errors) throw new Error(composition.errors.map((e) => e.message).join('\n'));
  return { feed, seen, jobs, people, supergraphSdl: composition.supergraphSdl };
}
