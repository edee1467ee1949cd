import { errors } from '../../lib/errors';

export const MAX_EMAIL_LENGTH = 254;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 256;
export const MAX_NAME_LENGTH = 100;

// Deliberately loose: the only real proof of an address is a message that reaches it.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const length = (value: string) => [...value].length;

/** An email address, trimmed and lower-cased; BAD_USER_INPUT on `field` otherwise. */
export function parseEmail(value: string, field: string): string {
  const email = value.trim().toLowerCase();
  if (length(email) > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(email)) {
    throw errors.badInput(
      `The email must be a valid address of at most ${MAX_EMAIL_LENGTH} characters`,
      field,
    );
  }
  return email;
}

/**
 * A password, as typed: it is not trimmed, because spaces are part of what the user chose. The upper bound keeps
 * hashing cheap to refuse.
 */
export function parsePassword(value: string, field: string): string {
  const n = length(value);
  if (n < MIN_PASSWORD_LENGTH || n > MAX_PASSWORD_LENGTH) {
    throw errors.badInput(
      `The password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      field,
    );
  }
  return value;
}

/** A display or organization name, trimmed, 1 to 100 characters. */
export function parseName(value: string, field: string): string {
  const name = value.trim();
  if (name.length === 0) throw errors.badInput('The name must not be empty', field);
  if (length(name) > MAX_NAME_LENGTH) {
    throw errors.badInput(`The name must be at most ${MAX_NAME_LENGTH} characters`, field);
  }
  return name;
}
