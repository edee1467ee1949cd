import type { EventBus } from '../../../lib/bus/event-bus';
import type { Config } from '../../../lib/config';
import type { ObservabilityRequest } from '../observability-request';
import { modelMetricsTopic } from './metrics-consumer';
import type { MetricsWindow } from './metrics-window';
import type { ModelMetricsService, ModelMetricsView } from './model-metrics.service';
import { assertModelOfCaller } from './registry-models';
import { ThrottledChanges } from './throttled-changes';

/** A client receives a model's metrics at most this often. */
export const METRICS_UPDATE_INTERVAL_MS = 1_000;

/** The numbers a client sees change (the window's bounds move every read and are no change). */
function figures(view: ModelMetricsView): string {
  const { requestCount, errorCount, cacheHitRate, latencyP50Ms, latencyP95Ms, latencyP99Ms } = view;
  return JSON.stringify([requestCount, errorCount, cacheHitRate, latencyP50Ms, latencyP95Ms, latencyP99Ms]);
}

/** `modelMetricsUpdated`: a model's metrics as consumers of any replica change them (the bus is shared). */
export class ModelMetricsUpdates {
  constructor(
    private readonly request: ObservabilityRequest,
    private readonly metrics: ModelMetricsService,
    private readonly bus: EventBus,
    private readonly config: Config,
  ) {}

  async subscribe(modelId: string, window: MetricsWindow): Promise<AsyncIterableIterator<ModelMetricsView>> {
    await assertModelOfCaller(this.config, this.request.user(), modelId);
    const unsubscribe = new AbortController();
    const notifications = await this.bus.subscribe(modelMetricsTopic(modelId), unsubscribe.signal);
    try {
      // Read after subscribing, so a change committed in between is either in this state or notified.
      const current = await this.metrics.current(modelId, window);
      return new ThrottledChanges(
        notifications,
        () => this.metrics.current(modelId, window),
        figures,
        figures(current),
        METRICS_UPDATE_INTERVAL_MS,
        () => unsubscribe.abort(),
      );
    } catch (error) {
      unsubscribe.abort();
      throw error;
    }
  }
}
