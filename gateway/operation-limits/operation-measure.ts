import {
  GraphQLError,
  type ASTNode,
  type OperationDefinitionNode,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import { SelectionFolder, type SelectionFold } from './selection-fold';

/** What one operation may hold, fragments expanded. */
export interface OperationShapeLimits {
  /** Deepest field nesting allowed in an operation (introspection's meta fields do not count). */
  maxDepth: number;
  /** Most aliases allowed in an operation, fragments expanded, introspection included. */
  maxAliases: number;
  /** Most fields selected at the operation's root, fragments expanded. */
  maxRootFields: number;
  /** Most directives used in an operation, fragments expanded. */
  maxDirectives: number;
}

/** The shape of a selection set, fragments expanded. */
interface Shape {
  depth: number;
  aliases: number;
  directives: number;
  /** Fields at this level (not below): at the root, the operation's root fields. */
  fields: number;
}

const directivesOf = (node: { directives?: readonly ASTNode[] }) => node.directives?.length ?? 0;

/**
 * Every alias counts, introspection's included (an alias is what lets a document ask for the same costly field
 * many times). Meta fields (`__schema`, `__type`, `__typename`) add no depth: the schema fixes how deep
 * introspection goes, and the playground's introspection query is deeper than any limit a client query deserves.
 */
const shapeFold: SelectionFold<null, Shape> = {
  empty: () => ({ depth: 0, aliases: 0, directives: 0, fields: 0 }),
  add: (total, item) => ({
    depth: Math.max(total.depth, item.depth),
    aliases: total.aliases + item.aliases,
    directives: total.directives + item.directives,
    fields: total.fields + item.fields,
  }),
  enterField: () => null,
  field: (field, _context, inner) => ({
    depth: field.name.value.startsWith('__') ? 0 : inner.depth + 1,
    aliases: inner.aliases + (field.alias ? 1 : 0),
    directives: inner.directives + directivesOf(field),
    fields: 1,
  }),
  enterInlineFragment: () => null,
  inlineFragment: (fragment, inner) => ({ ...inner, directives: inner.directives + directivesOf(fragment) }),
  enterFragment: () => null,
  fragmentKey: (name) => name,
  spread: (spread, inner) => ({ ...inner, directives: inner.directives + directivesOf(spread) }),
};

function operationLabel(operation: OperationDefinitionNode): string {
  return operation.name ? `Operation "${operation.name.value}"` : 'The operation';
}

/** The operation's own directives and those on its variable definitions. */
function operationDirectives(operation: OperationDefinitionNode): number {
  return (
    directivesOf(operation) +
    (operation.variableDefinitions ?? []).reduce((sum, variable) => sum + directivesOf(variable), 0)
  );
}

/** Each limit the operation breaks, as a message. */
function violations(label: string, shape: Shape, limits: OperationShapeLimits): string[] {
  const messages: string[] = [];
  if (shape.depth > limits.maxDepth) {
    messages.push(`${label} is ${shape.depth} levels deep; the maximum depth is ${limits.maxDepth}`);
  }
  if (shape.aliases > limits.maxAliases) {
    messages.push(`${label} uses ${shape.aliases} aliases; the maximum is ${limits.maxAliases}`);
  }
  if (shape.fields > limits.maxRootFields) {
    messages.push(`${label} selects ${shape.fields} root fields; the maximum is ${limits.maxRootFields}`);
  }
  if (shape.directives > limits.maxDirectives) {
    messages.push(`${label} uses ${shape.directives} directives; the maximum is ${limits.maxDirectives}`);
  }
  return messages;
}

/**
 * Rejects operations over the limits of `OperationShapeLimits` (GRAPHQL_VALIDATION_FAILED): one rule, so each
 * operation is measured in one walk of the document, fragments folded once each.
 */
export function createOperationShapeRule(limits: OperationShapeLimits): ValidationRule {
  return (context: ValidationContext) => {
    const folder = new SelectionFolder(context.getDocument(), shapeFold);
    return {
      OperationDefinition(operation) {
        const shape = folder.foldSelectionSet(operation.selectionSet, null);
        shape.directives += operationDirectives(operation);
        for (const message of violations(operationLabel(operation), shape, limits)) {
          context.reportError(new GraphQLError(message, { nodes: [operation] }));
        }
      },
    };
  };
}
