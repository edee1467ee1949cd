import { Counter, type Registry } from 'prom-client';

const NAME = 'mlaas_prediction_events_consumed_total';

/**
 * Prediction events a consumer group applied (a redelivered event counts once), labelled by group. Shared by every
 * group of the service: the registry refuses a second metric of one name, so later groups reuse the first's.
 */
export function predictionEventsConsumed(registry: Registry): Counter<'group'> {
  const existing = registry.getSingleMetric(NAME) as Counter<'group'> | undefined;
  return (
    existing ??
    new Counter({
      name: NAME,
      help: 'Prediction events applied by each observability consumer group (a redelivered event counts once)',
      labelNames: ['group'],
      registers: [registry],
    })
  );
}
