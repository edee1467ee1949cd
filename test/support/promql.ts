/**
 * The metric names a PromQL expression selects: what must exist in some `/metrics` answer for the expression
 * to mean anything. Label names (in matchers and in by/without/on/ignoring/group_* lists), function and
 * aggregation names, keywords, strings, numbers, durations and Grafana variables are not metric names.
 *
 * A lexer rather than a regular expression: a metric name is an identifier that is neither a keyword nor
 * followed by `(`, and only a scan that skips strings, matcher blocks and ranges can tell which ones those are.
 */

/** PromQL keywords (matched case-insensitively, as Prometheus's lexer does). */
const KEYWORDS = new Set([
  'and',
  'or',
  'unless',
  'atan2',
  'bool',
  'offset',
  'by',
  'without',
  'on',
  'ignoring',
  'group_left',
  'group_right',
  'inf',
  'nan',
  // Aggregation operators: `sum by (x) (…)` puts a keyword, not `(`, after the name.
  'sum',
  'min',
  'max',
  'avg',
  'group',
  'stddev',
  'stdvar',
  'count',
  'count_values',
  'bottomk',
  'topk',
  'quantile',
  'limitk',
  'limit_ratio',
]);

/** Keywords followed by a parenthesised list of label names. */
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);

const IDENTIFIER = /[A-Za-z_:][A-Za-z0-9_:]*/y;
const NUMBER = /(?:0[xX][0-9a-fA-F]+|(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?)[A-Za-z0-9_]*/y;
/** `$name`, `${name}`, `${name:format}`, `[[name]]` are Grafana's, replaced before Prometheus sees the query. */
const GRAFANA_VARIABLE = /\$(?:\{[^}]*\}|[A-Za-z0-9_]+)|\[\[[^\]]*\]\]/y;

export class PromQLSyntaxError extends Error {
  constructor(expression: string, at: number, reason: string) {
    super(`${reason} at offset ${at} of PromQL expression: ${expression}`);
  }
}

class Scanner {
  at = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }

  get char(): string {
    return this.text[this.at];
  }

  fail(reason: string): never {
    throw new PromQLSyntaxError(this.text, this.at, reason);
  }

  match(pattern: RegExp): string | undefined {
    pattern.lastIndex = this.at;
    const found = pattern.exec(this.text)?.[0];
    if (found) this.at += found.length;
    return found;
  }

  skipSpaceAndComments(): void {
    while (!this.done) {
      if (/\s/.test(this.char)) this.at += 1;
      else if (this.char === '#') while (!this.done && this.text[this.at] !== '\n') this.at += 1;
      else return;
    }
  }

  /** The next significant character, without consuming it. */
  peek(): string | undefined {
    this.skipSpaceAndComments();
    return this.done ? undefined : this.char;
  }

  /** A quoted string from its opening quote; returns its value. */
  string(): string {
    const quote = this.char;
    const start = this.at;
    let value = '';
    for (this.at += 1; !this.done; this.at += 1) {
      if (this.char === quote) {
        this.at += 1;
        return value;
      }
      // Raw strings (backticks) have no escapes.
      if (this.char === '\\' && quote !== '`') this.at += 1;
      value += this.text[this.at] ?? '';
    }
    this.at = start;
    return this.fail('unterminated string');
  }

  /** Everything up to the bracket that closes the one at the cursor, strings included. */
  enclosed(close: string): string {
    const open = this.char;
    const start = this.at;
    let depth = 0;
    while (!this.done) {
      if (this.char === '"' || this.char === "'" || this.char === '`') {
        this.string();
        continue;
      }
      if (this.char === open) depth += 1;
      else if (this.char === close && --depth === 0) {
        this.at += 1;
        return this.text.slice(start + 1, this.at - 1);
      }
      this.at += 1;
    }
    this.at = start;
    return this.fail(`unclosed ${open}`);
  }
}

/**
 * The metric names a `{…}` matcher block names: `__name__="x"` or, since Prometheus 3, a lone quoted name
 * (`{"x", job="y"}`). A regular expression on `__name__` cannot be checked, so it is refused.
 */
function namesInMatchers(block: string, expression: string): string[] {
  const scanner: Scanner = new Scanner(block);
  const names: string[] = [];
  while (scanner.peek() !== undefined) {
    if (scanner.char === ',') {
      scanner.at += 1;
      continue;
    }
    const quoted = scanner.char === '"' || scanner.char === "'" || scanner.char === '`';
    const label = quoted ? scanner.string() : scanner.match(IDENTIFIER);
    if (label === undefined) scanner.fail('expected a label name');
    scanner.skipSpaceAndComments();
    const operator = scanner.match(/=~|!~|!=|=/y);
    if (!operator) {
      if (!quoted) scanner.fail(`label ${label} has no matcher`);
      names.push(label);
      continue;
    }
    if (scanner.peek() === undefined || !`"'\``.includes(scanner.char)) scanner.fail('expected a string');
    const value = scanner.string();
    if (label !== '__name__') continue;
    if (operator !== '=') throw new PromQLSyntaxError(expression, 0, `__name__${operator} cannot be checked`);
    names.push(value);
  }
  return names;
}

function grafanaVariable(scanner: Scanner): void {
  if (!scanner.match(GRAFANA_VARIABLE)) scanner.fail('malformed Grafana variable');
}

/** Every metric name the expression selects, in order of appearance, without repeats. */
export function metricNamesOf(expression: string): string[] {
  const scanner: Scanner = new Scanner(expression);
  const names = new Set<string>();
  let expectLabelList = false;
  while (scanner.peek() !== undefined) {
    const char = scanner.char;
    if (expectLabelList && char === '(') {
      scanner.enclosed(')');
      expectLabelList = false;
      continue;
    }
    expectLabelList = false;
    if (char === '"' || char === "'" || char === '`') scanner.string();
    else if (char === '{') namesInMatchers(scanner.enclosed('}'), expression).forEach((n) => names.add(n));
    else if (char === '$' || (char === '[' && scanner.text[scanner.at + 1] === '[')) grafanaVariable(scanner);
    else if (char === '[') scanner.enclosed(']');
    else if (/[0-9.]/.test(char) && scanner.match(NUMBER)) continue;
    else if (/[A-Za-z_:]/.test(char)) {
      const identifier = scanner.match(IDENTIFIER)!;
      const keyword = identifier.toLowerCase();
      if (LABEL_LIST_KEYWORDS.has(keyword)) expectLabelList = true;
      else if (!KEYWORDS.has(keyword) && scanner.peek() !== '(') names.add(identifier);
    } else if ('()}],+-*/%^=!<>@'.includes(char)) {
      if (char === '}' || char === ']') scanner.fail(`unbalanced ${char}`);
      scanner.at += 1;
    } else scanner.fail(`unexpected ${JSON.stringify(char)}`);
  }
  return [...names];
}

/**
 * The PromQL inside a Grafana query: a panel's `expr` is PromQL; a template variable's query may wrap one in
 * Grafana functions (`label_values(expr, label)`, `query_result(expr)`) or name no metric (`label_values(label)`,
 * `label_names()`, `metrics(regex)`).
 */
export function promqlOfGrafanaQuery(query: string): string | undefined {
  const trimmed = query.trim();
  const call = /^(label_values|query_result|label_names|metrics)\s*\(([\s\S]*)\)$/.exec(trimmed);
  if (!call) return trimmed;
  const [, fn, inside] = call;
  if (fn === 'query_result') return inside;
  if (fn !== 'label_values') return undefined;
  const lastComma = inside.lastIndexOf(',');
  return lastComma < 0 ? undefined : inside.slice(0, lastComma);
}
