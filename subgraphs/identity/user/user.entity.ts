import { randomUUID } from 'node:crypto';
import { EntitySchema } from '@mikro-orm/core';

export class User {
  id: string = randomUUID();
  /** Stored lower-cased, so that uniqueness and sign-in ignore case. */
  email!: string;
  /** An argon2id PHC string; never leaves this subgraph. */
  passwordHash!: string;
  displayName!: string;
  createdAt: Date = new Date();
  updatedAt: Date = new Date();
}

export const UserSchema = new EntitySchema<User>({
  class: User,
  tableName: 'users',
  properties: {
    id: { type: 'uuid', primary: true },
    email: { type: 'string', length: 254, unique: true },
    passwordHash: { type: 'string', length: 255, hidden: true },
    displayName: { type: 'string', length: 100 },
    createdAt: { type: 'datetime', onCreate: () => new Date() },
    updatedAt: { type: 'datetime', onCreate: () => new Date(), onUpdate: () => new Date() },
  },
});
