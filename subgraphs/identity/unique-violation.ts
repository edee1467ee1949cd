import { UniqueConstraintViolationException } from '@mikro-orm/core';

/**
 * Whether an error is a unique-constraint violation on a column: PostgreSQL names the constraint
 * (`users_email_unique`), SQLite the column (`users.email`). The SQL text in the message is ignored, since it
 * names every column.
 */
export function isUniqueViolationOn(error: unknown, column: string): boolean {
  if (!(error instanceof UniqueConstraintViolationException)) return false;
  const detail = (error as { constraint?: string }).constraint ?? error.message.split(' - ').pop() ?? '';
  return detail.includes(column);
}
