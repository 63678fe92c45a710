/**
 * Targets beyond departments and people (销售易/纷享销客's 按产品、按区域): a product category (品类, the
 * products' 分类) or a customer region (区域, the customers' 区域). A segment's target is the company's: its
 * completion counts every sale of the tenant in that category or region.
 */
export const TARGET_DIMENSIONS = ['category', 'region'] as const;
export type TargetDimension = (typeof TARGET_DIMENSIONS)[number];

export const DIMENSION_LABELS: Record<TargetDimension, string> = { category: '品类', region: '区域' };

/** How sales with no category (region) are named in a breakdown. */
export const UNSET_SEGMENT_LABELS: Record<TargetDimension, string> = {
  category: '未分类',
  region: '未设区域',
};

const DIMENSION_WORDS: Record<string, TargetDimension> = {
  品类: 'category',
  产品分类: 'category',
  分类: 'category',
  区域: 'region',
  地区: 'region',
};

/** `品类` / `区域` (and their synonyms) as the dimension they name; null for any other word. */
export function parseDimension(word: string | undefined): TargetDimension | null {
  return word === undefined ? null : (DIMENSION_WORDS[word.trim()] ?? null);
}

export function isDimension(kind: string): kind is TargetDimension {
  return (TARGET_DIMENSIONS as readonly string[]).includes(kind);
}

/** A category or region as one line names it: 品类 饮料, 区域 华南. */
export function segmentLabel(dimension: TargetDimension, name: string): string {
  return `${DIMENSION_LABELS[dimension]} ${name}`;
}
