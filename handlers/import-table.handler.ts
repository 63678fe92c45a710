import { MAX_IMPORT_ROWS } from '../domain/field/customer-import';
import type { TableImportKind } from '../domain/imports/table-import';
import { cardIdFor } from './card-ids';
import type { Handler } from './context';
import { TABLE_IMPORTS } from './use-cases/imports/table-import';

/**
 * 导入客户, 导入线索, 导入信用额度, 导入库存 (admins): a file sent in chat does not reach the bot on every
 * platform, so the table goes up through a signed, one-time H5 upload page (bot/h5/import-routes.ts); the
 * result comes back in this chat.
 */
export function importTableHandler(kind: TableImportKind): Handler<'text'> {
  const spec = TABLE_IMPORTS[kind];
  return async (event, ctx) => ({
    kind: 'card',
    card: {
      id: cardIdFor('import', event),
      title: spec.command,
      description: `上传 Excel（.xlsx）或 CSV 文件，第1行为表头，每行${spec.perRow}，最多${MAX_IMPORT_ROWS}行。链接15分钟内有效，只能使用一次。`,
      fields: [
        { label: '列', value: spec.columns.join('、') },
        { label: '填写', value: spec.rules },
      ],
      buttons: [{ type: 'link', label: `上传${spec.what}表`, url: ctx.links.importPage(kind) }],
    },
  });
}
