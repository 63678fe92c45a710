import { MAX_IMPORT_ROWS } from '../../domain/field/customer-import';
import { LEAD_IMPORT_COLUMNS } from '../../domain/leads/lead-import';
import { cardIdFor } from '../card-ids';
import type { Handler } from '../context';

/** `导入线索` (admins): the leads table goes up through the same one-time H5 upload page as 导入客户. */
export const importLeadsHandler: Handler<'text'> = async (event, ctx) => ({
  kind: 'card',
  card: {
    id: cardIdFor('import', event),
    title: '导入线索',
    description: `上传 Excel（.xlsx）或 CSV 文件，第1行为表头，每行一条线索，最多${MAX_IMPORT_ROWS}行。与已有客户、线索或文件中前面的行重复的不导入。链接15分钟内有效，只能使用一次。`,
    fields: [
      { label: '列', value: LEAD_IMPORT_COLUMNS.join('、') },
      { label: '必填', value: '名称；负责人填姓名或用户ID，空表示线索公海' },
    ],
    buttons: [{ type: 'link', label: '上传线索表', url: ctx.links.leadImportPage() }],
  },
});
