import DataLoader from 'dataloader';
import { isUuid } from '../../../lib/ids';
import type { ObservabilityRequest } from '../observability-request';
import { summarize, windowBounds, type MetricsFigures, type MetricsWindow } from './metrics-window';
import { sumMinutes } from './model-metrics.store';

/** One model's metrics over a window, as the ModelMetrics type resolves them. */
export interface ModelMetricsView extends MetricsFigures {
  modelId: string;
  window: MetricsWindow;
  from: Date;
  to: Date;
}

/** Model metrics of the caller's organization: a model of another organization has served nothing here. */
export class ModelMetricsService {
  private readonly loaders = new Map<MetricsWindow, DataLoader<string, ModelMetricsView>>();

  constructor(private readonly request: ObservabilityRequest) {}

  /** Batched: every model asked for in one request, one query per window. */
  forModel(modelId: string, window: MetricsWindow): Promise<ModelMetricsView> {
    return this.loader(window).load(modelId);
  }

  /** Unbatched and uncached: a subscription reads the current numbers each time it is told they changed. */
  async current(modelId: string, window: MetricsWindow): Promise<ModelMetricsView> {
    return (await this.read([modelId], window))[0];
  }

  private loader(window: MetricsWindow): DataLoader<string, ModelMetricsView> {
    let loader = this.loaders.get(window);
    if (!loader) {
      loader = new DataLoader((modelIds) => this.read(modelIds, window));
      this.loaders.set(window, loader);
    }
    return loader;
  }

  private async read(modelIds: readonly string[], window: MetricsWindow): Promise<ModelMetricsView[]> {
    const { from, to } = windowBounds(window, new Date());
    const { organizationId } = this.request.user();
    const sums = await sumMinutes(
      this.request.em(),
      organizationId,
      [...new Set(modelIds.filter(isUuid))],
      from,
    );
    return modelIds.map((modelId) => {
      const sum = sums.get(modelId);
      return { modelId, window, from, to, ...summarize(window, sum ? [sum] : []) };
    });
  }
}
