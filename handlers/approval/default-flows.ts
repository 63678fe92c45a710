import { parseFlowDefinition, type FlowDefinition } from '../../domain/approval/flow-definition';
import type { RequestType } from '../../domain/approval/request-forms';

/**
 * The flows every tenant starts with, until admins define their own: the direct manager decides; long
 * leave (over 3 days) and large expenses (over ¥5,000) also go to the manager's manager; expenses end at
 * finance (the approver role); trips, order discounts, 超限订单, 公海延期, 补卡, 外出 and 加班 go to the direct manager. Tenants replace these in the import file.
 */
const DEFAULT_FLOWS: Partial<Record<RequestType, FlowDefinition>> = {
  leave: parseFlowDefinition({
    id: 'default-leave',
    name: '请假审批',
    version: 1,
    steps: [
      { id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } },
      {
        id: 'director',
        name: '上级主管',
        approver: { kind: 'manager', levels: 2 },
        when: [{ kind: 'days', op: '>', days: 3 }],
      },
    ],
  }),
  expense: parseFlowDefinition({
    id: 'default-expense',
    name: '报销审批',
    version: 1,
    steps: [
      { id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } },
      {
        id: 'director',
        name: '上级主管',
        approver: { kind: 'manager', levels: 2 },
        when: [{ kind: 'amount', op: '>', fen: 500_000 }],
      },
      { id: 'finance', name: '财务', approver: { kind: 'role', role: 'approver' } },
    ],
  }),
  trip: parseFlowDefinition({
    id: 'default-trip',
    name: '出差审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  discount: parseFlowDefinition({
    id: 'default-discount',
    name: '折扣审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  // 超限订单 (credit limit, overdue invoices, stock): the direct manager, like a discount, until routed.
  order_review: parseFlowDefinition({
    id: 'default-order-review',
    name: '超限订单审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  pool_extension: parseFlowDefinition({
    id: 'default-pool-extension',
    name: '公海延期审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  makeup_punch: parseFlowDefinition({
    id: 'default-makeup-punch',
    name: '补卡审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  outing: parseFlowDefinition({
    id: 'default-outing',
    name: '外出审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  overtime: parseFlowDefinition({
    id: 'default-overtime',
    name: '加班审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
  // Custom forms (any of them) go to the direct manager until an admin routes them.
  custom: parseFlowDefinition({
    id: 'default-custom',
    name: '表单审批',
    version: 1,
    steps: [{ id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } }],
  }),
};

export function defaultFlowFor(type: RequestType): FlowDefinition {
  const flow = DEFAULT_FLOWS[type];
  if (!flow) throw new Error(`no default flow for ${type}`);
  return flow;
}

/** The default flow for a type, or null when the type has none. */
export function defaultFlowOrNull(type: RequestType): FlowDefinition | null {
  return DEFAULT_FLOWS[type] ?? null;
}
