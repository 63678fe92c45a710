import type { EntityManager } from 'typeorm';
import { AttendanceExportRepository } from './attendance-export.repository';
import { AttendanceSettingsRepository } from './attendance-settings.repository';
import { AuditLogRepository } from './audit-log.repository';
import { CoverageRepository } from './coverage.repository';
import { CustomerDraftRepository } from './customer-draft.repository';
import { CustomerRepository } from './customer.repository';
import { DepartmentLeaderRepository } from './department-leader.repository';
import { DepartmentRepository } from './department.repository';
import { ImportRunRepository } from './import-run.repository';
import { InboxRepository } from './inbox.repository';
import { JobLeaseRepository } from './job-lease.repository';
import { LeadRepository } from './lead.repository';
import { TargetSplitDraftRepository } from './target-split-draft.repository';
import { LeaveQuotaRepository } from './leave-quota.repository';
import { AttendanceCorrectionRepository } from './attendance-correction.repository';
import { AttendanceRosterRepository } from './attendance-roster.repository';
import { LeaveCalendarRepository } from './leave-calendar.repository';
import { ApprovalFlowRepository } from './approval-flow.repository';
import { ApprovalFormRepository } from './approval-form.repository';
import { FormDraftRepository } from './form-draft.repository';
import { ApprovalRepository } from './approval.repository';
import { ApprovalSettingsRepository } from './approval-settings.repository';
import { OrgSnapshotRepository } from './org-snapshot.repository';
import { LocationShareRepository } from './location-share.repository';
import { OrgDirectoryRepository } from './org-directory';
import { OutboxRepository } from './outbox.repository';
import { PunchPhotoRepository } from './punch-photo.repository';
import { PunchRepository } from './punch.repository';
import { ReminderSettingsRepository } from './reminder-settings.repository';
import { UserRepository } from './user.repository';
import { DailyReportRepository } from './daily-report.repository';
import { PushLogRepository, PushPreferenceRepository } from './push-log.repository';
import { ReportSettingsRepository } from './report-settings.repository';
import { createReportFacts } from '../reports/report-facts';
import { CustomerProfileRepository } from './customer-profile.repository';
import { CustomerChoiceRepository } from './customer-choice.repository';
import { CommandOfferRepository } from './command-offer.repository';
import { OpportunityFactsRepository } from './opportunity-facts.repository';
import { OpportunitySettingsRepository } from './opportunity-settings.repository';
import { OpportunityRepository, OpportunityTimelineRepository } from './opportunity.repository';
import { createSalesStores, SalesTimelineSource } from './sales';
import { CustomerPoolRepository } from './customer-pool.repository';
import { VisitPlanRepository } from './visit-plan.repository';
import { VisitRequestRepository } from './visit-request.repository';
import { VisitSettingsRepository } from './visit-settings.repository';
import { VisitTemplateRepository } from './visit-template.repository';
import { VisitRepository } from './visit.repository';
import { FinanceExportRepository } from '../exports/finance-datasets';

/** Every repository bound to one EntityManager: the plain one, or a transaction's. */
export function createRepositories(manager: EntityManager, defaultTimeZone = 'Asia/Shanghai') {
  const customerPool = new CustomerPoolRepository(manager, defaultTimeZone);
  const visits = new VisitRepository(manager, customerPool);
  return {
    customerPool,
    visits,
    visitPlans: new VisitPlanRepository(manager, defaultTimeZone),
    visitRequests: new VisitRequestRepository(manager),
    visitSettings: new VisitSettingsRepository(manager),
    visitTemplates: new VisitTemplateRepository(manager),
    coverage: new CoverageRepository(manager),
    punches: new PunchRepository(manager),
    punchPhotos: new PunchPhotoRepository(manager),
    attendanceSettings: new AttendanceSettingsRepository(manager, defaultTimeZone),
    attendanceExports: new AttendanceExportRepository(manager),
    financeExports: new FinanceExportRepository(manager),
    reminderSettings: new ReminderSettingsRepository(manager),
    leaveCalendar: new LeaveCalendarRepository(manager),
    leaveQuotas: new LeaveQuotaRepository(manager),
    attendanceCorrections: new AttendanceCorrectionRepository(manager),
    roster: new AttendanceRosterRepository(manager),
    approvals: new ApprovalRepository(manager),
    approvalFlows: new ApprovalFlowRepository(manager),
    approvalForms: new ApprovalFormRepository(manager),
    formDrafts: new FormDraftRepository(manager),
    approvalSettings: new ApprovalSettingsRepository(manager),
    orgSnapshot: new OrgSnapshotRepository(manager),
    auditLog: new AuditLogRepository(manager),
    org: new OrgDirectoryRepository(manager),
    users: new UserRepository(manager),
    departments: new DepartmentRepository(manager),
    departmentLeaders: new DepartmentLeaderRepository(manager),
    inbox: new InboxRepository(manager),
    outbox: new OutboxRepository(manager),
    locationShares: new LocationShareRepository(manager),
    customers: new CustomerRepository(manager),
    importRuns: new ImportRunRepository(manager),
    customerDrafts: new CustomerDraftRepository(manager),
    jobLeases: new JobLeaseRepository(manager),
    dailyReports: new DailyReportRepository(manager),
    pushLog: new PushLogRepository(manager),
    pushPreferences: new PushPreferenceRepository(manager),
    reportSettings: new ReportSettingsRepository(manager),
    reportFacts: createReportFacts(manager, defaultTimeZone),
    opportunities: new OpportunityRepository(manager),
    opportunityTimeline: new OpportunityTimelineRepository(manager),
    opportunitySettings: new OpportunitySettingsRepository(manager),
    opportunityFacts: new OpportunityFactsRepository(manager),
    customerProfiles: new CustomerProfileRepository(manager),
    customerChoices: new CustomerChoiceRepository(manager),
    commandOffers: new CommandOfferRepository(manager),
    leads: new LeadRepository(manager),
    yearSplitDrafts: new TargetSplitDraftRepository(manager),
    // 新客户数 and 拜访数 targets count through the customers' and visits' report ports.
    sales: {
      ...createSalesStores(manager, defaultTimeZone),
      customerFacts: customerPool,
      visitFacts: visits,
    },
    salesTimeline: new SalesTimelineSource(manager),
  };
}

export type Repositories = ReturnType<typeof createRepositories>;
