import { parseYuan } from '../approval/money';
import { productSchema, type Product } from './product';

/**
 * Rows of a product file (CSV or the first sheet of an XLSX, one header row) → products, with a report of
 * every row that cannot be taken and why. Headers may be Chinese or English; prices are in yuan.
 */
const HEADERS: Record<keyof Product, readonly string[]> = {
  code: ['编码', '商品编码', 'code', 'sku'],
  name: ['名称', '商品名称', 'name'],
  unit: ['单位', 'unit'],
  priceFen: ['价格', '单价', 'price'],
  category: ['分类', '类别', 'category'],
  minQty: ['起订量', 'minqty', 'min_qty', 'min'],
  maxQty: ['限定量', '限购量', 'maxqty', 'max_qty', 'max'],
  active: ['启用', '状态', 'active'],
};

export interface RowError {
  /** The row's number as a spreadsheet shows it (the header is row 1). */
  row: number;
  message: string;
}

export interface ProductImport {
  products: Product[];
  errors: RowError[];
}

const TRUE_WORDS = new Set(['是', '启用', 'true', '1', 'y', 'yes', '有效', '上架']);
const FALSE_WORDS = new Set(['否', '停用', 'false', '0', 'n', 'no', '无效', '下架']);

function cell(row: Readonly<Record<string, unknown>>, names: readonly string[]): string | undefined {
  for (const [key, value] of Object.entries(row)) {
    if (names.includes(key.trim().toLowerCase()) && value !== null && value !== undefined) {
      const text = String(value).trim();
      if (text !== '') return text;
    }
  }
  return undefined;
}

function whole(text: string | undefined): number | null | 'bad' {
  if (text === undefined) return null;
  return /^\d{1,7}$/.test(text) ? Number(text) : 'bad';
}

/** `rows` as read from the file, the header row excluded; row numbers count it as row 1. */
export function parseProductRows(rows: ReadonlyArray<Readonly<Record<string, unknown>>>): ProductImport {
  const products: Product[] = [];
  const errors: RowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((row, index) => {
    const rowNumber = index + 2;
    if (Object.values(row).every((v) => v === null || v === undefined || String(v).trim() === '')) return;
    const price = cell(row, HEADERS.priceFen);
    const priceFen = price === undefined ? undefined : parseYuan(price);
    const minQty = whole(cell(row, HEADERS.minQty));
    const maxQty = whole(cell(row, HEADERS.maxQty));
    const activeText = cell(row, HEADERS.active)?.toLowerCase();
    const problems: string[] = [];
    if (price !== undefined && priceFen === null)
      problems.push(`价格「${price}」格式不对，如 1299 或 1299.50`);
    if (minQty === 'bad') problems.push('起订量须为正整数');
    if (maxQty === 'bad') problems.push('限定量须为正整数');
    if (activeText !== undefined && !TRUE_WORDS.has(activeText) && !FALSE_WORDS.has(activeText))
      problems.push(`启用「${activeText}」应为 是 或 否`);
    const parsed = productSchema.safeParse({
      code: cell(row, HEADERS.code),
      name: cell(row, HEADERS.name),
      unit: cell(row, HEADERS.unit),
      priceFen: priceFen ?? undefined,
      category: cell(row, HEADERS.category) ?? null,
      minQty: minQty === 'bad' ? null : minQty,
      maxQty: maxQty === 'bad' ? null : maxQty,
      active: activeText === undefined ? true : TRUE_WORDS.has(activeText),
    });
    // A cell already reported as unreadable is not reported again as missing.
    const reported = new Set([...(price !== undefined && priceFen === null ? ['priceFen'] : [])]);
    if (!parsed.success)
      problems.push(
        ...parsed.error.issues.filter((i) => !reported.has(String(i.path[0]))).map((i) => i.message),
      );
    if (problems.length === 0 && parsed.success) {
      const first = seen.get(parsed.data.code);
      if (first !== undefined) problems.push(`商品编码 ${parsed.data.code} 与第 ${first} 行重复`);
      else {
        seen.set(parsed.data.code, rowNumber);
        products.push(parsed.data);
      }
    }
    if (problems.length > 0) errors.push({ row: rowNumber, message: [...new Set(problems)].join('；') });
  });
  return { products, errors };
}
