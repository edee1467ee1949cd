import type { EventBus } from '../../../lib/bus/event-bus';
import type { Config } from '../../../lib/config';
import type { Orm } from '../../../lib/database';
import type { Logger } from '../../../lib/logger';
import type { DriftMetrics } from './drift-metrics';

/** What drift work needs beyond a request, built once per process by the module. */
export interface DriftRuntime {
  config: Config;
  orm: Orm;
  bus: EventBus;
  metrics: DriftMetrics;
  logger: Logger;
}
