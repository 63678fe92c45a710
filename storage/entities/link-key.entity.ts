import { EntitySchema } from 'typeorm';
import { dateColumn } from './columns';

/**
 * The keys that sign H5 links when LINK_SECRET is not set: generated once, shared by every instance. The
 * highest generation signs; every stored one verifies (a rotation keeps links already sent working).
 */
export interface LinkKeyRow {
  generation: number;
  secret: string;
  createdAt: Date;
}

export const LinkKeyEntity = new EntitySchema<LinkKeyRow>({
  name: 'LinkKey',
  tableName: 'link_keys',
  columns: {
    generation: { type: 'integer', primary: true },
    secret: { type: 'varchar', length: 128 },
    createdAt: dateColumn('created_at'),
  },
});
