import type { RequestBase } from '../../lib/server/subgraph-server';
import type { ModelService } from './model/model.service';
import type { ModelVersionStageService } from './model-version/model-version-stage.service';
import type { ModelVersionUploadService } from './model-version/model-version-upload.service';
import type { ModelVersionService } from './model-version/model-version.service';

/** What every registry resolver receives: the request plus services confined to the caller's organization. */
export interface RegistryContext extends RequestBase {
  models: ModelService;
  versions: ModelVersionService;
  uploads: ModelVersionUploadService;
  stages: ModelVersionStageService;
}
