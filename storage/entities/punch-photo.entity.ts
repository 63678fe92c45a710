import { EntitySchema } from 'typeorm';
import { dateColumn, idColumn, tenantColumn } from './columns';

/** A photo kept as evidence of a punch: the original as received and the watermarked copy. */
export interface PunchPhotoRow {
  id: number;
  tenantId: string;
  punchId: number;
  userId: number;
  originalKey: string;
  stampedKey: string;
  takenAt: Date | null;
  flags: string;
  createdAt: Date;
}

export const PunchPhotoEntity = new EntitySchema<PunchPhotoRow>({
  name: 'PunchPhoto',
  tableName: 'punch_photos',
  columns: {
    id: idColumn,
    tenantId: tenantColumn,
    punchId: { type: 'integer', name: 'punch_id' },
    userId: { type: 'integer', name: 'user_id' },
    originalKey: { type: 'varchar', length: 512, name: 'original_key' },
    stampedKey: { type: 'varchar', length: 512, name: 'stamped_key' },
    takenAt: dateColumn('taken_at', true),
    flags: { type: 'varchar', length: 256, default: '' },
    createdAt: dateColumn('created_at'),
  },
});
