import { Between, type EntityManager } from 'typeorm';
import { localDateOf, localTimeOf } from '../../domain/attendance/calendar';
import {
  DATASET_TITLES,
  yuanOf,
  type DatasetKey,
  type DatasetRange,
  type FinanceExportSource,
} from '../../domain/exports/datasets';
import { column, type ExportCell, type ExportColumn, type ExportTable } from '../../domain/exports/table';
import { VISIT_RESULT_LABELS, isVisitResult } from '../../domain/field/visit';
import { ORDER_STATUS_LABELS } from '../../domain/orders/order';
import { outstandingFen } from '../../domain/orders/receivables';
import { RETURN_STATUS_LABELS } from '../../domain/orders/returns';
import { CustomerEntity } from '../entities/customer.entity';
import { DepartmentEntity } from '../entities/department.entity';
import { OrderEntity, PaymentEntity } from '../entities/sales.entities';
import { OrderReturnEntity } from '../entities/order-return.entity';
import { UserEntity } from '../entities/user.entity';
import { VisitEntity } from '../entities/visit.entities';
import { toOrder } from '../repositories/order.repository';
import { toReturn } from '../repositories/order-return.repository';

/** A month of a busy tenant fits; more than this is cut (and the route logs it). */
export const DATASET_MAX_ROWS = 50_000;

/** One dataset: its columns and the query that fills them for a tenant and a month. */
export interface DatasetDeclaration {
  columns: readonly ExportColumn[];
  rows(manager: EntityManager, tenantId: string, range: DatasetRange): Promise<ExportCell[][]>;
}

/** Names of the tenant's people and departments, read once per download. */
async function namesOf(manager: EntityManager, tenantId: string) {
  const [users, departments] = await Promise.all([
    manager.find(UserEntity, {
      select: { id: true, name: true, platformUserId: true, departmentId: true },
      where: { tenantId },
    }),
    manager.find(DepartmentEntity, { select: { id: true, name: true }, where: { tenantId } }),
  ]);
  const people = new Map(users.map((u) => [u.id, u.name ?? u.platformUserId]));
  const departmentNames = new Map(departments.map((d) => [d.id, d.name]));
  const departmentOf = new Map(users.map((u) => [u.id, u.departmentId]));
  return {
    person: (id: number | null) => (id === null ? '' : (people.get(id) ?? String(id))),
    department: (id: number | null) => (id === null ? '' : (departmentNames.get(id) ?? '')),
    /** The person's department now (a visit keeps no department of its own). */
    departmentOfPerson: (id: number) => departmentNames.get(departmentOf.get(id) ?? -1) ?? '',
  };
}

const dateOr = (instant: Date | null, zone: string) => (instant ? localDateOf(instant, zone) : '');

const ORDER_COLUMNS = [
  column('订单号', 8),
  column('提交日期', 12),
  column('客户', 24),
  column('业绩归属', 10),
  column('部门', 12),
  column('状态', 8),
  column('商品明细', 40),
  column('小计（元）', 14, 2),
  column('优惠（元）', 12, 2),
  column('应付合计（元）', 14, 2),
  column('已回款（元）', 14, 2),
  column('已退货（元）', 14, 2),
  column('待回款（元）', 14, 2),
  column('确认日期', 12),
  column('发货日期', 12),
  column('完成日期', 12),
];

const RETURN_COLUMNS = [
  column('退货单号', 8),
  column('申请日期', 12),
  column('订单号', 8),
  column('客户', 24),
  column('业绩归属', 10),
  column('部门', 12),
  column('商品明细', 40),
  column('冲减金额（元）', 14, 2),
  column('原因', 30),
  column('状态', 8),
  column('审批日期', 12),
];

const PAYMENT_COLUMNS = [
  column('回款日期', 12),
  column('客户', 24),
  column('订单号', 8),
  column('金额（元）', 14, 2),
  column('业绩归属', 10),
  column('登记人', 10),
  column('登记时间', 18),
];

const VISIT_COLUMNS = [
  column('日期', 12),
  column('开始', 8),
  column('结束', 8),
  column('时长（分钟）', 12),
  column('业务员', 10),
  column('部门', 12),
  column('客户', 24),
  column('距客户（米）', 12),
  column('异地签到', 8),
  column('自动结束', 8),
  column('结果', 10),
  column('下次拜访', 12),
  column('备注', 40),
];

const yesNo = (value: boolean | number) => (Number(value) ? '是' : '否');

/** Every finance dataset, declared once. */
const FINANCE_DATASETS: Record<DatasetKey, DatasetDeclaration> = {
  // Orders submitted in the month (drafts never submitted are not orders), oldest first.
  orders: {
    columns: ORDER_COLUMNS,
    async rows(manager, tenantId, { from, to, timeZone }) {
      const names = await namesOf(manager, tenantId);
      const rows = await manager.find(OrderEntity, {
        where: { tenantId, submittedAt: Between(from, new Date(to.getTime() - 1)) },
        order: { submittedAt: 'ASC', id: 'ASC' },
        take: DATASET_MAX_ROWS,
      });
      return rows
        .map(toOrder)
        .map((o) => [
          o.id,
          dateOr(o.submittedAt, timeZone),
          o.customerName,
          names.person(o.repUserId),
          names.department(o.departmentId),
          ORDER_STATUS_LABELS[o.status],
          o.lines.map((l) => `${l.code}×${l.qty}`).join('；'),
          yuanOf(o.subtotalFen),
          yuanOf(o.discountFen),
          yuanOf(o.totalFen),
          yuanOf(o.paidFen),
          yuanOf(o.returnedFen),
          yuanOf(outstandingFen(o)),
          dateOr(o.confirmedAt, timeZone),
          dateOr(o.shippedAt, timeZone),
          dateOr(o.completedAt, timeZone),
        ]);
    },
  },
  // Returns filed in the month, whatever became of them (the status says; only approved ones are credited).
  returns: {
    columns: RETURN_COLUMNS,
    async rows(manager, tenantId, { from, to, timeZone }) {
      const names = await namesOf(manager, tenantId);
      const rows = await manager.find(OrderReturnEntity, {
        where: { tenantId, createdAt: Between(from, new Date(to.getTime() - 1)) },
        order: { createdAt: 'ASC', id: 'ASC' },
        take: DATASET_MAX_ROWS,
      });
      return rows
        .map(toReturn)
        .map((r) => [
          r.id,
          localDateOf(r.createdAt, timeZone),
          r.orderId,
          r.customerName,
          names.person(r.repUserId),
          names.departmentOfPerson(r.repUserId),
          r.lines.map((l) => `${l.code}×${l.qty}`).join('；'),
          yuanOf(r.amountFen),
          r.reason,
          RETURN_STATUS_LABELS[r.status],
          dateOr(r.decidedAt, timeZone),
        ]);
    },
  },
  // Payments received on a day of the month, by the day they were received.
  payments: {
    columns: PAYMENT_COLUMNS,
    async rows(manager, tenantId, { firstDay, lastDay, timeZone }) {
      const names = await namesOf(manager, tenantId);
      const rows = await manager.find(PaymentEntity, {
        where: { tenantId, receivedOn: Between(firstDay, lastDay) },
        order: { receivedOn: 'ASC', id: 'ASC' },
        take: DATASET_MAX_ROWS,
      });
      const customers = await customerNames(manager, tenantId);
      return rows.map((p) => [
        p.receivedOn,
        customers.get(p.customerId) ?? String(p.customerId),
        p.orderId ?? '预收款',
        yuanOf(Number(p.amountFen)),
        names.person(p.repUserId),
        names.person(p.recordedBy),
        `${localDateOf(p.createdAt, timeZone)} ${localTimeOf(p.createdAt, timeZone)}`,
      ]);
    },
  },
  // Visits started in the month.
  visits: {
    columns: VISIT_COLUMNS,
    async rows(manager, tenantId, { from, to, timeZone }) {
      const names = await namesOf(manager, tenantId);
      const rows = await manager.find(VisitEntity, {
        where: { tenantId, startedAt: Between(from, new Date(to.getTime() - 1)) },
        order: { startedAt: 'ASC', id: 'ASC' },
        take: DATASET_MAX_ROWS,
      });
      const customers = await customerNames(manager, tenantId);
      return rows.map((v) => [
        localDateOf(v.startedAt, timeZone),
        localTimeOf(v.startedAt, timeZone),
        v.endedAt ? localTimeOf(v.endedAt, timeZone) : '',
        v.endedAt ? Math.round((v.endedAt.getTime() - v.startedAt.getTime()) / 60_000) : '',
        names.person(v.userId),
        names.departmentOfPerson(v.userId),
        customers.get(v.customerId) ?? String(v.customerId),
        v.distanceM ?? '',
        yesNo(v.offSite),
        yesNo(v.autoClosed),
        v.result && isVisitResult(v.result) ? VISIT_RESULT_LABELS[v.result] : '',
        v.nextVisitDate ?? '',
        v.note ?? '',
      ]);
    },
  },
};

async function customerNames(manager: EntityManager, tenantId: string): Promise<Map<number, string>> {
  const rows = await manager.find(CustomerEntity, { select: { id: true, name: true }, where: { tenantId } });
  return new Map(rows.map((c) => [c.id, c.name]));
}

/** The finance datasets as the export use case reads them. */
export class FinanceExportRepository implements FinanceExportSource {
  constructor(private readonly manager: EntityManager) {}

  async table(tenantId: string, dataset: DatasetKey, range: DatasetRange): Promise<ExportTable> {
    const declaration = FINANCE_DATASETS[dataset];
    return {
      title: DATASET_TITLES[dataset],
      columns: declaration.columns,
      rows: await declaration.rows(this.manager, tenantId, range),
    };
  }
}
