import DataLoader from 'dataloader';
import { isUuid } from '../../../lib/ids';
import type { ObservabilityRequest } from '../observability-request';
import { summarize, windowBounds, type MetricsFigures, type MetricsWindow } from './metrics-window';
import { findMinutes } from './model-metrics.store';
import type { ModelMinuteMetrics } from './model-minute-metrics.entity';

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
    const valid = modelIds.filter(isUuid);
    const rows = valid.length ? await findMinutes(this.request.em(), valid, from) : [];
    const byModel = new Map<string, ModelMinuteMetrics[]>();
    for (const row of rows) {
      const list = byModel.get(row.modelId) ?? [];
      list.push(row);
      byModel.set(row.modelId, list);
    }
    return modelIds.map((modelId) => ({
      modelId,
      window,
      from,
      to,
      ...summarize(window, byModel.get(modelId) ?? []),
    }));
  }
}
