import type { CustomerFacts, SalesFacts, TargetFacts, VisitFacts } from '../reports/facts';
import type { UserProfile } from '../org/user';
import type { TargetMeasure } from '../targets/measures';
import type { TargetPeriod } from '../targets/period';
import type { StoredTarget } from '../targets/prorate';
import type { TargetDimension } from '../targets/segments';
import type { Order, OrderStatus } from './order';
import type { Discount, OrderTotals, PricedLine } from './pricing';
import type { Product } from './product';
import type { CustomerTerms } from './credit';
import type { Receivable } from './receivables';
import type { OrderReturn, ReturnStatus } from './returns';
import type { StatementEntry } from './statement';
import type { CommittedOrder, StockLevel } from './stock';
import type { OrderSettings } from './settings';

/** Storage port: the tenant's catalogue (商品). */
export interface ProductCatalog {
  /** Every product, active or not, by code. */
  listAll(tenantId: string): Promise<Product[]>;
  findByCode(tenantId: string, code: string): Promise<Product | null>;
  /** Creates or replaces the product with this code; returns what was there before (null: created). */
  upsert(tenantId: string, product: Product, now: Date): Promise<Product | null>;
}

export interface NewOrderDraft extends OrderTotals {
  customerId: number;
  customerName: string;
  repUserId: number;
  departmentId: number | null;
  discount: Discount | null;
  lines: PricedLine[];
  commandText: string;
}

/** 改单: what replaces an order's lines and totals. */
export type OrderRevision = Omit<NewOrderDraft, 'customerId' | 'customerName' | 'repUserId' | 'departmentId'>;

/** Storage port: orders. Status changes are compare-and-set, so a double tap or two deciders change it once. */
export interface OrderStore {
  createDraft(tenantId: string, draft: NewOrderDraft, now: Date): Promise<number>;
  findById(tenantId: string, id: number): Promise<Order | null>;
  /** Moves the order to `to` only if it is in one of `from`; false when it was not (nothing changed). */
  transition(
    tenantId: string,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    now: Date,
  ): Promise<boolean>;
  /** 改单: new lines and totals with the move, compare-and-set like `transition`; clears the old approval link. */
  revise(
    tenantId: string,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    revision: OrderRevision,
    now: Date,
  ): Promise<boolean>;
  /** 收货: the quantities received with the move to 已完成, compare-and-set. */
  receive(
    tenantId: string,
    id: number,
    from: readonly OrderStatus[],
    to: OrderStatus,
    received: Record<string, number>,
    now: Date,
  ): Promise<boolean>;
  /** An approved return credits the order (same transaction as the return's decision). */
  addReturned(tenantId: string, id: number, amountFen: number): Promise<void>;
  setApprovalRequest(tenantId: string, id: number, requestId: number): Promise<void>;
  /** Submitted orders credited to these reps (all reps of the tenant: null), newest first. */
  listForReps(tenantId: string, repUserIds: number[] | null, limit: number): Promise<Order[]>;
  /** Sold orders of the customer with something still to pay. */
  openReceivables(tenantId: string, customerId: number): Promise<Receivable[]>;
  /** Sold orders with something still to pay, credited to these reps (null: all), oldest first. */
  unpaidForReps(tenantId: string, repUserIds: number[] | null): Promise<Order[]>;
}

export type NewOrderReturn = Omit<
  OrderReturn,
  'id' | 'status' | 'approvalRequestId' | 'createdAt' | 'decidedAt'
>;

/** Storage port: returns (退货). Decisions are compare-and-set from 待审批. */
export interface ReturnStore {
  create(tenantId: string, draft: NewOrderReturn, now: Date): Promise<number>;
  findById(tenantId: string, id: number): Promise<OrderReturn | null>;
  listForOrder(tenantId: string, orderId: number): Promise<OrderReturn[]>;
  setApprovalRequest(tenantId: string, id: number, requestId: number): Promise<void>;
  /** Moves the return from any of `from` to `to`; false when it was not there (decided already). */
  decide(
    tenantId: string,
    id: number,
    from: readonly ReturnStatus[],
    to: ReturnStatus,
    now: Date,
  ): Promise<boolean>;
}

/** 对账单: a customer's orders, returns and payments, each dated in the tenant's zone. */
export interface StatementSource {
  /** Every entry of the customer dated on or before `through` (`YYYY-MM-DD`), oldest first. */
  entriesThrough(tenantId: string, customerId: number, through: string): Promise<StatementEntry[]>;
}

export interface NewPayment {
  customerId: number;
  orderId: number | null;
  /** The order's credited rep; the recorder for an advance without an order. */
  repUserId: number;
  recordedBy: number;
  amountFen: number;
  /** Business date received (`YYYY-MM-DD`) and the instant it stands for. */
  receivedOn: string;
  receivedAt: Date;
}

/** A 回款 held back because it is above what is due, until its recorder confirms it on the card. */
export interface PaymentDraft {
  id: number;
  userId: number;
  customerId: number;
  orderId: number | null;
  amountFen: number;
  receivedOn: string;
  receivedAt: Date;
  createdAt: Date;
  status: 'draft' | 'confirmed' | 'cancelled';
}

export interface PaymentStore {
  record(tenantId: string, payments: NewPayment[], now: Date): Promise<void>;
  saveDraft(
    tenantId: string,
    draft: Omit<PaymentDraft, 'id' | 'status' | 'createdAt'>,
    now: Date,
  ): Promise<number>;
  findDraft(tenantId: string, userId: number, id: number): Promise<PaymentDraft | null>;
  /** Closes a draft once; false when it was already closed (a double tap). */
  closeDraft(tenantId: string, id: number, to: 'confirmed' | 'cancelled'): Promise<boolean>;
}

/** Who or what a target is for: a department, a person, or a category/region (the id of its name, TargetStore.segmentId). */
export interface TargetSubject {
  kind: 'department' | 'user' | TargetDimension;
  id: number;
}

export interface TargetStore {
  /** Sets the target; returns the value it replaced (null: new). */
  set(
    tenantId: string,
    subject: TargetSubject,
    measure: TargetMeasure,
    period: TargetPeriod,
    value: number,
    setBy: number | null,
    now: Date,
  ): Promise<number | null>;
  /** Targets of these subjects overlapping `[from, to]`, per subject id. */
  overlapping(
    tenantId: string,
    kind: TargetSubject['kind'],
    ids: number[],
    measure: TargetMeasure,
    range: { from: string; to: string },
  ): Promise<Map<number, StoredTarget[]>>;
  /** The id targets know a category's (region's) name by, recorded the first time it is asked for. */
  segmentId(tenantId: string, dimension: TargetDimension, name: string): Promise<number>;
  /** The names a target may be set for: the catalogue's product categories, or the customers' regions. */
  segmentNames(tenantId: string, dimension: TargetDimension): Promise<string[]>;
}

export interface SalesDepartment {
  id: number;
  name: string;
  parentId: number | null;
}

/** The org as sales needs it: departments by name, and who sits in a subtree. */
export interface SalesOrg {
  departments(tenantId: string): Promise<SalesDepartment[]>;
  /** Active people whose department is one of `departmentIds`. */
  membersOf(tenantId: string, departmentIds: number[]): Promise<UserProfile[]>;
}

export interface OrderSettingsSource {
  read(tenantId: string): Promise<OrderSettings>;
  write(tenantId: string, settings: OrderSettings, now: Date): Promise<void>;
}

/** Storage port: 信用额度 and 账期 per customer. */
export interface CustomerTermsStore {
  read(tenantId: string, customerId: number): Promise<CustomerTerms | null>;
  /** 账期 in days for each customer named: its own, its class's or the tenant's (termDaysOf). */
  termDays(tenantId: string, customerIds: readonly number[]): Promise<Map<number, number>>;
  /** Sets what `change` names (null clears it); returns the terms before. */
  set(
    tenantId: string,
    customerId: number,
    change: Partial<Pick<CustomerTerms, 'creditLimitFen' | 'paymentTermDays'>>,
  ): Promise<CustomerTerms | null>;
}

/** Storage port: stock on hand per product and warehouse (department, or the company's: null). */
export interface StockStore {
  /** The stock rows of these product codes (every warehouse). */
  levels(tenantId: string, codes: readonly string[]): Promise<StockLevel[]>;
  /** Submitted orders not yet shipped (待审批, 已确认): what they will take. */
  committed(tenantId: string): Promise<CommittedOrder[]>;
  /** Sets the quantity on hand; returns the one before (null: the product was not tracked there). */
  set(tenantId: string, level: StockLevel, now: Date): Promise<number | null>;
  /** Takes shipped quantities off hand (a warehouse may go below zero: shipped beyond stock, approved). */
  take(
    tenantId: string,
    takes: ReadonlyArray<Omit<StockLevel, 'onHand'> & { qty: number }>,
    now: Date,
  ): Promise<void>;
}

/** Everything the orders, payments and targets handlers use, in one group of HandlerContext.stores. */
export interface SalesStores {
  products: ProductCatalog;
  orders: OrderStore;
  payments: PaymentStore;
  returns: ReturnStore;
  statements: StatementSource;
  targets: TargetStore;
  settings: OrderSettingsSource;
  customerTerms: CustomerTermsStore;
  stock: StockStore;
  org: SalesOrg;
  facts: SalesFacts;
  targetFacts: TargetFacts;
  /** Counts for the 新客户数 and 拜访数 measures, from the customers and visits areas once wired. */
  customerFacts?: CustomerFacts;
  visitFacts?: VisitFacts;
}
