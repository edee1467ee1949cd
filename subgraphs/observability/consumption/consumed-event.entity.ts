import { EntitySchema } from '@mikro-orm/core';

/**
 * One stream event a consumer group has applied. The group's writes and this row commit in one transaction, so an
 * event delivered again (its consumer died before acknowledging it) is recognised and changes nothing.
 */
export class ConsumedEvent {
  consumerGroup!: string;
  eventId!: string;
  consumedAt: Date = new Date();
}

export const ConsumedEventSchema = new EntitySchema<ConsumedEvent>({
  class: ConsumedEvent,
  tableName: 'consumed_events',
  properties: {
    consumerGroup: { type: 'string', length: 64, primary: true },
    eventId: { type: 'string', length: 64, primary: true },
    consumedAt: { type: 'datetime', index: true },
  },
});
