import type { MigrationInterface, QueryRunner } from 'typeorm';
import { col, createTables, dropTables, type TableSpec } from './schema-helpers';

/**
 * Corps registered in the database (`npm run tenant -- add`), beside the one of each platform configured
 * by the environment. Secrets live sealed in `secrets` (AES-256-GCM, bot/tenants/secret-box.ts).
 */
function tables(queryRunner: QueryRunner): TableSpec[] {
  const { id, tenant, date, str, bool, text } = col;
  return [
    {
      name: 'tenants',
      columns: [
        id(),
        // The route name: /wecom/<slug>/callback, /dingtalk/<slug>/callback.
        str('slug', 32),
        str('platform', 8),
        // The corp id, which is also the tenant id every other table is scoped by.
        tenant(),
        // WeCom AgentId, or DingTalk AppKey.
        str('app_id', 64),
        str('robot_code', 64, true),
        str('card_template_id', 128, true),
        str('api_base', 256, true),
        str('oapi_base', 256, true),
        text(queryRunner, 'secrets'),
        bool('active', true),
        date('created_at'),
        date('updated_at'),
      ],
      indices: [
        { name: 'ux_tenants_slug', columnNames: ['slug'], isUnique: true },
        { name: 'ux_tenants_platform_corp', columnNames: ['platform', 'tenant_id'], isUnique: true },
      ],
    },
  ];
}

export class Tenants1764800000000 implements MigrationInterface {
  name = 'Tenants1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await createTables(queryRunner, tables(queryRunner));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTables(queryRunner, tables(queryRunner));
  }
}
