import { parseFlowDefinition, type FlowDefinition } from '../../domain/approval/flow-definition';
import type { RequestType } from '../../domain/approval/request-forms';

const DIRECT_MANAGER = { id: 'manager', name: '直属主管', approver: { kind: 'manager', levels: 1 } } as const;

/** A flow the direct manager alone decides. */
function directManagerFlow(id: string, name: string): FlowDefinition {
  return parseFlowDefinition({ id, name, version: 1, steps: [DIRECT_MANAGER] });
}

/**
 * The flows every tenant starts with, until admins define their own: the direct manager decides; long
 * leave (over 3 days) and large expenses (over ¥5,000) also go to the manager's manager; expenses end at
 * finance (the approver role); trips, order discounts, 公海延期, 补卡, 外出 and 加班 go to the direct manager. Tenants replace these in the import file.
 */
const DEFAULT_FLOWS: Partial<Record<RequestType, FlowDefinition>> = {
  leave: parseFlowDefinition({
    id: 'default-leave',
    name: '请假审批',
    version: 1,
    steps: [
      DIRECT_MANAGER,
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
      DIRECT_MANAGER,
      {
        id: 'director',
        name: '上级主管',
        approver: { kind: 'manager', levels: 2 },
        when: [{ kind: 'amount', op: '>', fen: 500_000 }],
      },
      { id: 'finance', name: '财务', approver: { kind: 'role', role: 'approver' } },
    ],
  }),
  trip: directManagerFlow('default-trip', '出差审批'),
  discount: directManagerFlow('default-discount', '折扣审批'),
  pool_extension: directManagerFlow('default-pool-extension', '公海延期审批'),
  makeup_punch: directManagerFlow('default-makeup-punch', '补卡审批'),
  outing: directManagerFlow('default-outing', '外出审批'),
  overtime: directManagerFlow('default-overtime', '加班审批'),
  // Custom forms (any of them) go to the direct manager until an admin routes them.
  custom: directManagerFlow('default-custom', '表单审批'),
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
