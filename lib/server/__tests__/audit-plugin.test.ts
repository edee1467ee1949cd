import { ApolloServer } from '@apollo/server';
import { buildSchema } from 'graphql';
import type { Caller } from '../../caller';
import { errors } from '../../errors';
import type { AuditEvent } from '../../stream/audit-stream';
import { createAuditPlugin, type AuditedContext } from '../audit-plugin';

const typeDefs = `
  input VersionInput { modelId: ID!  datasetIds: [ID!]  password: String  note: String }
  type Model { id: ID!  name: String! }
  type User { id: ID! }
  type AuthPayload { accessToken: String!  user: User! }
  type Query { model(id: ID!): Model }
  type Mutation {
    createModel(name: String!, secret: String): Model!
    createVersion(input: VersionInput!, uploadUrl: String): Model!
    deleteModels(ids: [ID!]!): [Model!]!
    login(email: String!, password: String!): AuthPayload!
    refuse(modelId: ID!): Boolean!
    crash(modelId: ID!): Boolean!
  }`;

const MODEL_ID = '00000000-0000-4000-8000-000000000001';
const USER_ID = '00000000-0000-4000-8000-000000000002';

const rootValue = {
  model: ({ id }: { id: string }) => ({ id, name: 'm' }),
  createModel: ({ name }: { name: string }) => ({ id: MODEL_ID, name }),
  createVersion: async ({ input }: { input: { modelId: string } }) => ({ id: 'v-1', name: input.modelId }),
  deleteModels: ({ ids }: { ids: string[] }) => ids.map((id) => ({ id, name: 'gone' })),
  login: () => ({ accessToken: 'secret-access-token', user: { id: USER_ID } }),
  refuse: () => {
    throw errors.forbidden();
  },
  crash: () => {
    throw new Error('database on fire at postgres://user:pw@db');
  },
};

const user: Caller = {
  kind: 'user',
  userId: '00000000-0000-4000-8000-00000000000a',
  organizationId: '00000000-0000-4000-8000-00000000000b',
  role: 'OWNER',
  scopes: [],
  apiKeyId: '00000000-0000-4000-8000-00000000000c',
};

async function run(query: string, caller: Caller = user, variables?: Record<string, unknown>) {
  const events: AuditEvent[] = [];
  const server = new ApolloServer<AuditedContext>({
    schema: buildSchema(typeDefs),
    rootValue,
    plugins: [
      createAuditPlugin({
        subgraph: 'registry',
        recorder: { record: (event) => events.push(event) },
        now: () => new Date('2026-01-02T03:04:05.000Z'),
      }),
    ],
  });
  await server.start();
  try {
    const context: AuditedContext = { caller, requestId: 'req-1', clientAddress: '203.0.113.7' };
    const response = await server.executeOperation({ query, variables }, { contextValue: context });
    return { events, response };
  } finally {
    await server.stop();
  }
}

describe('audit plugin', () => {
  it('records one event per root mutation field, with the caller, request id and client address', async () => {
    const { events } = await run(
      `mutation { a: createModel(name: "x") { id name } b: createModel(name: "y") { id } }`,
    );
    expect(events).toHaveLength(2);
    expect(events[0]).toEqual({
      eventId: expect.any(String),
      organizationId: user.kind === 'user' ? user.organizationId : null,
      actorId: user.kind === 'user' ? user.userId : null,
      apiKeyId: '00000000-0000-4000-8000-00000000000c',
      subgraph: 'registry',
      operation: 'createModel',
      targetIds: [MODEL_ID],
      outcome: 'OK',
      errorCode: null,
      requestId: 'req-1',
      clientAddress: '203.0.113.7',
      time: '2026-01-02T03:04:05.000Z',
    });
    expect(events[0].eventId).not.toBe(events[1].eventId);
  });

  it('names the ID arguments, nested in inputs and lists too, and never another argument value', async () => {
    const { events } = await run(
      `mutation ($input: VersionInput!) { createVersion(input: $input, uploadUrl: "https://s3/presigned?sig=abc") { id } }`,
      user,
      { input: { modelId: 'm-1', datasetIds: ['d-1', 'd-2'], password: 'hunter2', note: 'private note' } },
    );
    expect(events[0].targetIds).toEqual(['m-1', 'd-1', 'd-2', 'v-1']);
    const text = JSON.stringify(events);
    for (const secret of ['hunter2', 'private note', 'presigned', 'sig=abc'])
      expect(text).not.toContain(secret);
  });

  it('names every id of a returned list', async () => {
    const { events } = await run(`mutation { deleteModels(ids: ["a", "b"]) { id } }`);
    expect(events[0].targetIds).toEqual(['a', 'b']);
  });

  it('records a refused mutation with its error code, and an unexpected failure as INTERNAL_SERVER_ERROR', async () => {
    // A failed non-null root field ends a mutation's execution, so each runs alone.
    const refused = await run(`mutation { refuse(modelId: "m-9") }`);
    const crashed = await run(`mutation { crash(modelId: "m-8") }`);
    const events = [...refused.events, ...crashed.events];
    expect(events.map((e) => [e.operation, e.outcome, e.errorCode, e.targetIds])).toEqual([
      ['refuse', 'ERROR', 'FORBIDDEN', ['m-9']],
      ['crash', 'ERROR', 'INTERNAL_SERVER_ERROR', ['m-8']],
    ]);
    expect(JSON.stringify(events)).not.toContain('postgres://');
  });

  it('takes the user a sign-in returns as the actor of an anonymous caller, without the credentials or token', async () => {
    const { events } = await run(
      `mutation { login(email: "ada@example.com", password: "correct horse") { accessToken user { id } } }`,
      { kind: 'anonymous' },
    );
    expect(events[0]).toMatchObject({
      actorId: USER_ID,
      organizationId: null,
      apiKeyId: null,
      outcome: 'OK',
    });
    const text = JSON.stringify(events);
    for (const secret of ['ada@example.com', 'correct horse', 'secret-access-token'])
      expect(text).not.toContain(secret);
  });

  it('records nothing for queries, nor for a mutation that fails validation', async () => {
    expect((await run(`{ model(id: "m-1") { id } }`)).events).toEqual([]);
    const invalid = await run(`mutation { createModel(nam: "x") { id } }`);
    expect(invalid.response.body.kind === 'single' && invalid.response.body.singleResult.errors).toBeTruthy();
    expect(invalid.events).toEqual([]);
  });
});
