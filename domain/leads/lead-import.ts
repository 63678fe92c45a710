import { NAME_CHARS } from '../field/customer-import';
import { normalizeCustomerName, normalizePhone } from '../field/customer-matching';
import type { NewLead } from './lead';

/** The columns of a leads file (CSV or XLSX, one header row); only 名称 is required. */
export const LEAD_IMPORT_COLUMNS = ['名称', '联系人', '电话', '来源', '备注', '负责人'] as const;
export type LeadImportColumn = (typeof LEAD_IMPORT_COLUMNS)[number];

export const LEAD_HEADER_ALIASES: Readonly<Record<string, LeadImportColumn>> = {
  线索名称: '名称',
  公司: '名称',
  公司名称: '名称',
  客户名称: '名称',
  联系电话: '电话',
  手机: '电话',
  渠道: '来源',
  线索来源: '来源',
  说明: '备注',
  归属人: '负责人',
  销售: '负责人',
};

const MAX_LABEL_CHARS = 32;
const MAX_NOTE_CHARS = 200;

export interface ImportLead extends NewLead {
  normalizedName: string;
  phoneNormalized: string | null;
  /** As written (a name or a user id); empty: the lead pool. */
  owner: string | null;
}

/** One row on its own; duplicates and owners are checked by the importer against the tenant. */
export function checkLeadRow(
  cells: Record<LeadImportColumn, string>,
): { ok: true; lead: ImportLead } | { ok: false; reasons: string[] } {
  const reasons: string[] = [];
  const name = cells.名称;
  const normalizedName = normalizeCustomerName(name);
  const chars = [...name].length;
  if (name === '') reasons.push('名称为空');
  else if (chars < NAME_CHARS.min || chars > NAME_CHARS.max || normalizedName === '')
    reasons.push(`名称应为${NAME_CHARS.min}–${NAME_CHARS.max}个字，且含文字或数字`);
  const phoneNormalized = cells.电话 === '' ? null : normalizePhone(cells.电话);
  if (cells.电话 !== '' && phoneNormalized === null)
    reasons.push(`电话「${cells.电话}」无法识别，请填写11位手机号或带区号的座机`);
  for (const column of ['联系人', '来源'] as const)
    if ([...cells[column]].length > MAX_LABEL_CHARS) reasons.push(`${column}超过${MAX_LABEL_CHARS}个字`);
  if ([...cells.备注].length > MAX_NOTE_CHARS) reasons.push(`备注超过${MAX_NOTE_CHARS}个字`);
  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    lead: {
      name,
      normalizedName,
      contactName: cells.联系人 || null,
      phone: cells.电话 || null,
      phoneNormalized,
      source: cells.来源 || null,
      note: cells.备注 || null,
      owner: cells.负责人 || null,
    },
  };
}
