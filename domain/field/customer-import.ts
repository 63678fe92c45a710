import {
  CUSTOMER_CATEGORIES,
  MAX_REGION_CHARS,
  type CustomerCategory,
  type CustomerRecord,
} from './customer';
import { normalizeCustomerName, normalizePhone, type DuplicateReason } from './customer-matching';

/**
 * Customer import (客户导入) from a table an admin fills in Excel: one header row, one customer per row.
 * This file validates rows (and maps the headers of every import table); the file is read in storage and the
 * run is handlers/use-cases/imports/. Every refusal is a row number (as Excel shows it: the header is row 1)
 * and a Chinese reason the admin can act on.
 */
export const IMPORT_COLUMNS = ['名称', '地址', '电话', '分类', '负责人', '区域', '联系人', '经纬度'] as const;
export type ImportColumn = (typeof IMPORT_COLUMNS)[number];

/** Header words people actually use for the same columns. */
const HEADER_ALIASES: Record<string, ImportColumn> = {
  客户名称: '名称',
  客户: '名称',
  名字: '名称',
  客户地址: '地址',
  联系电话: '电话',
  手机: '电话',
  客户分类: '分类',
  类别: '分类',
  级别: '分类',
  归属人: '负责人',
  销售: '负责人',
  销售区域: '区域',
  坐标: '经纬度',
  位置: '经纬度',
};

export const MAX_IMPORT_ROWS = 5000;
export const NAME_CHARS = { min: 2, max: 64 } as const;
const MAX_ADDRESS_CHARS = 128;
const MAX_CONTACT_NAME_CHARS = 32;

export interface ImportContact {
  name: string;
  phone: string | null;
}

export interface ImportCustomer extends Omit<CustomerRecord, 'id' | 'ownerUserId'> {
  /** As written in the file (a name or a user id); resolved against the tenant's people by the importer. */
  owner: string | null;
  region: string | null;
  contacts: ImportContact[];
  location: { lat: number; lng: number } | null;
}

/** A stored customer as the imports match rows against it: by name and phone (the credit import: exact name). */
export type KnownCustomer = Pick<CustomerRecord, 'id' | 'name' | 'normalizedName' | 'phoneNormalized'>;

/** Storage port: the tenant's customers as the imports read and write them. */
export interface CustomerImportStore {
  /** Every customer of the tenant, oldest first. */
  listMatchable(tenantId: string): Promise<KnownCustomer[]>;
  /** Creates an imported customer (owned from `now`, or in the pool); its id. */
  createImported(
    tenantId: string,
    customer: ImportCustomer,
    ownerUserId: number | null,
    now: Date,
  ): Promise<number>;
}

export type RowCheck = { ok: true; customer: ImportCustomer } | { ok: false; reasons: string[] };

export interface RowError {
  /** 1-based, the header being row 1. */
  row: number;
  name: string;
  reason: string;
}

/** Which column each header cell is; refuses a table without 名称 or with a column twice. */
export function mapHeader(header: readonly string[]) {
  return mapColumns(header, IMPORT_COLUMNS, HEADER_ALIASES);
}

/**
 * The header mapping of any import table: which column each header cell is (a column's name or an alias,
 * spaces and letter case aside); refuses a table without the `required` columns or with a column twice.
 */
export function mapColumns<C extends string>(
  header: readonly string[],
  all: readonly C[],
  aliases: Readonly<Record<string, C>>,
  required: readonly C[] = ['名称' as C],
): { ok: true; columns: Map<number, C> } | { ok: false; reason: string } {
  const columns = new Map<number, C>();
  const seen = new Set<C>();
  header.forEach((cell, index) => {
    const word = cell.normalize('NFKC').replace(/\s/g, '').toLowerCase();
    const column = (all as readonly string[]).includes(word) ? (word as C) : aliases[word];
    if (!column) return;
    if (seen.has(column)) columns.set(-1, column);
    seen.add(column);
    columns.set(index, column);
  });
  const twice = columns.get(-1);
  if (twice) return { ok: false, reason: `表头「${twice}」出现了两次，请只保留一列。` };
  if (!required.every((column) => seen.has(column)))
    return {
      ok: false,
      reason: `第1行应为表头，至少包含${required.map((c) => `「${c}」`).join('')}列。可用的列：${all.join('、')}。`,
    };
  return { ok: true, columns };
}

/** The cells of a row by column, trimmed; an absent column reads as empty. */
export function cellsOf<C extends string>(
  row: readonly string[],
  columns: Map<number, C>,
  all: readonly C[],
): Record<C, string> {
  const cells = Object.fromEntries(all.map((c) => [c, ''])) as Record<C, string>;
  for (const [index, column] of columns) cells[column] = (row[index] ?? '').trim();
  return cells;
}

export function isBlankRow(row: readonly string[]): boolean {
  return row.every((cell) => cell.trim() === '');
}

/** Checks one row on its own (duplicates and owners need the tenant and the rest of the file: see below). */
export function checkImportRow(cells: Record<ImportColumn, string>): RowCheck {
  const reasons: string[] = [];
  const name = cells.名称;
  const nameChars = [...name].length;
  const normalizedName = normalizeCustomerName(name);
  if (name === '') reasons.push('名称为空');
  else if (nameChars < NAME_CHARS.min || nameChars > NAME_CHARS.max || normalizedName === '')
    reasons.push(`名称应为${NAME_CHARS.min}–${NAME_CHARS.max}个字，且含文字或数字`);

  if ([...cells.地址].length > MAX_ADDRESS_CHARS) reasons.push(`地址超过${MAX_ADDRESS_CHARS}个字`);
  if ([...cells.区域].length > MAX_REGION_CHARS) reasons.push(`区域超过${MAX_REGION_CHARS}个字`);

  const phoneNormalized = cells.电话 === '' ? null : normalizePhone(cells.电话);
  if (cells.电话 !== '' && phoneNormalized === null)
    reasons.push(`电话「${cells.电话}」无法识别，请填写11位手机号或带区号的座机`);

  const category = parseCategory(cells.分类);
  if (cells.分类 !== '' && category === null) reasons.push(`分类「${cells.分类}」应为 A、B 或 C`);

  const location = cells.经纬度 === '' ? null : parseLatLng(cells.经纬度);
  if (cells.经纬度 !== '' && location === null)
    reasons.push(`经纬度「${cells.经纬度}」应写成「纬度,经度」，如 22.5431,114.0579`);

  const contacts = parseContacts(cells.联系人);
  if (contacts === null) reasons.push(`联系人「${cells.联系人}」应写成「姓名 电话」，多人用分号隔开`);

  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    customer: {
      name,
      normalizedName,
      address: cells.地址 || null,
      phone: cells.电话 || null,
      phoneNormalized,
      category,
      owner: cells.负责人 || null,
      region: cells.区域 || null,
      contacts: contacts ?? [],
      location,
    },
  };
}

export function parseCategory(text: string): CustomerCategory | null {
  const word = text.normalize('NFKC').trim().toUpperCase().replace(/类$/, '');
  return (CUSTOMER_CATEGORIES as readonly string[]).includes(word) ? (word as CustomerCategory) : null;
}

/** 「22.5431,114.0579」 (or a space, or a Chinese comma between): latitude first, as maps show it. */
export function parseLatLng(text: string): { lat: number; lng: number } | null {
  const m = /^(-?\d{1,2}(?:\.\d+)?)\s*[,\s]\s*(-?\d{1,3}(?:\.\d+)?)$/.exec(text.normalize('NFKC').trim());
  if (!m) return null;
  const lat = Number(m[1]);
  const lng = Number(m[2]);
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return null;
  return { lat, lng };
}

/** 「王经理 13800138000；李工」 → two contacts; null when a part is not 「姓名 [电话]」. */
export function parseContacts(text: string): ImportContact[] | null {
  const parts = text
    .normalize('NFKC')
    .split(/[;；]/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const contacts: ImportContact[] = [];
  for (const part of parts) {
    const contact = parseContact(part);
    if (!contact) return null;
    contacts.push(contact);
  }
  return contacts;
}

/** 「王经理 13800138000」 or 「王经理」: a name of up to 32 characters and an optional phone (spaces allowed in it). */
export function parseContact(text: string): ImportContact | null {
  const trimmed = text.trim();
  const m = /^(.*?\D)[\s,]+(\+?\d[\d\s\-()]{5,}\d)$/u.exec(trimmed);
  const name = (m ? (m[1] as string) : trimmed).trim();
  const phone = m ? (m[2] as string) : null;
  if (phone !== null && normalizePhone(phone) === null) return null;
  if (name === '' || [...name].length > MAX_CONTACT_NAME_CHARS || /^[+\d][\d\s\-()]*$/.test(name))
    return null;
  return { name, phone };
}

const DUPLICATE_WORDS: Record<DuplicateReason, string> = {
  same_name: '同名',
  similar_name: '名称相近',
  same_phone: '电话相同',
};

export function duplicateOfExistingReason(
  reason: DuplicateReason,
  existingName: string,
  what: '客户' | '线索' = '客户',
): string {
  return `与已有${what}「${existingName}」重复（${DUPLICATE_WORDS[reason]}），未导入`;
}

export function duplicateInFileReason(reason: DuplicateReason, row: number): string {
  return `与第${row}行重复（${DUPLICATE_WORDS[reason]}），未导入`;
}

/** The import's outcome for the admin: one line, then the first errors. `what` names the table (客户, 库存 …). */
export function importSummaryText(
  result: { total: number; created: number; errors: readonly RowError[] },
  what = '客户',
  shownErrors = 5,
): string {
  const lines = [
    `${what}导入完成：共${result.total}行，成功${result.created}行，失败${result.errors.length}行。`,
    ...result.errors.slice(0, shownErrors).map((e) => `第${e.row}行 ${e.name || '（无名称）'}：${e.reason}`),
  ];
  if (result.errors.length > shownErrors)
    lines.push(`……其余${result.errors.length - shownErrors}行见错误报告。`);
  return lines.join('\n');
}
