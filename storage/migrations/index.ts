import { InitialSchema1764000000000 } from './1764000000000-initial-schema';
import { Attendance1764100000000 } from './1764100000000-attendance';
import { Org1764200000000 } from './1764200000000-org';
import { Approvals1764300000000 } from './1764300000000-approvals';
import { Customers1764400000000 } from './1764400000000-customers';
import { Visits1764500000000 } from './1764500000000-visits';
import { Opportunities1764510000000 } from './1764510000000-opportunities';
import { Sales1764600000000 } from './1764600000000-sales';
import { Reports1764700000000 } from './1764700000000-reports';
import { Tenants1764800000000 } from './1764800000000-tenants';
import { FormDrafts1764950000000 } from './1764950000000-form-drafts';
import { DailyReportReads1765000000000 } from './1765000000000-daily-report-reads';
import { Scale1765100000000 } from './1765100000000-scale';
import { PoolDeferral1765200000000 } from './1765200000000-pool-deferral';
import { OutboxReplyHandle1765310000000 } from './1765310000000-outbox-reply-handle';
import { LinkKeys1765310000000 } from './1765310000000-link-keys';
import { ProtocolEdges1765310000000 } from './1765310000000-protocol-edges';
import { TenantAdmins1765320000000 } from './1765320000000-tenant-admins';
import { AttendanceRequests1765330000000 } from './1765330000000-attendance-requests';
import { InboxUserOrder1765330000000 } from './1765330000000-inbox-user-order';
import { VisitDetails1765400000000 } from './1765400000000-visit-details';
import { OrderReturns1765420000000 } from './1765420000000-order-returns';
import { CreditAndStock1765430000000 } from './1765430000000-credit-and-stock';
import { Leads1765440000000 } from './1765440000000-leads';
import { TargetSplitDrafts1765441000000 } from './1765441000000-target-split-drafts';
import { HireDates1765450000000 } from './1765450000000-hire-dates';
import { AttendanceCorrections1765451000000 } from './1765451000000-attendance-corrections';
import { AttendanceRoster1765452000000 } from './1765452000000-attendance-roster';
import { OutboxPacing1765460000000 } from './1765460000000-outbox-pacing';
import { CommandOffers1765470000000 } from './1765470000000-command-offers';
import { TargetSegments1765480000000 } from './1765480000000-target-segments';

/** Listed explicitly so the same code runs under tsx, jest and a compiled build. */
export const MIGRATIONS = [
  InitialSchema1764000000000,
  Attendance1764100000000,
  Org1764200000000,
  Approvals1764300000000,
  Customers1764400000000,
  Visits1764500000000,
  Opportunities1764510000000,
  Sales1764600000000,
  Reports1764700000000,
  Tenants1764800000000,
  FormDrafts1764950000000,
  DailyReportReads1765000000000,
  Scale1765100000000,
  PoolDeferral1765200000000,
  OutboxReplyHandle1765310000000,
  LinkKeys1765310000000,
  ProtocolEdges1765310000000,
  // TypeORM runs migrations in timestamp order (the same timestamp: in this order); the list follows it.
  TenantAdmins1765320000000,
  AttendanceRequests1765330000000,
  InboxUserOrder1765330000000,
  VisitDetails1765400000000,
  OrderReturns1765420000000,
  CreditAndStock1765430000000,
  Leads1765440000000,
  TargetSplitDrafts1765441000000,
  HireDates1765450000000,
  AttendanceCorrections1765451000000,
  AttendanceRoster1765452000000,
  OutboxPacing1765460000000,
  CommandOffers1765470000000,
  TargetSegments1765480000000,
];
