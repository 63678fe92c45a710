import type { DatasetKey } from '../domain/exports/datasets';
import type { Logger } from 'pino';
import type { PhotoExif } from '../domain/attendance/anti-cheat';
import type { ExportFile } from '../domain/attendance/export';
import type { DateRange } from '../domain/reports/metrics';
import type {
  AttendanceSettingsStore,
  PhotoArchive,
  PunchPhotoStore,
  PunchStore,
} from '../domain/attendance/ports';
import type { AuditHistory, AuditLog } from '../domain/audit/audit-entry';
import type { LeaveCalendar } from '../domain/attendance/leave';
import type { AttendanceCorrectionStore } from '../domain/attendance/correction';
import type { RosterStore } from '../domain/attendance/shift';
import type {
  ApprovalFormStore,
  ApprovalStore,
  LeaveQuotaStore,
  FlowDefinitionStore,
  FormDraftStore,
  HireDateStore,
  OrgSnapshotSource,
} from '../domain/approval/ports';
import type { CustomerDirectory, CustomerDraftStore, CustomerRegistry } from '../domain/field/customer';
import type { LocationShareStore } from '../domain/field/location-share';
import type { CustomerChoiceStore, CustomerProfileStore } from '../domain/field/customer-profile';
import type { CommandOfferStore } from '../domain/messages/command-offer';
import type { HandoverParticipant } from '../domain/field/handover';
import type { FollowUpLog, OpportunitySettingsStore, OpportunityStore } from '../domain/field/opportunity';
import type { TimelineSource } from '../domain/field/timeline';
import type { StaffDirectory } from '../domain/field/person-lookup';
import type { SalesStores } from '../domain/orders/ports';
import type { CustomerPoolStore, VisitRequestStore } from '../domain/field/customer-pool';
import type { VisitStore } from '../domain/field/visit';
import type { VisitPlanStore } from '../domain/field/visit-plan';
import type { VisitSettingsStore } from '../domain/field/visit-settings';
import type { VisitTemplateStore } from '../domain/field/visit-template';
import type { InboundEventKind, InboundEventOf, LocationIntent } from '../domain/messages/inbound-event';
import type { Reply } from '../domain/messages/reply';
import type { DeadLetterLog } from '../domain/messages/dead-letter';
import type { OrgDirectory, PeopleDirectory } from '../domain/org/ports';
import type { UserProfile } from '../domain/org/user';
import type { ReportFacts } from '../domain/reports/facts';
import type {
  DailyReportStore,
  PushLog,
  PushPreferences,
  ReportSettingsStore,
} from '../domain/reports/ports';
import type { LeadStore } from '../domain/leads/ports';
import type { TableImportKind } from '../domain/imports/table-import';
import type { YearSplitDraftStore } from '../domain/targets/ports';
import type { ReportPage } from '../cards/render/report-page';
import type { ApprovalEvent } from '../domain/approval/events';
import type { ApprovalState } from '../domain/approval/state';
import type { ImageRejectedError, PreparedPhoto } from '../cards/watermark';
import type { PeriodicKind } from '../domain/reports/periodic-report';

/** Everything a handler may use, typed; built per event by the dispatcher (bot/inbox-dispatcher.ts). */
export interface HandlerContext {
  user: UserProfile;
  /** What the user's IM can do (bot/platform-capabilities.ts): branch on these, never on the platform. */
  capabilities: PlatformCapabilities;
  /** True when this event created the user: the first time they reached the bot. */
  firstContact: boolean;
  /** Child logger tagged with tenant, user and msgId. */
  log: Logger;
  now: Date;
  timeZone: string;
  stores: {
    locationShares: LocationShareStore;
    customers: CustomerDirectory & CustomerRegistry;
    customerDrafts: CustomerDraftStore;
    punches: PunchStore;
    punchPhotos: PunchPhotoStore;
    attendanceSettings: AttendanceSettingsStore;
    auditLog: AuditLog;
    auditHistory: AuditHistory;
    org: OrgDirectory;
    approvals: ApprovalStore;
    approvalFlows: FlowDefinitionStore;
    approvalForms: ApprovalFormStore;
    formDrafts: FormDraftStore;
    orgSnapshot: OrgSnapshotSource;
    leaveCalendar: LeaveCalendar;
    leaveQuotas: LeaveQuotaStore;
    hireDates: HireDateStore;
    attendanceCorrections: AttendanceCorrectionStore;
    roster: RosterStore;
    users: UserLookup;
    people: PeopleDirectory;
    reportFacts: ReportFacts;
    dailyReports: DailyReportStore;
    pushLog: PushLog;
    pushPreferences: PushPreferences;
    reportSettings: ReportSettingsStore;
    opportunities: OpportunityStore;
    opportunitySettings: OpportunitySettingsStore;
    followUps: FollowUpLog;
    customerProfiles: CustomerProfileStore;
    /** Everything 交接 moves, one participant per area (customers, opportunities, visit plans …). */
    handoverParticipants: HandoverParticipant[];
    /** Everything `客户 <名称> 动态` merges, one source per area. */
    timelineSources: TimelineSource[];
    staff: StaffDirectory;
    customerChoices: CustomerChoiceStore;
    commandOffers: CommandOfferStore;
    sales: SalesStores;
    visits: VisitStore;
    visitPlans: VisitPlanStore;
    visitRequests: VisitRequestStore;
    visitSettings: VisitSettingsStore;
    visitTemplates: VisitTemplateStore;
    customerPool: CustomerPoolStore;
    leads: LeadStore;
    yearSplitDrafts: YearSplitDraftStore;
    deadLetters: DeadLetterLog;
  };
  /**
   * Everything an approval's committed events change beyond the approval itself, one subscriber per area
   * (approved leave into attendance, discount decisions into orders, 公海延期 into the customer pool).
   */
  approvalSubscribers: ApprovalSubscriber[];
  /**
   * A report image (今日简报), drawn after this event's transaction commits — a PNG takes ~0.2 s and must not
   * hold the database. Returns the reply to put where the image belongs among the handler's replies: it keeps
   * that place in the user's message order and becomes the image once drawn (or says the image failed).
   * Absent where no renderer is configured: the text goes alone.
   */
  renderAfterCommit?(page: ReportPage, fileName: string): Reply;
  /** Queues a message to another person of the tenant (by user id), delivered with this event's replies. */
  notify(userId: number, reply: Reply): void;
  links: LinkFactory;
  photos: PhotoArchive;
  /** An image event's bytes, fetched from the platform before handling (never inside the transaction). */
  attachment?: Attachment;
}

/** What one IM platform can do, as handlers and cards need to know it. */
export interface PlatformCapabilities {
  /** A user can send their location as a chat message; otherwise only the H5 location page reads it. */
  sharesLocationInChat: boolean;
  /** Any card the bot sent can be edited later by its id (another approver's too), without a tap's token. */
  editsOthersCards: boolean;
  /** A card update shows its whole new content; otherwise only the tapped button's new label shows. */
  updatedCardsShowDetail: boolean;
}

/** People of the tenant by id, for names on cards. */
export interface UserLookup {
  findById(tenantId: string, id: number): Promise<UserProfile | null>;
}

export interface Attachment {
  bytes: Uint8Array;
  /** What the bytes are (read from them), not what the platform said. */
  contentType: string;
  exif: PhotoExif;
  /** Checked and decoded before the transaction; the reason when the bytes are no usable photo. */
  photo: PreparedPhoto | ImageRejectedError;
}

/** Signed links to the bot's H5 pages, issued for the current user. */
export interface LinkFactory {
  /** One-time. With an intent, the position is recorded for it straight away (no second tap). */
  locationPage(intent?: LocationIntent): string;
  /** A download of the month's attendance (admins), usable again and again for `EXPORT_LINK_TTL_MINUTES`. */
  attendanceExport(month: string, file: ExportFile): string;
  /** A download of a finance dataset for a month (admins), reusable for `EXPORT_LINK_TTL_MINUTES`. */
  dataExport(dataset: DatasetKey, month: string, format: 'xlsx' | 'csv'): string;
  /** A one-time page where an admin uploads a table (CSV/XLSX) of `kind` for import. */
  importPage(kind: TableImportKind): string;
  /** A CSV download of the month's audit log (admins), reusable for `EXPORT_LINK_TTL_MINUTES`. */
  auditExport(month: string): string;
  /** 对账单 of a customer over `range` as XLSX or CSV, for the user (reach checked again at download). */
  statementExport(customerId: number, range: DateRange, format: ExportFile['format']): string;
  /** 日报 `reportId`'s page for a manager (by platform user id) it is sent to; opening it marks it read. */
  dailyReportPage(reportId: number, readerPlatformUserId: string): string;
  /** The user's live digest page (managers): the team's figures and exceptions as of its opening. */
  digestPage(): string;
  /** The user's 周报 or 月报 page for the period starting on `from` (managers). */
  periodicReportPage(kind: PeriodicKind, from: string): string;
}

/** Reacts to one committed approval event, inside the same transaction. */
export type ApprovalSubscriber = (
  ctx: HandlerContext,
  state: ApprovalState,
  event: ApprovalEvent,
) => Promise<void>;

export type HandlerResult = Reply | Reply[] | void;
export type Handler<K extends InboundEventKind = InboundEventKind> = (
  event: InboundEventOf<K>,
  ctx: HandlerContext,
) => Promise<HandlerResult>;
