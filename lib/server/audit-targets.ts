import {
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  type GraphQLArgument,
  type GraphQLInputType,
} from 'graphql';

/** Ids an event names at most, and characters an id may have: an event stays small whatever the input. */
export const MAX_TARGET_IDS = 100;
export const MAX_ID_LENGTH = 128;

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;

/** An id worth naming: bounded, and free of control characters (PostgreSQL text cannot hold NUL). */
function isId(value: unknown): value is string | number {
  return (
    (typeof value === 'string' &&
      value.length > 0 &&
      value.length <= MAX_ID_LENGTH &&
      !CONTROL.test(value)) ||
    (typeof value === 'number' && Number.isSafeInteger(value))
  );
}

/** Adds the ID-typed parts of `value` (of GraphQL input type `type`) to `into`; other values are never read. */
function collectIds(type: GraphQLInputType, value: unknown, into: Set<string>): void {
  if (value === null || value === undefined || into.size >= MAX_TARGET_IDS) return;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    if (Array.isArray(value)) for (const item of value) collectIds(inner.ofType, item, into);
    return;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object') return;
    const fields = inner.getFields();
    for (const [name, field] of Object.entries(fields))
      collectIds(field.type, (value as Record<string, unknown>)[name], into);
    return;
  }
  if (getNamedType(inner).name === 'ID' && isId(value)) into.add(String(value));
}

/** The values of a field's ID-typed arguments, input objects and lists included, in argument order. */
export function idArguments(
  definitions: readonly GraphQLArgument[],
  args: Record<string, unknown>,
): Set<string> {
  const ids = new Set<string>();
  for (const definition of definitions) collectIds(definition.type, args[definition.name], ids);
  return ids;
}

function idOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const id = (value as { id?: unknown }).id;
  return isId(id) ? String(id) : undefined;
}

/**
 * The id of what a mutation returned: an object's `id`, the ids of a list of objects, or, for a payload without
 * an id of its own (`DatasetUpload { dataset uploadUrl }`), the ids of the objects it holds. Only `id` is read.
 */
export function returnedIds(result: unknown): string[] {
  if (Array.isArray(result)) return result.slice(0, MAX_TARGET_IDS).flatMap((item) => idOf(item) ?? []);
  const id = idOf(result);
  if (id) return [id];
  if (typeof result !== 'object' || result === null) return [];
  return Object.values(result).flatMap((value) => idOf(value) ?? []);
}

/** The user a public mutation (register, login, refreshToken) signed in: the `user` of what it returned. */
export function signedInUserId(result: unknown): string | undefined {
  if (typeof result !== 'object' || result === null) return undefined;
  return idOf((result as { user?: unknown }).user);
}
