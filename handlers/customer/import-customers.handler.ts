import { IMPORT_COLUMNS, MAX_IMPORT_ROWS } from '../../domain/field/customer-import';
import { cardIdFor } from '../card-ids';
import type { Handler } from '../context';

/**
 * `导入客户` (admins): WeCom file messages do not reach the bot yet, so the table goes up through a signed,
 * one-time H5 upload page (bot/h5/import-routes.ts); the result comes back in this chat.
 */
export const importCustomersHandler: Handler<'text'> = async (event, ctx) => {
  return {
    kind: 'card',
    card: {
      id: cardIdFor('import', event),
      title: '导入客户',
      description: `上传 Excel（.xlsx）或 CSV 文件，第1行为表头，每行一个客户，最多${MAX_IMPORT_ROWS}行。链接15分钟内有效，只能使用一次。`,
      fields: [
        { label: '列', value: IMPORT_COLUMNS.join('、') },
        { label: '必填', value: '名称；分类填 A/B/C；负责人填姓名或用户ID，空表示公海' },
      ],
      buttons: [{ type: 'link', label: '上传客户表', url: ctx.links.customerImportPage() }],
    },
  };
};
