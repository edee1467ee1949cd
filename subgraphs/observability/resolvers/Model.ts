import type { ModelResolvers } from '../__generated__/resolvers-types';

export const Model: ModelResolvers = {
  __resolveReference: (reference) => ({ id: reference.id }),
  driftPolicy: (model, _args, { driftPolicies }) => driftPolicies.forModel(model.id),
  metrics: (model, { window }, { modelMetrics }) => modelMetrics.forModel(model.id, window ?? 'LAST_HOUR'),
  drift: (model, _args, { driftReports }) => driftReports.latest(model.id),
  driftReports: (model, args, { driftReports }) => driftReports.page(model.id, args),
  driftAlerts: (model, args, { driftAlerts }) => driftAlerts.page(model.id, args),
};
