import type { HandlerContext } from '../../handlers/context';
import { leaveOutcomeSubscriber } from '../../handlers/attendance/leave-outcome';
import { attendanceOutcomeSubscriber } from '../../handlers/attendance/attendance-outcome';
import { orderApprovalSubscriber } from '../../handlers/order/order-approval';
import { returnApprovalSubscriber } from '../../handlers/order/return-approval';
import { poolExtensionSubscriber } from '../../handlers/visit/pool-extension-outcome';
import type { Repositories } from '../../storage/repositories';

/** The stores a handler sees, over one transaction's repositories. */
export function handlerStoresOver(repos: Repositories): HandlerContext['stores'] {
  return {
    locationShares: repos.locationShares,
    customers: repos.customers,
    customerDrafts: repos.customerDrafts,
    punches: repos.punches,
    punchPhotos: repos.punchPhotos,
    attendanceSettings: repos.attendanceSettings,
    auditLog: repos.auditLog,
    auditHistory: repos.auditLog,
    org: repos.org,
    approvals: repos.approvals,
    approvalFlows: repos.approvalFlows,
    approvalForms: repos.approvalForms,
    formDrafts: repos.formDrafts,
    orgSnapshot: repos.orgSnapshot,
    leaveCalendar: repos.leaveCalendar,
    leaveQuotas: repos.leaveQuotas,
    hireDates: repos.users,
    attendanceCorrections: repos.attendanceCorrections,
    roster: repos.roster,
    users: repos.users,
    people: repos.users,
    reportFacts: repos.reportFacts,
    dailyReports: repos.dailyReports,
    pushLog: repos.pushLog,
    pushPreferences: repos.pushPreferences,
    reportSettings: repos.reportSettings,
    opportunities: repos.opportunities,
    opportunitySettings: repos.opportunitySettings,
    followUps: repos.opportunityTimeline,
    customerProfiles: repos.customerProfiles,
    handoverParticipants: [repos.customerPool, repos.opportunities, repos.visitPlans],
    // Entries at the same minute keep this order; the customer's creation reads last, as the oldest.
    timelineSources: [repos.salesTimeline, repos.visits, repos.opportunityTimeline, repos.customerProfiles],
    staff: repos.users,
    customerChoices: repos.customerChoices,
    commandOffers: repos.commandOffers,
    sales: repos.sales,
    visits: repos.visits,
    visitPlans: repos.visitPlans,
    visitRequests: repos.visitRequests,
    visitSettings: repos.visitSettings,
    visitTemplates: repos.visitTemplates,
    customerPool: repos.customerPool,
    leads: repos.leads,
    yearSplitDrafts: repos.yearSplitDrafts,
    deadLetters: repos.outbox,
  };
}

/** The feature areas that act on an approval's outcome (attendance, orders, the customer pool). */
export const APPROVAL_SUBSCRIBERS: HandlerContext['approvalSubscribers'] = [
  leaveOutcomeSubscriber,
  attendanceOutcomeSubscriber,
  orderApprovalSubscriber,
  returnApprovalSubscriber,
  poolExtensionSubscriber,
];
