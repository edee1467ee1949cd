import type { GraphQLField } from 'graphql';
import type { Expectation, HostileCase } from '../support/corpus';
import { codes, invariantsOnly } from '../support/expect';
import { validValue } from '../support/fill';
import {
  buildArguments,
  leafKey,
  leafName,
  leavesOf,
  operationFor,
  rootFields,
  type Leaf,
  type RootKind,
} from '../support/schema';
import { sendGraphQL } from '../support/send';

interface Variant {
  name: string;
  text: string;
  /** Whether a name must refuse it (control and bidi characters) or every string must (NUL). */
  refusedIn: 'every string' | 'names' | 'nowhere';
}

const variants: Variant[] = [
  { name: 'a NUL byte', text: 'nul\u0000byte', refusedIn: 'every string' },
  { name: 'control characters', text: 'bell\u0007escape\u001b[31m', refusedIn: 'names' },
  { name: 'a bidi override', text: 'innocent\u202egpj.exe', refusedIn: 'names' },
  { name: 'a lone surrogate', text: 'lone\ud800surrogate', refusedIn: 'nowhere' },
];

/** Leaves that name something (shown in lists, logs and UIs): control and bidi characters are refused there. */
const NAME_LEAVES = new Set(['name', 'displayName', 'organizationName', 'alias']);

/** Leaves the dates-and-cursors category covers, and the JSON leaves that the variables category covers. */
const SKIPPED = new Set(['after']);

/** NUL is refused everywhere; control and bidi characters only in names being written (a lookup finds nothing). */
function expectationFor(variant: Variant, leaf: Leaf, kind: RootKind): Expectation {
  if (variant.refusedIn === 'every string') return codes('BAD_USER_INPUT');
  if (variant.refusedIn === 'names' && kind === 'mutation' && NAME_LEAVES.has(leafName(leaf))) {
    return codes('BAD_USER_INPUT');
  }
  return invariantsOnly;
}

/** The hostile text where the leaf is: inside a JSON value it is an object's value. */
const placed = (leaf: Leaf, text: string) => (leaf.typeName === 'JSON' ? { note: text } : text);

function stringCase(
  kind: RootKind,
  field: GraphQLField<unknown, unknown>,
  leaf: Leaf,
  variant: Variant,
): HostileCase {
  return {
    category: 'strings',
    name: `${kind} ${field.name}(${leaf.path.join('.')}): ${variant.name}`,
    send: (context) => {
      const variables = buildArguments(field, (l) =>
        leafKey(l) === leafKey(leaf) ? placed(l, variant.text) : validValue(context, context.b, field, l),
      );
      return sendGraphQL(context, { query: operationFor(kind, field, Object.keys(variables)), variables });
    },
    expect: expectationFor(variant, leaf, kind),
  };
}

/**
 * Every text a client can send to any subgraph, from the composed schema (String and JSON arguments of every query
 * and mutation, inside input objects too), with a NUL byte, control characters, a bidi override and a lone
 * surrogate; everything else valid, as organization B.
 */
export function stringCases(): HostileCase[] {
  const cases: HostileCase[] = [];
  for (const { kind, field } of rootFields('query', 'mutation')) {
    const textLeaves = leavesOf(field).filter(
      (leaf) => ['String', 'JSON'].includes(leaf.typeName) && !SKIPPED.has(leafName(leaf)),
    );
    for (const leaf of textLeaves)
      for (const variant of variants) cases.push(stringCase(kind, field, leaf, variant));
  }
  return cases;
}
