import type { Answer, Expectation, HostileCase } from '../support/corpus';
import type { CorpusContext } from '../support/context';
import { anyOf, closedWith, codes, invariantsOnly, refused } from '../support/expect';
import { converse, frameType, initialize, type Conversation } from '../support/ws';

const SUBSCRIPTION = 'subscription ($m: ID) { driftAlerts(modelId: $m) { id } }';
const subscribe = (id: string, query = SUBSCRIPTION, variables: Record<string, unknown> = {}) =>
  JSON.stringify({ id, type: 'subscribe', payload: { query, variables } });

const socketCase = (
  name: string,
  script: (conversation: Conversation, context: CorpusContext) => Promise<void>,
  expect: Expectation,
  protocols?: string[],
): HostileCase => ({
  category: 'websocket',
  name,
  send: (context) =>
    converse({ url: context.target.wsUrl, protocols }, (conversation) => script(conversation, context)),
  expect,
});

/** After the hostile part, the same socket (if still open) or a new one must still answer a query. */
const stillServes: Expectation = async (_answer, context) => {
  const check = await converse({ url: context.target.wsUrl }, async (conversation) => {
    if (!(await initialize(conversation, context, 'b'))) return;
    conversation.send(subscribe('check', '{ me { id } }'));
    await conversation.until((f) => frameType(f) === 'next');
  });
  return check.body.includes(context.b.userId)
    ? undefined
    : `the gateway no longer serves queries over WebSocket: ${check.body.slice(0, 200)}`;
};

const waitForClose = async (conversation: Conversation) => {
  while (conversation.isOpen()) if ((await conversation.next(5_000)) === undefined) return;
};

/** Distinct subscription documents from one anonymous socket (each parsed and planned before it is refused). */
async function distinctAnonymousDocuments(conversation: Conversation, count: number) {
  conversation.send(JSON.stringify({ type: 'connection_init', payload: {} }));
  if (frameType(await conversation.until((f) => frameType(f) === 'connection_ack')) !== 'connection_ack')
    return;
  for (let i = 0; i < count && conversation.isOpen(); i++) {
    const fields = Array.from({ length: 40 }, (_, j) => `f${j}: model { id name lifecycle tags }`).join(' ');
    conversation.send(
      subscribe(`d${i}`, `subscription S${i} { driftAlerts { id createdAt message ${fields} } }`),
    );
    await conversation.until((f) => f.includes(`"d${i}"`), 2_000);
  }
}

/** WebSocket edge cases: the protocol broken in every way a client can break it. */
export function webSocketCases(): HostileCase[] {
  return [
    socketCase(
      'subscribe without connection_init',
      async (c) => {
        c.send(subscribe('1'));
        await waitForClose(c);
      },
      closedWith(4401),
    ),
    socketCase(
      'no connection_init at all (the init timeout closes it)',
      waitForClose,
      closedWith(4408, 4401),
    ),
    socketCase(
      'a frame that is not JSON',
      async (c) => {
        c.send('this is not json');
        await waitForClose(c);
      },
      closedWith(4400),
    ),
    socketCase(
      'a binary frame',
      async (c) => {
        c.send(Buffer.from([0, 1, 2, 255]));
        await waitForClose(c);
      },
      closedWith(4400, 1003),
    ),
    socketCase(
      'JSON without a type',
      async (c) => {
        c.send('{"id":"1"}');
        await waitForClose(c);
      },
      closedWith(4400),
    ),
    socketCase(
      'an unknown message type',
      async (c) => {
        c.send('{"type":"evil"}');
        await waitForClose(c);
      },
      closedWith(4400),
    ),
    socketCase(
      'connection_init twice',
      async (c, context) => {
        await initialize(c, context, 'b');
        c.send(JSON.stringify({ type: 'connection_init', payload: {} }));
        await waitForClose(c);
      },
      closedWith(4429),
    ),
    socketCase(
      'a 2 MB message',
      async (c) => {
        c.send(JSON.stringify({ type: 'connection_init', payload: { junk: 'x'.repeat(2_000_000) } }));
        await waitForClose(c);
      },
      closedWith(1009, 4400, 4413),
    ),
    socketCase(
      'a connection_init payload nested 20,000 levels',
      async (c) => {
        c.send(`{"type":"connection_init","payload":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`);
        await waitForClose(c);
      },
      invariantsOnly,
    ),
    socketCase(
      'a subscribe payload nested 20,000 levels in variables',
      async (c, context) => {
        await initialize(c, context, 'b');
        c.send(
          `{"id":"1","type":"subscribe","payload":{"query":"subscription ($m: ID) { driftAlerts(modelId: $m) { id } }","variables":{"m":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}}}`,
        );
        await c.until((f) => ['error', 'complete'].includes(frameType(f) ?? ''));
        if (c.isOpen()) await waitForClose(c);
      },
      refused,
    ),
    socketCase(
      'two subscriptions with the same id',
      async (c, context) => {
        await initialize(c, context, 'b');
        c.send(subscribe('same', SUBSCRIPTION, { m: context.b.modelId }));
        c.send(subscribe('same', SUBSCRIPTION, { m: context.b.modelId }));
        await waitForClose(c);
      },
      closedWith(4409),
    ),
    socketCase(
      'a subscribe without an id',
      async (c, context) => {
        await initialize(c, context, 'b');
        c.send(JSON.stringify({ type: 'subscribe', payload: { query: SUBSCRIPTION } }));
        await waitForClose(c);
      },
      closedWith(4400),
    ),
    socketCase(
      '1,000 subscribe/complete cycles on one socket',
      async (c, context) => {
        await initialize(c, context, 'b');
        for (let i = 0; i < 1000 && c.isOpen(); i++) {
          c.send(subscribe(`c${i}`, SUBSCRIPTION, { m: context.b.modelId }));
          c.send(JSON.stringify({ id: `c${i}`, type: 'complete' }));
        }
        c.send(subscribe('last', '{ me { id } }'));
        await c.until((f) => f.includes('"last"') && frameType(f) === 'next', 20_000);
      },
      (answer: Answer, context) =>
        answer.body.includes(context.b.userId)
          ? undefined
          : 'the socket stopped answering after 1,000 cycles',
    ),
    socketCase(
      'an anonymous subscription',
      async (c, context) => {
        await initialize(c, context, 'anonymous');
        c.send(subscribe('1', SUBSCRIPTION));
        await c.until((f) => ['error', 'complete', 'next'].includes(frameType(f) ?? ''), 10_000);
      },
      anyOf(codes('UNAUTHENTICATED'), closedWith(4401, 4403)),
    ),
    socketCase(
      "an anonymous trainingJobUpdated on A's job",
      async (c, context) => {
        await initialize(c, context, 'anonymous');
        c.send(
          subscribe('1', 'subscription ($j: ID!) { trainingJobUpdated(jobId: $j) { job { id status } } }', {
            j: context.a.trainingJobId,
          }),
        );
        await c.until((f) => ['error', 'complete', 'next'].includes(frameType(f) ?? ''), 10_000);
      },
      anyOf(codes('UNAUTHENTICATED'), closedWith(4401, 4403)),
    ),
    socketCase(
      '60 distinct 2 KB subscription documents from one anonymous socket',
      (c) => distinctAnonymousDocuments(c, 60),
      invariantsOnly,
    ),
    socketCase(
      'a ping storm (1,000 pings)',
      async (c, context) => {
        await initialize(c, context, 'b');
        for (let i = 0; i < 1000; i++) c.send('{"type":"ping"}');
        await c.until(() => false, 1_000);
      },
      invariantsOnly,
    ),
    socketCase(
      'the legacy graphql-ws subprotocol',
      async (c) => {
        c.send(JSON.stringify({ type: 'connection_init', payload: {} }));
        await waitForClose(c);
      },
      anyOf(closedWith(1002, 1006, 4406, -1), refused),
      ['graphql-ws'],
    ),
    socketCase(
      'no subprotocol',
      async (c) => {
        c.send(JSON.stringify({ type: 'connection_init', payload: {} }));
        await waitForClose(c);
      },
      anyOf(closedWith(1002, 1006, 4406, -1), refused),
      [],
    ),
    socketCase(
      '10,000 chained fragments in a query over the socket',
      async (c, context) => {
        await initialize(c, context, 'b');
        const fragments = Array.from(
          { length: 10_000 },
          (_, i) => `fragment F${i} on Query { ...F${i + 1} }`,
        ).join('\n');
        c.send(subscribe('1', `query { ...F0 }\n${fragments}\nfragment F10000 on Query { me { id } }`));
        await c.until((f) => ['error', 'complete', 'next'].includes(frameType(f) ?? ''), 10_000);
      },
      refused,
    ),
    {
      category: 'websocket',
      name: '200 anonymous connections at once',
      send: async (context) => {
        const answers = await Promise.all(
          Array.from({ length: 200 }, () =>
            converse({ url: context.target.wsUrl }, (c) => c.until(() => false, 500).then(() => undefined)),
          ),
        );
        const closes = answers.map((a) => a.closeCode ?? 0);
        return {
          ...answers[0],
          body: answers.map((a) => a.body).join('\n'),
          closeCode: closes.find((code) => code === 1011) ?? answers[0].closeCode,
        };
      },
      expect: stillServes,
    },
    socketCase('the socket still serves after everything above', async () => undefined, stillServes),
  ];
}
