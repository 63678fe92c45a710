import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/** Attendance punches and their photos, per-tenant settings and the audit log. */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, int, dbl, bool, text } = col;
  return [
    {
      name: 'punches',
      columns: [
        id(),
        tenant(),
        int('user_id'),
        str('kind', 4),
        str('work_date', 10),
        date('punched_at'),
        dbl('lat'),
        dbl('lng'),
        dbl('precision_m', true),
        str('source', 8),
        str('place_name', 128, true),
        bool('inside_geofence'),
        bool('is_field'),
        dbl('distance_m', true),
        str('status', 16),
        int('late_minutes', false, 0),
        int('early_minutes', false, 0),
        str('flags', 256, false, ''),
        int('location_share_id', true),
        date('created_at'),
      ],
      indices: [
        { name: 'ix_punches_user_day', columnNames: ['tenant_id', 'user_id', 'work_date'] },
        { name: 'ix_punches_day', columnNames: ['tenant_id', 'work_date'] },
      ],
    },
    {
      name: 'punch_photos',
      columns: [
        id(),
        tenant(),
        int('punch_id'),
        int('user_id'),
        str('original_key', 512),
        str('stamped_key', 512),
        date('taken_at', true),
        str('flags', 256, false, ''),
        date('created_at'),
      ],
      indices: [{ name: 'ix_punch_photos_punch', columnNames: ['tenant_id', 'punch_id'] }],
    },
    {
      name: 'tenant_settings',
      columns: [
        col.tenant(true),
        { name: 'setting_key', type: 'varchar', length: '32', isPrimary: true },
        text(queryRunner, 'value'),
        date('updated_at'),
      ],
    },
    {
      name: 'audit_log',
      columns: [
        id(),
        tenant(),
        int('actor_user_id', true),
        str('action', 64),
        str('subject', 128),
        text(queryRunner, 'before_value', true),
        text(queryRunner, 'after_value', true),
        date('at'),
      ],
      indices: [{ name: 'ix_audit_log_at', columnNames: ['tenant_id', 'at'] }],
    },
  ];
}

export class Attendance1764100000000 implements MigrationInterface {
  name = 'Attendance1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
