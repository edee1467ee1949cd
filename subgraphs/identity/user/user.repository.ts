import type { EntityManager } from '../../../lib/database';
import { User } from './user.entity';

/** Users by their credentials. Reads for display go through the viewer's scope (viewer/visible-records.ts). */
export class UserRepository {
  constructor(private readonly em: EntityManager) {}

  findByEmail(email: string): Promise<User | null> {
    return this.em.findOne(User, { email });
  }

  findById(id: string): Promise<User | null> {
    return this.em.findOne(User, { id });
  }

  add(data: Pick<User, 'email' | 'passwordHash' | 'displayName'>): User {
    const user = Object.assign(new User(), data);
    this.em.persist(user);
    return user;
  }
}
