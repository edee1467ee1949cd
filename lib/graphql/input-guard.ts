import {
  defaultFieldResolver,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { echoInput, errors } from '../errors';
import { JSON_KEY_KIND, JSON_VALUE_KIND, textKindOf, textProblem, type TextKind } from './input-text';

/** A string the client sent that breaks the rules of its kind: BAD_USER_INPUT naming where it was. */
function checkText(value: string, kind: TextKind, field: string): void {
  const problem = textProblem(value, kind);
  if (problem) throw errors.badInput(`${field} ${problem}`, field);
}

/**
 * Every string of a JSON value (a JSON or _Any scalar): keys as identifiers, string values as data. Iterative,
 * so that no nesting a client sends can overflow the stack.
 */
function checkJson(root: unknown, rootField: string): void {
  const pending: { value: unknown; field: string }[] = [{ value: root, field: rootField }];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { value, field } = next;
    if (typeof value === 'string') checkText(value, JSON_VALUE_KIND, field);
    else if (Array.isArray(value))
      value.forEach((item, i) => pending.push({ value: item, field: `${field}[${i}]` }));
    else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) {
        const at = `${field}.${echoInput(key)}`;
        checkText(key, JSON_KEY_KIND, at);
        pending.push({ value: item, field: at });
      }
    }
  }
}

/** Walks a coerced argument value along its type; `name` is the nearest argument or input field name. */
function checkValue(value: unknown, type: GraphQLInputType, name: string, field: string): void {
  if (value === null || value === undefined) return;
  if (isNonNullType(type)) return checkValue(value, type.ofType, name, field);
  if (isListType(type)) {
    if (Array.isArray(value))
      value.forEach((item, i) => checkValue(item, type.ofType, name, `${field}[${i}]`));
    return;
  }
  if (isInputObjectType(type)) {
    for (const input of Object.values(type.getFields())) {
      const item = (value as Record<string, unknown>)[input.name];
      checkValue(item, input.type, input.name, `${field}.${input.name}`);
    }
    return;
  }
  const named = getNamedType(type).name;
  if (named === 'String' || named === 'ID') checkText(String(value), textKindOf(name), field);
  else checkJson(value, field); // custom scalars: JSON and _Any hold strings; dates and enums hold none
}

function checkArguments(definitions: readonly GraphQLArgument[], args: Record<string, unknown>): void {
  for (const argument of definitions)
    checkValue(args[argument.name], argument.type, argument.name, argument.name);
}

function guardField(field: GraphQLField<unknown, unknown>, subscription: boolean): void {
  if (subscription) {
    // A subscription's arguments are checked once, when it starts, not on every event.
    const subscribe = field.subscribe;
    if (!subscribe) return;
    field.subscribe = (source, args, context, info) => {
      checkArguments(field.args, args);
      return subscribe(source, args, context, info);
    };
    return;
  }
  const resolve: GraphQLFieldResolver<unknown, unknown> = field.resolve ?? defaultFieldResolver;
  field.resolve = (source, args, context, info) => {
    checkArguments(field.args, args);
    return resolve(source, args, context, info);
  };
}

/**
 * Checks every string a client sends a subgraph (arguments, variables, input objects, JSON) against the rules of
 * input-text.ts before the field's resolver sees it, so that no subgraph can store or query with NUL, and no name
 * carries control or bidirectional characters. Values are checked as coerced, whether they came inline or in
 * variables, over HTTP or graphql-ws. Changes the schema in place, once, at start; fields without arguments are
 * left alone.
 */
export function guardInputText(schema: GraphQLSchema): void {
  const subscriptionType = schema.getSubscriptionType();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.length) guardField(field, type === subscriptionType);
    }
  }
}
