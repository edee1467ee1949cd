import type { RequestBase } from '../../lib/server/subgraph-server';
import type { DatasetService } from './dataset/dataset.service';
import type { ModelService } from './model/model.service';

/** What every registry resolver receives: the request plus services confined to the caller's organization. */
export interface RegistryContext extends RequestBase {
  models: ModelService;
  datasets: DatasetService;
}
