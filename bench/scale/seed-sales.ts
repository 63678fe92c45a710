import { addDays, localDateOf } from '../../domain/attendance/calendar';
import { customerName, type SeededOrg } from './seed-people';
import { SCALE_ZONE, Writer, type SeedContext } from './seed-kit';

const ORDERS_PER_PERSON = 100;
const OPPORTUNITIES_PER_PERSON = 25;
const APPROVALS_PER_PERSON = 10;
const DAILY_REPORT_DAYS = 30;
const OPEN_STAGES = ['初步接洽', '需求确认', '方案报价', '谈判审核'];
const PRODUCTS = [
  { code: 'A100', name: '净水器A100', unit: '台', priceFen: 199_900 },
  { code: 'B200', name: '滤芯B200', unit: '支', priceFen: 12_900 },
  { code: 'C300', name: '安装服务', unit: '次', priceFen: 30_000 },
];

/** ~100 orders a person over the year, in every status by age; a payment for each completed one. */
export async function seedOrders(
  ctx: SeedContext,
  org: SeededOrg,
  customersOf: (rep: number) => number[],
): Promise<{ orders: number; payments: number }> {
  const { runner, T, rnd, int, pick, at, now, workdays } = ctx;
  // --- Orders and payments ------------------------------------------------------------------------------
  const orders = new Writer(
    runner,
    'orders',
    'tenant_id customer_id customer_name rep_user_id department_id status discount_mode discount_value lines_json subtotal_fen discount_fen total_fen paid_fen command_text created_at submitted_at confirmed_at shipped_at completed_at closed_at',
  );
  const payments = new Writer(
    runner,
    'payments',
    'tenant_id customer_id order_id rep_user_id recorded_by amount_fen received_on received_at created_at',
  );
  let orderId = 0;
  for (let id = 1; id <= org.people; id++) {
    const mine = customersOf(id);
    for (let n = 0; n < ORDERS_PER_PERSON; n++) {
      orderId += 1;
      const customer = pick(mine);
      const product = pick(PRODUCTS);
      const qty = int(1, 20);
      const total = product.priceFen * qty;
      const day = pick(workdays);
      const submitted = at(day, int(9 * 60, 19 * 60));
      const ageDays = (now.getTime() - submitted.getTime()) / 86_400_000;
      const roll = rnd();
      const status =
        roll < 0.04
          ? 'cancelled'
          : roll < 0.07
            ? 'pending_approval'
            : ageDays > 20
              ? 'completed'
              : ageDays > 5
                ? 'shipped'
                : 'confirmed';
      const sold = status === 'confirmed' || status === 'shipped' || status === 'completed';
      const shipped =
        status === 'shipped' || status === 'completed'
          ? new Date(submitted.getTime() + 3 * 86_400_000)
          : null;
      const completed = status === 'completed' ? new Date(submitted.getTime() + 15 * 86_400_000) : null;
      const paid = status === 'completed' ? total : 0;
      const line = { ...product, unitPriceFen: product.priceFen, qty, lineFen: total };
      await orders.add([
        T,
        customer,
        `${customerName(customer)}有限公司`,
        id,
        org.departmentOf.get(id),
        status,
        'none',
        0,
        JSON.stringify([
          {
            code: line.code,
            name: line.name,
            unit: line.unit,
            unitPriceFen: line.unitPriceFen,
            qty,
            lineFen: total,
          },
        ]),
        total,
        0,
        total,
        paid,
        `下单 ${customerName(customer)} ${product.name}×${qty}`,
        submitted,
        submitted,
        sold ? submitted : null,
        shipped,
        completed,
        status === 'cancelled' ? submitted : completed,
      ]);
      if (completed)
        await payments.add([
          T,
          customer,
          orderId,
          id,
          id,
          total,
          localDateOf(completed, SCALE_ZONE),
          completed,
          completed,
        ]);
    }
  }
  await orders.flush();
  await payments.flush();
  return { orders: orders.count, payments: payments.count };
}

/** 25 opportunities a person with their stage moves: older ones mostly won or lost. */
export async function seedOpportunities(
  ctx: SeedContext,
  people: number,
  customersOf: (rep: number) => number[],
): Promise<{ opportunities: number; moves: number }> {
  const { runner, T, rnd, int, pick, at, now, workdays } = ctx;
  // --- Opportunities and their stage moves --------------------------------------------------------------
  const opportunities = new Writer(
    runner,
    'opportunities',
    'id tenant_id customer_id owner_user_id amount_fen stage_key status stage_entered_at lost_reason version created_by_user_id created_at closed_at',
  );
  const moves = new Writer(
    runner,
    'opportunity_stage_moves',
    'tenant_id opportunity_id from_stage to_stage moved_at user_id amount_fen days_in_from_stage lost_reason',
  );
  let opportunityId = 0;
  for (let id = 1; id <= people; id++) {
    for (let n = 0; n < OPPORTUNITIES_PER_PERSON; n++) {
      opportunityId += 1;
      const created = at(pick(workdays), int(9 * 60, 18 * 60));
      const amount = int(1, 500) * 100_000;
      // Deals older than a quarter are mostly closed; open ones entered their stage within four weeks.
      const ageMs = Math.max(0, now.getTime() - created.getTime());
      const closedShare = ageMs > 90 * 86_400_000 ? 0.9 : 0.3;
      const roll = rnd();
      const stage = roll < closedShare / 2 ? '赢单' : roll < closedShare ? '输单' : pick(OPEN_STAGES);
      const status = stage === '赢单' ? 'won' : stage === '输单' ? 'lost' : 'open';
      const entered =
        status === 'open'
          ? new Date(now.getTime() - rnd() * Math.min(ageMs, 28 * 86_400_000))
          : new Date(created.getTime() + rnd() * Math.min(ageMs, 90 * 86_400_000));
      const lost = status === 'lost' ? '价格太高' : null;
      await opportunities.add([
        opportunityId,
        T,
        pick(customersOf(id)),
        id,
        amount,
        stage,
        status,
        entered,
        lost,
        2,
        id,
        created,
        status === 'open' ? null : entered,
      ]);
      await moves.add([T, opportunityId, null, OPEN_STAGES[0], created, id, amount, null, null]);
      if (stage !== OPEN_STAGES[0])
        await moves.add([
          T,
          opportunityId,
          OPEN_STAGES[0],
          stage,
          entered,
          id,
          amount,
          Math.floor((entered.getTime() - created.getTime()) / 86_400_000),
          lost,
        ]);
    }
  }
  await opportunities.flush();
  await moves.flush();
  return { opportunities: opportunities.count, moves: moves.count };
}

/** 10 expense requests a person, decided by their manager; recent ones half still pending. */
export async function seedApprovals(ctx: SeedContext, org: SeededOrg): Promise<number> {
  const { runner, T, rnd, int, pick, at, now, workdays } = ctx;
  // --- Approvals: expenses, a few still pending ---------------------------------------------------------
  const requests = new Writer(
    runner,
    'approval_requests',
    'id tenant_id requester_user_id type status state version created_at updated_at',
  );
  const tasks = new Writer(
    runner,
    'approval_tasks',
    'tenant_id request_id step_id approver_user_id started_at',
  );
  let requestId = 0;
  for (let id = 2; id <= org.people; id++) {
    const approver = org.bossOf.get(id) ?? org.adminId;
    for (let n = 0; n < APPROVALS_PER_PERSON; n++) {
      requestId += 1;
      const submitted = at(pick(workdays), int(9 * 60, 18 * 60));
      const recent = now.getTime() - submitted.getTime() < 5 * 86_400_000;
      const status = recent && rnd() < 0.5 ? 'pending' : rnd() < 0.9 ? 'approved' : 'rejected';
      const closed = status === 'pending' ? null : new Date(submitted.getTime() + 3_600_000);
      const state = {
        request: {
          id: String(requestId),
          requesterId: id,
          departmentId: org.departmentOf.get(id) ?? null,
          form: {
            type: 'expense',
            amountFen: int(1000, 200_000),
            category: '交通费',
            note: '',
            receiptPhotoKeys: [],
          },
        },
        status,
        version: 2,
        round: 1,
        flow: { definitionId: 'default', definitionVersion: 1, resubmitFrom: 'first_step' },
        steps: [
          {
            id: 's1',
            name: '直属主管',
            mode: 'any',
            approverIds: [approver],
            fallback: null,
            status: status === 'pending' ? 'pending' : status,
            skip: null,
            startedAt: submitted,
            closedAt: closed,
            decisions:
              status === 'pending'
                ? []
                : [
                    {
                      approverId: approver,
                      decision: status === 'approved' ? 'approve' : 'reject',
                      reason: null,
                      at: closed,
                      carriedFromStepId: null,
                    },
                  ],
          },
        ],
        ccIds: [],
        submittedAt: submitted,
        closedAt: closed,
      };
      await requests.add([
        requestId,
        T,
        id,
        'expense',
        status,
        JSON.stringify(state),
        2,
        submitted,
        closed ?? submitted,
      ]);
      if (status === 'pending') await tasks.add([T, requestId, 's1', approver, submitted]);
    }
  }
  await requests.flush();
  await tasks.flush();
  return requests.count;
}

/** Monthly order-amount targets for everyone and every department, and a month of 日报. */
export async function seedTargetsAndReports(
  ctx: SeedContext,
  org: SeededOrg,
): Promise<{ targets: number; reports: number }> {
  const { runner, T, rnd, int, at, workdays, yearStart, lastDay, firstDay } = ctx;
  // --- Targets (monthly order amount, people and departments) and a month of 日报 -----------------------
  const targets = new Writer(
    runner,
    'targets',
    'tenant_id subject_kind subject_id measure period_kind period_key start_date end_date value set_by updated_at',
  );
  const nextMonth = (month: string): string => addDays(`${month}-28`, 5).slice(0, 7);
  const monthEnd = (month: string): string => addDays(`${nextMonth(month)}-01`, -1);
  const months: string[] = [];
  for (let m = firstDay.slice(0, 7); m <= lastDay.slice(0, 7); m = nextMonth(m)) months.push(m);
  for (const month of months) {
    for (let id = 1; id <= org.people; id++)
      await targets.add([
        T,
        'user',
        id,
        'order_amount',
        'month',
        month,
        `${month}-01`,
        monthEnd(month),
        int(50, 300) * 1_000_000,
        1,
        yearStart,
      ]);
    for (let d = 1; d <= org.departments; d++)
      await targets.add([
        T,
        'department',
        d,
        'order_amount',
        'month',
        month,
        `${month}-01`,
        monthEnd(month),
        int(500, 3000) * 1_000_000,
        1,
        yearStart,
      ]);
  }
  await targets.flush();
  const reports = new Writer(
    runner,
    'daily_reports',
    'tenant_id user_id report_date status activity plan problems submitted_at created_at updated_at',
  );
  for (const day of workdays.slice(-Math.round((DAILY_REPORT_DAYS * 5) / 7)))
    for (let id = 1; id <= org.people; id++) {
      if (rnd() < 0.2) continue;
      const submitted = at(day, 18 * 60 + int(0, 120));
      await reports.add([
        T,
        id,
        day,
        'submitted',
        JSON.stringify(['拜访客户']),
        '继续跟进',
        null,
        submitted,
        submitted,
        submitted,
      ]);
    }
  await reports.flush();
  return { targets: targets.count, reports: reports.count };
}
