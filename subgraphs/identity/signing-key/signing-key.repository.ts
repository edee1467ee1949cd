import type { EntityManager } from '../../../lib/database';
import { SigningKey } from './signing-key.entity';

/** The persisted signing keys; read at start-up only. */
export class SigningKeyRepository {
  constructor(private readonly em: EntityManager) {}

  /** The key of the highest generation, read afresh: another replica may have written it since. */
  async newest(): Promise<SigningKey | null> {
    const [key] = await this.em.fork().find(SigningKey, {}, { orderBy: { generation: 'desc' }, limit: 1 });
    return key ?? null;
  }

  /** Inserts the key unless one of the same generation exists; the first writer wins. */
  async insertIfAbsent(key: Omit<SigningKey, 'createdAt'>): Promise<void> {
    await this.em
      .createQueryBuilder(SigningKey)
      .insert({ ...key, createdAt: new Date() })
      .onConflict('generation')
      .ignore()
      .execute();
  }

  /** Rewrites a key's stored private half (to seal it), unless another replica changed it first. */
  async replacePrivateKey(kid: string, from: string, to: string): Promise<void> {
    await this.em
      .createQueryBuilder(SigningKey)
      .update({ privateKey: to })
      .where({ kid, privateKey: from })
      .execute();
  }
}
