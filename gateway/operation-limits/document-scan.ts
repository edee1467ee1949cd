import { GraphQLError, Lexer, Source, TokenKind } from 'graphql';

/** What a document may hold before it is parsed. */
export interface DocumentBounds {
  /** Most lexical tokens (names, punctuators, values) in one document. */
  maxTokens: number;
  /** Deepest nesting of `{`, `[` and `(`: graphql-js parses and validates nested nodes recursively. */
  maxNesting: number;
  /** Most fragment definitions in one document. */
  maxFragments: number;
}

const opening = new Set<TokenKind>([TokenKind.BRACE_L, TokenKind.BRACKET_L, TokenKind.PAREN_L]);
const closing = new Set<TokenKind>([TokenKind.BRACE_R, TokenKind.BRACKET_R, TokenKind.PAREN_R]);

/**
 * Reads a document's tokens once, without parsing it, and says why it is too large to parse, or undefined. The
 * parser and several of graphql-js's validation rules recurse once per level of nesting or per fragment in a chain
 * of spreads (`NoFragmentCycles`), so a few kilobytes can overflow the stack: this bounds both before they run.
 * The lexer is iterative and stops at the first token over the limit, so the work is bounded too.
 *
 * A document the lexer cannot read is left to the parser, which reports it as GRAPHQL_PARSE_FAILED.
 */
export function documentBoundsError(query: string, bounds: DocumentBounds): GraphQLError | undefined {
  const lexer = new Lexer(new Source(query));
  let tokens = 0;
  let nesting = 0;
  let fragments = 0;
  let definitionStarts = true;
  try {
    for (let token = lexer.advance(); token.kind !== TokenKind.EOF; token = lexer.advance()) {
      tokens += 1;
      if (tokens > bounds.maxTokens) {
        return new GraphQLError(`The document has more than ${bounds.maxTokens} tokens, the maximum`);
      }
      // Every definition ends with the `}` that brings the nesting back to 0, so the token after it starts one.
      if (definitionStarts && token.kind === TokenKind.NAME && token.value === 'fragment') fragments += 1;
      definitionStarts = false;
      if (opening.has(token.kind)) nesting += 1;
      if (closing.has(token.kind)) {
        nesting -= 1;
        definitionStarts = nesting === 0;
      }
      if (nesting > bounds.maxNesting) {
        return new GraphQLError(
          `The document nests brackets more than ${bounds.maxNesting} levels deep, the maximum`,
        );
      }
    }
  } catch {
    return undefined;
  }
  if (fragments > bounds.maxFragments) {
    return new GraphQLError(
      `The document defines ${fragments} fragments; the maximum is ${bounds.maxFragments}`,
    );
  }
  return undefined;
}
