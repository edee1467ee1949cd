import * as keyset from '../../../lib/keyset-page';
import type { Model } from './model.entity';

export { isUuid, parsePageSize } from '../../../lib/keyset-page';

export type ModelOrderField = 'NAME' | 'CREATED_AT' | 'UPDATED_AT';
export type OrderDirection = 'ASC' | 'DESC';

export interface ModelOrder {
  field: ModelOrderField;
  direction: OrderDirection;
}

export const DEFAULT_ORDER: ModelOrder = { field: 'CREATED_AT', direction: 'DESC' };

/** Where a page starts: the sort value and id of the last model of the previous page. */
export interface Cursor {
  field: ModelOrderField;
  value: string | Date;
  id: string;
}

export type ModelPage = keyset.Page<Model>;

const valueType = (field: ModelOrderField): keyset.SortValueType => ({
  kind: field === 'NAME' ? 'string' : 'date',
});

const sortValue = (model: Model, field: ModelOrderField): string | Date =>
  field === 'NAME' ? model.name : field === 'CREATED_AT' ? model.createdAt : model.updatedAt;

/** The cursor, or BAD_USER_INPUT on `after` when it is not one this order produced. */
export function decodeCursor(text: string, order: ModelOrder): Cursor {
  const { values, id } = keyset.decodeCursor(text, order.field, [valueType(order.field)]);
  return { field: order.field, value: values[0] as string | Date, id };
}

/** Builds the page from up to `size + 1` rows: the extra row only says that there is a next page. */
export function toPage(
  rows: Model[],
  size: number,
  order: ModelOrder,
  hasPrevious: boolean,
  count: () => Promise<number>,
): ModelPage {
  const cursorOf = (model: Model) =>
    keyset.encodeCursor(order.field, [sortValue(model, order.field)], model.id);
  return keyset.toPage(rows, size, cursorOf, hasPrevious, count);
}
