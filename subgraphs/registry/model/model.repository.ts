import type { FilterQuery } from '@mikro-orm/core';
import { raw } from '@mikro-orm/knex';
import { OrganizationRepository } from '../../../lib/organization-repository';
import { Model, ModelTag, type Framework, type Lifecycle, type TaskType } from './model.entity';
import type { KeysetCursor } from '../../../lib/keyset-page';
import { tagsOf } from '../tags';
import type { ModelOrder, ModelOrderField } from './model-page';

export interface ModelCriteria {
  framework?: Framework;
  taskType?: TaskType;
  lifecycle?: Lifecycle;
  tag?: string;
  search?: string;
}

const sortColumns: Record<ModelOrderField, { property: 'name' | 'createdAt' | 'updatedAt'; column: string }> =
  {
    NAME: { property: 'name', column: 'name' },
    CREATED_AT: { property: 'createdAt', column: 'created_at' },
    UPDATED_AT: { property: 'updatedAt', column: 'updated_at' },
  };

/** `!` escapes LIKE wildcards the same way on PostgreSQL and SQLite (SQLite has no default escape character). */
function likePattern(text: string): string {
  return `%${text.toLowerCase().replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Model queries. The EntityManager it is given is confined to one organization by the `organization` filter, so
 * every query here is too; tags are only read for models loaded through it.
 */
export class ModelRepository extends OrganizationRepository<Model> {
  protected readonly entity = Model;

  findByName(name: string): Promise<Model | null> {
    return this.em.findOne(Model, { name });
  }

  /** Up to `limit` models after the cursor, in the given order with the id as tie-breaker. */
  findPage(
    criteria: ModelCriteria,
    order: ModelOrder,
    limit: number,
    after?: KeysetCursor,
  ): Promise<Model[]> {
    const { property, column } = sortColumns[order.field];
    const direction = order.direction === 'ASC' ? 'asc' : 'desc';
    const where = this.where(criteria);
    if (after) {
      // A row-value comparison lets PostgreSQL seek the (organization_id, sort column, id) index to the cursor.
      const [sortValue] = after.values;
      const value =
        sortValue instanceof Date ? this.em.getPlatform().processDateProperty(sortValue) : sortValue;
      const operator = order.direction === 'ASC' ? '>' : '<';
      where.push({ [raw((a) => `(${a}.${column}, ${a}.id) ${operator} (?, ?)`, [value, after.id])]: [] });
    }
    return this.em.find(
      Model,
      { $and: where },
      { orderBy: [{ [property]: direction }, { id: direction }], limit },
    );
  }

  count(criteria: ModelCriteria): Promise<number> {
    return this.em.count(Model, { $and: this.where(criteria) });
  }

  /** Tags of the given models in one query, sorted, keyed by model id. */
  tagsOf(modelIds: readonly string[]): Promise<Map<string, string[]>> {
    return tagsOf(this.em, ModelTag, 'model', modelIds);
  }

  /** Inserts the model, then its tags; call it inside `transactional`. */
  async insert(model: Model, tags: readonly string[]): Promise<void> {
    this.em.persist(model);
    await this.em.flush();
    await this.insertTags(model, tags);
  }

  /** Writes the model's changes and replaces its tags when `tags` is given; call it inside `transactional`. */
  async update(model: Model, tags?: readonly string[]): Promise<void> {
    await this.em.flush();
    if (!tags) return;
    await this.em.nativeDelete(ModelTag, { model: model.id });
    await this.insertTags(model, tags);
  }

  /** Deletes the model and its tags; call it inside `transactional`. */
  async delete(model: Model): Promise<void> {
    await this.em.nativeDelete(ModelTag, { model: model.id });
    this.em.remove(model);
    await this.em.flush();
  }

  private async insertTags(model: Model, tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await this.em.insertMany(
      ModelTag,
      tags.map((tag) => ({ model: model.id, tag })),
    );
  }

  // Built afresh for each query: raw fragments are consumed when a query is compiled.
  private where(criteria: ModelCriteria): FilterQuery<Model>[] {
    const where: FilterQuery<Model>[] = [];
    if (criteria.framework) where.push({ framework: criteria.framework });
    if (criteria.taskType) where.push({ taskType: criteria.taskType });
    if (criteria.lifecycle) where.push({ lifecycle: criteria.lifecycle });
    if (criteria.tag) {
      // A sub-query of the (organization-filtered) models query: model_tags has no organization of its own.
      // eslint-disable-next-line no-restricted-syntax
      const tagged = this.em.createQueryBuilder(ModelTag, 't').select('t.model').where({ tag: criteria.tag });
      where.push({ id: { $in: raw(tagged) } });
    }
    if (criteria.search) {
      const pattern = likePattern(criteria.search);
      where.push({
        [raw(
          (a) => `(lower(${a}.name) like ? escape '!' or lower(${a}.description) like ? escape '!')`,
          [pattern, pattern],
        )]: [],
      });
    }
    return where;
  }
}
