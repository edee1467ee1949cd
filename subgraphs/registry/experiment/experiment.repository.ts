import { OrganizationRepository } from '../../../lib/organization-repository';
import type { KeysetCursor } from '../../../lib/keyset-page';
import { findNewestFirst } from '../../../lib/keyset-query';
import { tagsOf } from '../tags';
import { Experiment, ExperimentTag } from './experiment.entity';

/** Experiment queries, confined to one organization by the EntityManager's `organization` filter. */
export class ExperimentRepository extends OrganizationRepository<Experiment> {
  protected readonly entity = Experiment;

  findByName(name: string): Promise<Experiment | null> {
    return this.em.findOne(Experiment, { name });
  }

  /** Up to `limit` experiments after the cursor, newest first, with the id as tie-breaker. */
  findPage(limit: number, after?: KeysetCursor): Promise<Experiment[]> {
    return findNewestFirst(this.em, Experiment, {}, limit, after);
  }

  count(): Promise<number> {
    return this.em.count(Experiment, {});
  }

  /** Tags of the given experiments in one query, sorted, keyed by experiment id. */
  tagsOf(experimentIds: readonly string[]): Promise<Map<string, string[]>> {
    return tagsOf(this.em, ExperimentTag, 'experiment', experimentIds);
  }

  /** Inserts the experiment, then its tags; call it inside `transactional`. */
  async insert(experiment: Experiment, tags: readonly string[]): Promise<void> {
    this.em.persist(experiment);
    await this.em.flush();
    if (tags.length === 0) return;
    await this.em.insertMany(
      ExperimentTag,
      tags.map((tag) => ({ experiment: experiment.id, tag, organizationId: experiment.organizationId })),
    );
  }
}
