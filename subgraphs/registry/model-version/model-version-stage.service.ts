import { errors } from '../../../lib/errors';
import type { Lifecycle } from '../model/model.entity';
import type { ModelService } from '../model/model.service';
import type { RegistryRequest } from '../registry-request';
import { recomputeLifecycle } from './lifecycle';
import type { ModelVersion } from './model-version.entity';
import { ModelVersionRepository } from './model-version.repository';
import type { ModelVersionService } from './model-version.service';
import { parseAlias } from './model-version.validation';
import { checkTransition } from './stage-rules';

/** Stage transitions (see stage-rules.ts) and aliases: what points clients and deployments at a version. */
export class ModelVersionStageService {
  constructor(
    private readonly request: RegistryRequest,
    private readonly models: ModelService,
    private readonly versions: ModelVersionService,
  ) {}

  /**
   * One transaction: lock the model (serializing every stage change of its versions), check the move, archive the
   * previous PRODUCTION version when promoting to PRODUCTION, move the version, recompute the model's lifecycle.
   */
  async transition(versionId: string, stage: Lifecycle): Promise<ModelVersion> {
    this.request.writer('model versions');
    const version = await this.versions.get(versionId);
    const now = new Date();
    const moved = await this.request.transaction(async (em) => {
      const repository = new ModelVersionRepository(em);
      const model = await repository.lockModel(version.model.id);
      const current = model && (await repository.lockVersion(version.id));
      if (!model || !current) throw errors.notFound('Model version', versionId);
      if (!checkTransition(current, stage)) return current;
      if (stage === 'PRODUCTION') {
        for (const previous of await repository.findInProduction([model.id], true)) {
          Object.assign(previous, { stage: 'ARCHIVED', updatedAt: now });
        }
        // Flushed first: at most one PRODUCTION row per model at any statement (a unique index says so).
        await repository.flush();
      }
      Object.assign(current, { stage, updatedAt: now });
      await repository.flush();
      await recomputeLifecycle(repository, model, now);
      this.versions.forget(model);
      return current;
    });
    return this.versions.prime([moved])[0];
  }

  /** Points the alias at a READY version of the model (moving it if it pointed elsewhere). */
  async setAlias(modelId: string, alias: string, versionId: string) {
    this.request.writer('model versions');
    const name = parseAlias(alias, 'alias');
    const model = await this.models.get(modelId);
    const version = await this.versions.get(versionId);
    if (version.model.id !== model.id) {
      throw errors.badInput(`Version ${versionId} is a version of another model`, 'versionId');
    }
    if (version.status !== 'READY') {
      throw errors.conflict(
        `Version ${version.version} is ${version.status}: only a READY version can have an alias`,
      );
    }
    await this.request.transaction(async (em) => {
      const repository = new ModelVersionRepository(em);
      // The model may have been deleted since it was read.
      if (!(await repository.shareLockModel(model.id))) throw errors.notFound('Model', modelId);
      await repository.setAlias(model.id, name, version.id, new Date());
    });
    this.versions.forget(model);
    return { name, version };
  }

  async deleteAlias(modelId: string, alias: string): Promise<boolean> {
    this.request.writer('model versions');
    const name = parseAlias(alias, 'alias');
    const model = await this.models.get(modelId);
    const deleted = await this.request.transaction(async (em) => {
      const repository = new ModelVersionRepository(em);
      if (!(await repository.shareLockModel(model.id))) throw errors.notFound('Model', modelId);
      return repository.deleteAlias(model.id, name);
    });
    this.versions.forget(model);
    return deleted;
  }
}
