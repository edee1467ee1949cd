/**
 * The characters a client's string may carry, in one table. PostgreSQL's text refuses NUL (the query fails) and
 * SQLite cuts the string at it, so NUL is refused everywhere. Names, emails, tags and keys are shown in lists,
 * logs and terminals, where control characters (a terminal escape, a line break) and bidirectional controls
 * (U+202E turns "exe.txt" into "txt.exe" on screen) disguise what is there: they are refused there. Free text
 * (descriptions, run search expressions) keeps tabs and line breaks, and bidirectional marks, which right-to-left
 * prose needs. Secrets (passwords, refresh tokens) are hashed, never shown: only NUL is refused in them.
 */
export type TextKind = 'identifier' | 'text' | 'secret';

/**
 * The kind of the strings an argument or input field carries, by its name; every name not listed is an
 * identifier (the strict default: a new free-text field refuses line breaks until it is listed here).
 */
export const TEXT_KINDS: Readonly<Record<string, TextKind>> = {
  description: 'text',
  /** `Experiment.runs(filter:)`: a search expression may span lines. */
  filter: 'text',
  password: 'secret',
  refreshToken: 'secret',
};

/** The kind of a JSON value's parts: keys name things, string values are data. */
export const JSON_KEY_KIND: TextKind = 'identifier';
export const JSON_VALUE_KIND: TextKind = 'text';

export function textKindOf(name: string): TextKind {
  return Object.hasOwn(TEXT_KINDS, name) ? TEXT_KINDS[name] : 'identifier';
}

// eslint-disable-next-line no-control-regex
const NUL = /\u0000/;
// C0 controls, DEL and C1 controls; U+2028/U+2029 (line and paragraph separators); bidirectional marks,
// embeddings, overrides and isolates (U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069).
const IDENTIFIER_REFUSED =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
// C0 controls but tab, line feed and carriage return; DEL.
// eslint-disable-next-line no-control-regex
const TEXT_REFUSED = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const REFUSED: Record<TextKind, RegExp> = {
  identifier: IDENTIFIER_REFUSED,
  text: TEXT_REFUSED,
  secret: NUL,
};

const codePoint = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

function describe(char: string): string {
  if (char === '\u0000') return 'NUL (U+0000)';
  const point = codePoint(char);
  return /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/.test(char)
    ? `the bidirectional control character ${point}`
    : `the control character ${point}`;
}

/**
 * A UTF-16 surrogate without its pair: no character at all. PostgreSQL refuses it in jsonb (`\ud800` is an
 * unsupported escape) and UTF-8 cannot encode it, so it is refused in every kind of text.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What is wrong with `value` as text of this kind (the first character refused, named), or undefined. */
export function textProblem(value: string, kind: TextKind): string | undefined {
  const match = REFUSED[kind].exec(value);
  if (match) return `must not contain ${describe(match[0])}`;
  const lone = LONE_SURROGATE.exec(value);
  return lone ? `must not contain the unpaired surrogate ${codePoint(lone[0])}` : undefined;
}
