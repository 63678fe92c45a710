import { flowDefinitionSchema, resolveFlow, type RequestForm } from '../../../domain/approval';
import {
  CEO,
  DIRECTOR,
  expense,
  FINANCE,
  flowOf,
  leave,
  MANAGER,
  REP,
  requestOf,
  routeOf,
  when,
} from './helpers';

describe('step conditions', () => {
  const steps = [MANAGER, when(DIRECTOR, { kind: 'amount', op: '>', fen: 500000 })];

  it('adds the director to an expense over ¥5,000 and not to one of exactly ¥5,000', () => {
    expect(routeOf(requestOf(expense(500001)), steps)).toEqual(['manager:4', 'director:2']);
    expect(routeOf(requestOf(expense(500000)), steps)).toEqual(['manager:4']);
  });

  it.each([
    ['>=', 500000, true],
    ['>=', 500001, false],
    ['<', 500001, true],
    ['<', 500000, false],
    ['<=', 500000, true],
    ['<=', 499999, false],
  ] as const)('compares %s %i against ¥5,000.00', (op, fen, applies) => {
    const route = routeOf(requestOf(expense(500000)), [MANAGER, when(FINANCE, { kind: 'amount', op, fen })]);
    expect(route.some((s) => s.startsWith('finance'))).toBe(applies);
  });

  it('never applies an amount condition to a request without an amount', () => {
    const route = routeOf(requestOf(leave('2026-11-23', '2026-11-23')), [
      MANAGER,
      when(FINANCE, { kind: 'amount', op: '>=', fen: 0 }),
    ]);
    expect(route).toEqual(['manager:4']);
  });

  it('reads a discount amount from its percentage of the order', () => {
    const discount = (percentOff: number): RequestForm => ({
      type: 'discount',
      orderId: 7,
      orderAmountFen: 1_000_000,
      discount: { mode: 'percent_off', percentOff },
    });
    const steps = [MANAGER, when(FINANCE, { kind: 'amount', op: '>=', fen: 150000 })];
    expect(routeOf(requestOf(discount(15)), steps)).toHaveLength(2);
    expect(routeOf(requestOf(discount(14.99)), steps)).toHaveLength(1);
  });

  it('applies a day condition to leave as counted, the weekend excluded', () => {
    const steps = [MANAGER, when(DIRECTOR, { kind: 'days', op: '>', days: 3 })];
    // Thu 11-19 to Tue 11-24: 6 calendar days, 4 workdays.
    expect(routeOf(requestOf(leave('2026-11-19', '2026-11-24')), steps)).toEqual(['manager:4', 'director:2']);
    // Thu 11-19 to Mon 11-23: 5 calendar days, 3 workdays.
    expect(routeOf(requestOf(leave('2026-11-19', '2026-11-23')), steps)).toEqual(['manager:4']);
  });

  it('matches request types, including any custom form or one form by id', () => {
    const custom = (formId: string): RequestForm => ({
      type: 'custom',
      formId,
      formVersion: 1,
      formName: formId,
      lines: [],
      values: {},
      amountFen: null,
    });
    const steps = [
      when(MANAGER, { kind: 'request_type', types: ['expense', 'custom:purchase'] }),
      when(FINANCE, { kind: 'request_type', types: ['custom'] }),
    ];
    expect(routeOf(requestOf(expense(100)), steps)).toEqual(['manager:4']);
    expect(routeOf(requestOf(custom('purchase')), steps)).toEqual(['manager:4', 'finance:6,13']);
    expect(routeOf(requestOf(custom('seal')), steps)).toEqual(['finance:6,13']);
  });

  it('applies a department condition to the subtree: 深圳销售一组 is under 华南大区, 财务部 is not', () => {
    const steps = [when(FINANCE, { kind: 'department', departmentIds: [2] }), CEO];
    expect(routeOf(requestOf(expense(100), REP), steps)).toEqual(['finance:6,13', 'ceo:1']);
    expect(routeOf(requestOf(expense(100), 13), steps)).toEqual(['ceo:1']);
    expect(routeOf(requestOf(expense(100), REP, { departmentId: null }), steps)).toEqual(['ceo:1']);
  });

  it('needs every condition of a step to hold', () => {
    const steps = [
      MANAGER,
      when(FINANCE, { kind: 'request_type', types: ['expense'] }, { kind: 'amount', op: '>', fen: 100 }),
    ];
    expect(routeOf(requestOf(expense(100)), steps)).toEqual(['manager:4']);
    expect(routeOf(requestOf(expense(101)), steps)).toEqual(['manager:4', 'finance:6,13']);
  });
});

describe('flow definitions', () => {
  const step = { id: 's', name: 's', approver: { kind: 'manager' } };

  it('defaults to 或签, manager level 1, admins when nobody resolves, and restarting from step 1', () => {
    const flow = flowDefinitionSchema.parse({ id: 'f', name: 'n', version: 1, steps: [step] });
    expect(flow).toMatchObject({ noApprover: 'admins', resubmitFrom: 'first_step', cc: [] });
    expect(flow.steps[0]).toMatchObject({ mode: 'any', approver: { levels: 1 }, when: [] });
  });

  it('rejects duplicate step ids, a version that is not a positive integer, and an empty flow', () => {
    const parse = (raw: object) =>
      flowDefinitionSchema.safeParse({ id: 'f', name: 'n', version: 1, steps: [step], ...raw });
    expect(parse({ steps: [step, step] }).error?.issues[0]?.message).toBe('duplicate step id s');
    expect(parse({ version: 1.5 }).success).toBe(false);
    expect(parse({ version: 0 }).success).toBe(false);
    expect(parse({ steps: [] }).success).toBe(false);
  });

  it('carries the definition version and the resubmission policy into the resolved flow', () => {
    const definition = flowOf({ steps: [MANAGER], version: 7, resubmitFrom: 'rejected_step' });
    expect(
      resolveFlow({ definition, request: requestOf(expense(1)), org: { departments: [], users: [] } }),
    ).toMatchObject({
      definitionId: 'flow',
      definitionVersion: 7,
      resubmitFrom: 'rejected_step',
    });
  });
});
