import { errors } from '../../../lib/errors';
import type { Lifecycle } from '../model/model.entity';
import type { ModelVersion } from './model-version.entity';

/**
 * Where a version may go from each stage (README, "Model lifecycle"):
 *
 *   DEVELOPMENT → STAGING | PRODUCTION | ARCHIVED
 *   STAGING     → DEVELOPMENT | PRODUCTION | ARCHIVED
 *   PRODUCTION  → STAGING | ARCHIVED          (never back to development: it has served traffic)
 *   ARCHIVED    → STAGING | PRODUCTION        (PRODUCTION is the rollback path)
 *
 * Moving to STAGING or PRODUCTION is a promotion and needs a READY version. Asking for the current stage changes
 * nothing (so a retried call succeeds). A refused transition is CONFLICT: the request is well formed, the
 * version's state forbids it.
 */
export const allowedTransitions: Record<Lifecycle, readonly Lifecycle[]> = {
  DEVELOPMENT: ['STAGING', 'PRODUCTION', 'ARCHIVED'],
  STAGING: ['DEVELOPMENT', 'PRODUCTION', 'ARCHIVED'],
  PRODUCTION: ['STAGING', 'ARCHIVED'],
  ARCHIVED: ['STAGING', 'PRODUCTION'],
};

/** False when the version already is in `to`; throws CONFLICT when the move is not allowed. */
export function checkTransition(version: ModelVersion, to: Lifecycle): boolean {
  if (version.stage === to) return false;
  if (!allowedTransitions[version.stage].includes(to)) {
    throw errors.conflict(
      `Version ${version.version} cannot move from ${version.stage} to ${to}; from ${version.stage} it can go to ` +
        allowedTransitions[version.stage].join(', '),
    );
  }
  if ((to === 'STAGING' || to === 'PRODUCTION') && version.status !== 'READY') {
    throw errors.conflict(
      `Version ${version.version} is ${version.status}: only a READY version (upload completed) can be promoted`,
    );
  }
  return true;
}

const rank: Record<Lifecycle, number> = { ARCHIVED: 0, DEVELOPMENT: 1, STAGING: 2, PRODUCTION: 3 };

/**
 * A model's lifecycle: the most advanced stage among its READY versions; ARCHIVED when they are all archived;
 * DEVELOPMENT while it has none (uploads in progress, expired or invalid versions do not count).
 */
export function modelLifecycle(readyStages: readonly Lifecycle[]): Lifecycle {
  if (readyStages.length === 0) return 'DEVELOPMENT';
  return readyStages.reduce((best, stage) => (rank[stage] > rank[best] ? stage : best));
}
