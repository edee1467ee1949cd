import { errors } from '../../../lib/errors';
import type { DriftPolicyValues } from './drift-policy.entity';

export type DriftPolicyInput = Partial<{ [K in keyof DriftPolicyValues]: DriftPolicyValues[K] | null }>;

/** The input's fields over the current values; BAD_USER_INPUT naming the first field out of range. */
export function validatePolicy(current: DriftPolicyValues, input: DriftPolicyInput): DriftPolicyValues {
  const next: DriftPolicyValues = {
    windowSize: input.windowSize ?? current.windowSize,
    psiThreshold: input.psiThreshold ?? current.psiThreshold,
    pValueThreshold: input.pValueThreshold ?? current.pValueThreshold,
    autoRetrain: input.autoRetrain ?? current.autoRetrain,
    autoDeploy: input.autoDeploy ?? current.autoDeploy,
    // null clears it; left out keeps it.
    retrainDatasetId:
      input.retrainDatasetId === undefined ? current.retrainDatasetId : input.retrainDatasetId,
    retrainCooldownMinutes: input.retrainCooldownMinutes ?? current.retrainCooldownMinutes,
  };
  const field = (name: keyof DriftPolicyValues, rule: string) =>
    errors.badInput(`${name} must be ${rule}`, `input.${name}`);
  if (!Number.isInteger(next.windowSize) || next.windowSize < 30 || next.windowSize > 100_000)
    throw field('windowSize', 'an integer from 30 to 100,000');
  if (!(next.psiThreshold > 0) || !Number.isFinite(next.psiThreshold))
    throw field('psiThreshold', 'a finite number greater than 0');
  if (!(next.pValueThreshold > 0 && next.pValueThreshold < 1))
    throw field('pValueThreshold', 'greater than 0 and less than 1');
  const cooldown = next.retrainCooldownMinutes;
  if (!Number.isInteger(cooldown) || cooldown < 0 || cooldown > 10_080)
    throw field('retrainCooldownMinutes', 'an integer from 0 to 10,080 (a week)');
  return next;
}
