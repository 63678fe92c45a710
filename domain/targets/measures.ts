import { TARGET_MEASURES, type TargetMeasure } from '../reports/facts';

export { TARGET_MEASURES, type TargetMeasure };

export const MEASURE_LABELS: Record<TargetMeasure, string> = {
  order_amount: '订单金额',
  payment_amount: '回款金额',
  new_customers: '新客户数',
  visits: '拜访数',
};

const MEASURE_BY_LABEL = new Map<string, TargetMeasure>([
  ...(Object.entries(MEASURE_LABELS) as Array<[TargetMeasure, string]>).map(([m, l]) => [l, m] as const),
  ['订单', 'order_amount'],
  ['销售额', 'order_amount'],
  ['回款', 'payment_amount'],
  ['新客户', 'new_customers'],
  ['拜访', 'visits'],
  ['拜访次数', 'visits'],
]);

export function parseMeasure(text: string): TargetMeasure | null {
  return MEASURE_BY_LABEL.get(text.trim()) ?? null;
}

export function isMoneyMeasure(measure: TargetMeasure): boolean {
  return measure === 'order_amount' || measure === 'payment_amount';
}
