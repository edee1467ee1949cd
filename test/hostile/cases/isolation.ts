import type { GraphQLField } from 'graphql';
import type { CorpusContext } from '../support/context';
import type { Expectation, HostileCase } from '../support/corpus';
import { anyOf, codes } from '../support/expect';
import { entityOfIdLeaf, validValue } from '../support/fill';
import {
  buildArguments,
  leafKey,
  leavesOf,
  operationFor,
  rootFields,
  type Leaf,
  type RootKind,
} from '../support/schema';
import { errorCodes, sendGraphQL } from '../support/send';
import { subscribeOnce } from '../support/ws';

/** A filter naming another organization's id finds nothing; it may also say so. */
const emptyOrRefused: Expectation = anyOf(codes('NOT_FOUND', 'FORBIDDEN'), (answer) =>
  errorCodes(answer).length === 0 ? undefined : `expected no error; got ${errorCodes(answer).join(', ')}`,
);

/**
 * What an id of organization A is answered with when organization B sends it: NOT_FOUND or FORBIDDEN for the
 * operation's own subject; inside an input (startTrainingJob's datasetId) BAD_USER_INPUT naming the field is how
 * the API reports a reference it cannot use; a filter simply matches nothing.
 */
function expectationFor(leaf: Leaf): Expectation {
  if (leaf.holder?.endsWith('Filter')) return emptyOrRefused;
  if (leaf.holder) return codes('NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT');
  return codes('NOT_FOUND', 'FORBIDDEN');
}

/** The field's arguments as B sends them: B's own valid values, with the `attacked` ID leaves set to A's ids. */
function argumentsWithIdsOfA(
  context: CorpusContext,
  field: GraphQLField<unknown, unknown>,
  attacked: Set<string>,
): Record<string, unknown> {
  return buildArguments(field, (leaf) => {
    if (leaf.typeName === 'ID' && attacked.has(leafKey(leaf)))
      return context.idOf(context.a, entityOfIdLeaf(field, leaf));
    // B asks to be added to A's organization: an unknown email would be refused for another reason.
    if (leaf.path[leaf.path.length - 1] === 'email') return context.b.email;
    return validValue(context, context.b, field, leaf);
  });
}

function isolationCase(kind: RootKind, field: GraphQLField<unknown, unknown>, attacked: Leaf[]): HostileCase {
  const keys = new Set(attacked.map(leafKey));
  const what = attacked.length === 1 ? attacked[0].path.join('.') : 'every id';
  return {
    category: 'isolation',
    name: `${kind} ${field.name}: ${what} of organization A, sent by B`,
    send: (context) => {
      const variables = argumentsWithIdsOfA(context, field, keys);
      const query = operationFor(kind, field, Object.keys(variables));
      return kind === 'subscription'
        ? subscribeOnce(context, 'b', query, variables)
        : sendGraphQL(context, { query, variables });
    },
    expect:
      attacked.length === 1
        ? expectationFor(attacked[0])
        : attacked.every((leaf) => leaf.holder?.endsWith('Filter'))
          ? emptyOrRefused
          : codes('NOT_FOUND', 'FORBIDDEN', 'BAD_USER_INPUT'),
  };
}

/**
 * Every query, mutation and subscription of every subgraph that takes an id, from the composed schema: one case
 * per id argument (A's id there, B's own elsewhere, so a check missing on one argument shows), and one with every
 * id of A.
 */
export function isolationCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const { kind, field } of rootFields('query', 'mutation', 'subscription')) {
    const ids = leavesOf(field).filter((leaf) => leaf.typeName === 'ID');
    for (const leaf of ids) cases.push(isolationCase(kind, field, [leaf]));
    if (ids.length > 1) cases.push(isolationCase(kind, field, ids));
  }
  return cases;
}
