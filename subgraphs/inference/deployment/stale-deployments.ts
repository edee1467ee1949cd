import type { Orm } from '../../../lib/database';
import { Deployment } from './deployment.entity';

/**
 * Fails the deployments left PENDING or LOADING longer than `timeoutMs` (DEPLOY_LOAD_TIMEOUT_MS): the replica
 * loading one died, or its load outlived any reasonable time. Every replica runs it, at start and periodically:
 * one UPDATE, safe when replicas overlap, and a load still running somewhere then finds its row FAILED and does
 * not make it READY. Returns how many were failed.
 */
export function failStaleDeployments(orm: Orm, timeoutMs: number, now = new Date()): Promise<number> {
  const seconds = Math.round(timeoutMs / 1000);
  return orm.em.fork().nativeUpdate(
    Deployment,
    { status: { $in: ['PENDING', 'LOADING'] }, updatedAt: { $lt: new Date(now.getTime() - timeoutMs) } },
    {
      status: 'FAILED',
      error:
        `not loaded within ${seconds} s (DEPLOY_LOAD_TIMEOUT_MS): the inference replica loading it stopped, ` +
        'or the load took too long; deploy again',
      updatedAt: now,
    },
    // Every organization's: this is the platform's housekeeping, not a caller's request.
    { filters: false },
  );
}
