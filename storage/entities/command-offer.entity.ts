import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** A did-you-mean card's commands, held until their sender taps one (domain/messages/command-offer.ts). */
export interface CommandOfferRow {
  id: number;
  tenantId: string;
  userId: number;
  /** The options as a JSON array of command texts. */
  options: string;
  createdAt: Date;
  takenAt: Date | null;
}

export const CommandOfferEntity = new EntitySchema<CommandOfferRow>({
  name: 'CommandOffer',
  tableName: 'command_offers',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    userId: { type: 'integer', name: 'user_id' },
    options: { type: 'text' },
    createdAt: dateColumn('created_at'),
    takenAt: dateColumn('taken_at', true),
  },
});
