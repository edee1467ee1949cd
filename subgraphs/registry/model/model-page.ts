import type { KeysetOrder, Page } from '../../../lib/keyset-page';
import type { Model } from './model.entity';

export type ModelOrderField = 'NAME' | 'CREATED_AT' | 'UPDATED_AT';
export type OrderDirection = 'ASC' | 'DESC';

export interface ModelOrder {
  field: ModelOrderField;
  direction: OrderDirection;
}

export const DEFAULT_ORDER: ModelOrder = { field: 'CREATED_AT', direction: 'DESC' };

export type ModelPage = Page<Model>;

const sortValue = (model: Model, field: ModelOrderField): string | Date =>
  field === 'NAME' ? model.name : field === 'CREATED_AT' ? model.createdAt : model.updatedAt;

/**
 * A model listing's order as a keyset order: a cursor names the field it was read by, not the direction, as
 * it always has (a cursor of the same field in the other direction is read as that direction's).
 */
export function keysetOrder({ field }: ModelOrder): KeysetOrder<Model> {
  return {
    name: field,
    types: [{ kind: field === 'NAME' ? 'string' : 'date' }],
    valuesOf: (model) => [sortValue(model, field)],
  };
}
