import { errors } from '../../lib/errors';

// Input rules that the registry's named things (models, versions, experiments, datasets) share.

export const MAX_NAME_LENGTH = 100;
export const MAX_DESCRIPTION_LENGTH = 2000;
export const MAX_TAGS = 20;
export const MAX_TAG_LENGTH = 50;

// Names appear in URLs, CLIs and file names: keep them to characters that need no quoting beyond a space.
const NAME_PATTERN = /^[\p{L}\p{N}\-_. ]+$/u;

/** A name, trimmed; BAD_USER_INPUT on `field` when it is empty, too long or has other characters. */
export function parseName(value: string, field: string): string {
  const name = value.trim();
  if (name.length === 0) throw errors.badInput('The name must not be empty', field);
  if (name.length > MAX_NAME_LENGTH) {
    throw errors.badInput(`The name must be at most ${MAX_NAME_LENGTH} characters`, field);
  }
  if (!NAME_PATTERN.test(name)) {
    throw errors.badInput('The name may only contain letters, digits, spaces, "-", "_" and "."', field);
  }
  return name;
}

/** A description, trimmed; an empty one is no description. */
export function parseDescription(value: string | null | undefined, field: string): string | null {
  const description = value?.trim() ?? '';
  if (description.length > MAX_DESCRIPTION_LENGTH) {
    throw errors.badInput(`The description must be at most ${MAX_DESCRIPTION_LENGTH} characters`, field);
  }
  return description.length ? description : null;
}

/** Tags, trimmed and without duplicates, in alphabetical order; `owner` names what carries them. */
export function parseTags(values: readonly string[], field: string, owner = 'A model'): string[] {
  const tags = [...new Set(values.map((t) => t.trim()))].sort();
  if (tags.length > MAX_TAGS) throw errors.badInput(`${owner} can have at most ${MAX_TAGS} tags`, field);
  for (const tag of tags) {
    if (tag.length === 0 || tag.length > MAX_TAG_LENGTH) {
      throw errors.badInput(`Each tag must be 1 to ${MAX_TAG_LENGTH} characters`, field);
    }
  }
  return tags;
}

/** A required value that GraphQL let through as null (an optional input field set to null). */
export function notNull<T>(value: T | null, field: string): T {
  if (value === null) throw errors.badInput(`${field} cannot be null`, field);
  return value;
}
