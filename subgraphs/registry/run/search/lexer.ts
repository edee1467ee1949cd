import { echoInput, errors } from '../../../../lib/errors';

/**
 * The tokens of the run search language (filters and orderBy). Positions are 0-based offsets into the text, so
 * that `text.slice(position)` starts at the token.
 */
export type Token =
  | { kind: 'identifier'; text: string; position: number; entity: string; key: string }
  | { kind: 'word'; text: string; position: number; word: string }
  | { kind: 'string'; text: string; position: number; value: string }
  | { kind: 'number'; text: string; position: number; value: number }
  | { kind: 'operator'; text: string; position: number; operator: ComparisonOperator }
  | { kind: '(' | ')' | 'end'; text: string; position: number };

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=';

/**
 * BAD_USER_INPUT on `field` (filter or orderBy) that points at the offending token:
 * "Unexpected token 'x' at position 17: expected …", with `position` and `token` in the extensions.
 */
export function syntaxError(
  field: string,
  token: { text: string; position: number },
  hint?: string,
  what = 'Unexpected token',
) {
  // A string literal is shown as written, with its own quotes.
  const shown =
    token.text === ''
      ? 'end of input'
      : /^['"]/.test(token.text)
        ? echoInput(token.text)
        : `'${echoInput(token.text)}'`;
  return errors.badInput(`${what} ${shown} at position ${token.position}${hint ? `: ${hint}` : ''}`, field, {
    position: token.position,
    token: echoInput(token.text),
  });
}

const OPERATORS: Record<string, ComparisonOperator> = {
  '=': '=',
  '==': '=',
  '!=': '!=',
  '<>': '!=',
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
};

// A bare word: keywords (and, or, asc, desc) and dotted names such as metrics.val-loss or params.optimizer/lr.
const WORD = /[A-Za-z_][\w.\-/:]*/y;
const NUMBER = /[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/y;
const SPACE = /\s+/y;

function match(pattern: RegExp, text: string, at: number): string | undefined {
  pattern.lastIndex = at;
  return pattern.exec(text)?.[0];
}

/** Reads a quoted text from `at` (on the opening quote); a doubled quote stands for one quote character. */
function readQuoted(text: string, at: number, field: string): { value: string; end: number } {
  const quote = text[at];
  let value = '';
  for (let i = at + 1; i < text.length; i++) {
    if (text[i] !== quote) {
      value += text[i];
    } else if (text[i + 1] === quote) {
      value += quote;
      i++;
    } else {
      return { value, end: i + 1 };
    }
  }
  const what = quote === '`' ? 'Unterminated quoted key' : 'Unterminated string';
  // The token shown is the start of the unterminated text: enough to find it, never the whole input.
  throw syntaxError(field, { text: text.slice(at, at + 20), position: at }, `add the closing ${quote}`, what);
}

/** Splits `metrics.accuracy` into entity and key, reading a backquoted key: metrics.`my metric`. */
function readName(text: string, at: number, word: string, field: string): { token: Token; end: number } {
  const end = at + word.length;
  const dot = word.indexOf('.');
  if (dot < 0) return { token: { kind: 'word', text: word, position: at, word }, end };
  const entity = word.slice(0, dot);
  if (dot === word.length - 1 && text[end] === '`') {
    const quoted = readQuoted(text, end, field);
    const token: Token = {
      kind: 'identifier',
      text: text.slice(at, quoted.end),
      position: at,
      entity,
      key: quoted.value,
    };
    return { token, end: quoted.end };
  }
  return { token: { kind: 'identifier', text: word, position: at, entity, key: word.slice(dot + 1) }, end };
}

/** The tokens of `text`, ending with an `end` token; BAD_USER_INPUT at the first character that starts none. */
export function tokenize(text: string, field: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < text.length) {
    const space = match(SPACE, text, at);
    if (space) {
      at += space.length;
      continue;
    }
    const char = text[at];
    const word = match(WORD, text, at);
    if (word) {
      const { token, end } = readName(text, at, word, field);
      tokens.push(token);
      at = end;
      continue;
    }
    if (char === "'" || char === '"') {
      const { value, end } = readQuoted(text, at, field);
      tokens.push({ kind: 'string', text: text.slice(at, end), position: at, value });
      at = end;
      continue;
    }
    const number = match(NUMBER, text, at);
    if (number) {
      const value = Number(number);
      // 1e999 reads as Infinity: refused here rather than compared as a number no metric can hold.
      if (!Number.isFinite(value)) {
        throw syntaxError(
          field,
          { text: number, position: at },
          'not a finite number',
          'Number out of range',
        );
      }
      tokens.push({ kind: 'number', text: number, position: at, value });
      at += number.length;
      continue;
    }
    const operator = OPERATORS[text.slice(at, at + 2)] ? text.slice(at, at + 2) : OPERATORS[char] ? char : '';
    if (operator) {
      tokens.push({ kind: 'operator', text: operator, position: at, operator: OPERATORS[operator] });
      at += operator.length;
      continue;
    }
    if (char === '(' || char === ')') {
      tokens.push({ kind: char, text: char, position: at });
      at += 1;
      continue;
    }
    const shown = String.fromCodePoint(text.codePointAt(at)!);
    throw syntaxError(field, { text: shown, position: at }, undefined, 'Unexpected character');
  }
  tokens.push({ kind: 'end', text: '', position: text.length });
  return tokens;
}
