import { errors } from '../../../../lib/errors';
import { runStatuses, type RunStatus } from '../run.entity';
import { syntaxError, tokenize, type ComparisonOperator, type Token } from './lexer';

/**
 * The run search language, after MLflow's search_runs:
 *
 *   filter     := or
 *   or         := and ("or" and)*
 *   and        := primary ("and" primary)*
 *   primary    := "(" or ")" | comparison
 *   comparison := name operator (string | number)
 *   name       := metrics.<key> | params.<key> | attributes.(status | start_time | end_time)
 *   orderBy    := name ["asc" | "desc"]
 *
 * Keys with other characters than letters, digits, `_ - . / :` are backquoted: metrics.`f1 score`. Keywords
 * ignore case. The parser only builds a tree; it never produces SQL.
 */

export type AttributeKey = 'status' | 'start_time' | 'end_time';

export type Subject =
  { type: 'metric'; key: string } | { type: 'param'; key: string } | { type: 'attribute'; key: AttributeKey };

export interface Comparison {
  kind: 'comparison';
  subject: Subject;
  operator: ComparisonOperator;
  /** A date for start_time and end_time, a RunStatus for status. */
  value: string | number | Date;
}

export type FilterNode = Comparison | { kind: 'and' | 'or'; operands: FilterNode[] };

export interface RunOrder {
  subject: Subject;
  direction: 'ASC' | 'DESC';
}

export const MAX_FILTER_LENGTH = 1000;
export const MAX_COMPARISONS = 20;

const ENTITIES: Record<string, Subject['type']> = {
  metrics: 'metric',
  params: 'param',
  attributes: 'attribute',
};
const ATTRIBUTES: readonly string[] = ['status', 'start_time', 'end_time'];
const NAME_HINT = 'expected metrics.<key>, params.<key> or attributes.status, start_time or end_time';

class Parser {
  private index = 0;
  private comparisons = 0;
  private readonly tokens: Token[];

  constructor(
    text: string,
    private readonly field: string,
  ) {
    if (text.length > MAX_FILTER_LENGTH) {
      throw errors.badInput(`The ${field} must be at most ${MAX_FILTER_LENGTH} characters`, field);
    }
    this.tokens = tokenize(text, field);
  }

  get atEnd(): boolean {
    return this.peek().kind === 'end';
  }

  filter(): FilterNode {
    const node = this.or();
    this.expectEnd('expected "and", "or" or the end of the filter');
    return node;
  }

  order(): RunOrder {
    const subject = this.subject(this.next());
    const token = this.peek();
    let direction: RunOrder['direction'] = 'ASC';
    if (this.isKeyword(token, 'asc') || this.isKeyword(token, 'desc')) {
      direction = this.next().text.toUpperCase() as RunOrder['direction'];
    }
    this.expectEnd('expected ASC, DESC or the end of the order');
    return { subject, direction };
  }

  private or(): FilterNode {
    const operands = [this.and()];
    while (this.isKeyword(this.peek(), 'or')) {
      this.next();
      operands.push(this.and());
    }
    return operands.length === 1 ? operands[0] : { kind: 'or', operands };
  }

  private and(): FilterNode {
    const operands = [this.primary()];
    while (this.isKeyword(this.peek(), 'and')) {
      this.next();
      operands.push(this.primary());
    }
    return operands.length === 1 ? operands[0] : { kind: 'and', operands };
  }

  private primary(): FilterNode {
    const token = this.next();
    if (token.kind === '(') {
      const node = this.or();
      const close = this.next();
      if (close.kind !== ')') throw syntaxError(this.field, close, 'expected ")"');
      return node;
    }
    if (token.kind !== 'identifier') {
      throw syntaxError(this.field, token, 'expected a comparison such as metrics.accuracy > 0.9');
    }
    if (++this.comparisons > MAX_COMPARISONS) {
      const hint = `a filter has at most ${MAX_COMPARISONS} comparisons`;
      throw syntaxError(this.field, token, hint, 'Too many comparisons, from');
    }
    return this.comparison(token);
  }

  private comparison(name: Token): Comparison {
    const subject = this.subject(name);
    const operatorToken = this.next();
    if (operatorToken.kind !== 'operator') {
      throw syntaxError(this.field, operatorToken, 'expected one of =, !=, <, <=, >, >=');
    }
    const { operator } = operatorToken;
    const literal = this.next();
    if (literal.kind !== 'string' && literal.kind !== 'number') {
      throw syntaxError(this.field, literal, 'expected a quoted string or a number');
    }
    const fail = (token: Token, hint: string) => syntaxError(this.field, token, hint);
    switch (subject.type) {
      case 'metric':
        if (literal.kind !== 'number') throw fail(literal, 'metrics compare with numbers');
        return { kind: 'comparison', subject, operator, value: literal.value };
      case 'param':
        if (literal.kind === 'string' && operator !== '=' && operator !== '!=') {
          throw fail(literal, `params compare with a string by = and != only; use a number with ${operator}`);
        }
        return { kind: 'comparison', subject, operator, value: literal.value };
      case 'attribute':
        if (subject.key === 'status') {
          if (operator !== '=' && operator !== '!=')
            throw fail(operatorToken, 'status compares by = and != only');
          const status = String(literal.value).toUpperCase();
          if (literal.kind !== 'string' || !runStatuses.includes(status as RunStatus)) {
            throw fail(literal, `expected a run status: ${runStatuses.join(', ')}`);
          }
          return { kind: 'comparison', subject, operator, value: status };
        }
        return { kind: 'comparison', subject, operator, value: this.date(literal) };
    }
  }

  /** start_time and end_time take an ISO-8601 string or milliseconds since the epoch (as MLflow). */
  private date(literal: Extract<Token, { kind: 'string' | 'number' }>): Date {
    const date = new Date(literal.value);
    const iso = literal.kind === 'number' || /^\d{4}-\d{2}-\d{2}/.test(literal.value);
    if (!iso || Number.isNaN(date.getTime())) {
      throw syntaxError(
        this.field,
        literal,
        'expected an ISO-8601 date-time or milliseconds since the epoch',
      );
    }
    return date;
  }

  private subject(token: Token): Subject {
    if (token.kind !== 'identifier') throw syntaxError(this.field, token, NAME_HINT);
    const type = ENTITIES[token.entity];
    if (!type) throw syntaxError(this.field, token, NAME_HINT, 'Unknown name');
    if (token.key.length === 0) throw syntaxError(this.field, token, `expected a key after ${token.entity}.`);
    if (type !== 'attribute') return { type, key: token.key };
    if (!ATTRIBUTES.includes(token.key)) {
      throw syntaxError(
        this.field,
        token,
        'expected attributes.status, start_time or end_time',
        'Unknown attribute',
      );
    }
    return { type, key: token.key as AttributeKey };
  }

  private expectEnd(hint: string): void {
    if (!this.atEnd) throw syntaxError(this.field, this.peek(), hint);
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'word' && token.word.toLowerCase() === keyword;
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    // The end token stays current, so that every error past the input points at its end.
    if (token.kind !== 'end') this.index++;
    return token;
  }
}

/** The filter's syntax tree, or null for a blank filter; BAD_USER_INPUT on `filter` pointing at a bad token. */
export function parseFilter(text: string): FilterNode | null {
  const parser = new Parser(text, 'filter');
  return parser.atEnd ? null : parser.filter();
}

/** The order, or null for a blank one; BAD_USER_INPUT on `orderBy` pointing at a bad token. */
export function parseOrder(text: string): RunOrder | null {
  const parser = new Parser(text, 'orderBy');
  return parser.atEnd ? null : parser.order();
}
