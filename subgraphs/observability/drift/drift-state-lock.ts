import { LockMode } from '@mikro-orm/core';
import { rowLock, type EntityManager } from '../../../lib/database';
import { DriftState } from './drift-state.entity';

/** The model's state row, locked until the transaction `em` is in ends; null when it has none. */
export function lockDriftState(em: EntityManager, modelId: string): Promise<DriftState | null> {
  return em.findOne(
    DriftState,
    { modelId },
    { lockMode: rowLock(em, LockMode.PESSIMISTIC_WRITE), refresh: true },
  );
}
