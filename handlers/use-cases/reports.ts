import { buildDigestMarkdown } from '../../cards/reports/digest.markdown';
import { buildPeriodicMarkdown, buildPeriodicPage } from '../../cards/reports/periodic-report.cards';
import { composePeriodicReport, type PeriodicInput } from '../../domain/reports/periodic-report';
import { addDays, localDateOf } from '../../domain/attendance/calendar';
import type { AttendanceSettings } from '../../domain/attendance/settings';
import { previousWorkday } from '../../domain/reports/periods';
import { buildDigestPage } from '../../cards/reports/digest-page';
import type { ReportPage } from '../../cards/render/report-page';
import type { Reply } from '../../domain/messages/reply';
import { displayName, type UserProfile } from '../../domain/org/user';
import { composeDigest, type DigestView } from '../../domain/reports/digest';
import { gatherDigest, type Person } from '../../domain/reports/digest-data';
import type { ReportFacts } from '../../domain/reports/facts';
import type { ReportSettings } from '../../domain/reports/settings';
import { readerReach, type ReachSources } from '../reach';

/** A report ready to push: the image page (when it has charts) and its markdown. */
export interface BuiltReport {
  page: ReportPage | null;
  markdown: Reply;
}

export const personOf = (u: UserProfile): Person => ({ id: u.id, name: displayName(u) });

export function isManager(user: UserProfile): boolean {
  return user.role === 'manager' || user.role === 'admin';
}

export interface DigestRequest {
  facts: ReportFacts;
  manager: UserProfile;
  team: UserProfile[];
  /** Everyone of the tenant a line may name. */
  people: UserProfile[];
  settings: ReportSettings;
  timeZone: string;
  /** The day the digest reports on: today on demand, the previous workday for the morning push. */
  day: string;
  /** The month to date runs through this date (today on demand, yesterday for the push). */
  through?: string;
  asOf: Date;
}

export async function buildDigestView(request: DigestRequest): Promise<DigestView> {
  const data = await gatherDigest(request.facts, {
    tenantId: request.manager.tenantId,
    manager: personOf(request.manager),
    departmentId: request.manager.departmentId,
    team: request.team.map(personOf),
    day: request.day,
    through: request.through,
    timeZone: request.timeZone,
    asOf: request.asOf,
    stallDays: request.settings.stallDays,
    approvalHours: request.settings.approvalHours,
    names: new Map(request.people.map((p) => [p.id, displayName(p)])),
  });
  return composeDigest(data);
}

/**
 * The manager's daily digest: one image of charts and one markdown with the numbers and exceptions, which
 * links to the live page when `pageUrl` is given.
 */
export async function buildDigest(request: DigestRequest, pageUrl?: string): Promise<BuiltReport> {
  const view = await buildDigestView(request);
  const page = buildDigestPage(view);
  return { page: page.charts.length > 0 ? page : null, markdown: buildDigestMarkdown(view, pageUrl) };
}

/** What a digest made now reads: a handler's stores, or a page's repositories. */
export interface DigestSources extends ReachSources {
  reportSettings: { read(tenantId: string): Promise<ReportSettings> };
  attendanceSettings: { read(tenantId: string): Promise<AttendanceSettings> };
  reportFacts: ReportFacts;
}

/**
 * The digest as `manager` asks for it at `now` (今日简报, the live page): today so far, and the month
 * through today, over the manager's reach (the whole company for an admin or the head of the top department).
 */
export async function liveDigestRequest(
  sources: DigestSources,
  manager: UserProfile,
  now: Date,
): Promise<DigestRequest> {
  const { tenantId } = manager;
  const [settings, attendance, { team }, people] = await Promise.all([
    sources.reportSettings.read(tenantId),
    sources.attendanceSettings.read(tenantId),
    readerReach(sources, manager),
    sources.people.findActiveInTenant(tenantId),
  ]);
  const today = localDateOf(now, attendance.timeZone);
  return {
    facts: sources.reportFacts,
    manager,
    team,
    people,
    settings,
    timeZone: attendance.timeZone,
    day: today,
    through: today,
    asOf: now,
  };
}

/** What the morning push made at `now` covers: the previous workday, and the month through yesterday. */
export function digestDaysAt(now: Date, attendance: AttendanceSettings): { day: string; through: string } {
  const today = localDateOf(now, attendance.timeZone);
  return { day: previousWorkday(today, attendance), through: addDays(today, -1) };
}

/** A 周报 or 月报 as the push sends it: one image of charts and the markdown, linking to its page. */
export async function buildPeriodicReport(
  facts: ReportFacts,
  input: Omit<PeriodicInput, 'tenantId' | 'manager' | 'team'> & { manager: UserProfile; team: UserProfile[] },
  pageUrl?: string,
): Promise<BuiltReport> {
  const view = await composePeriodicReport(facts, {
    ...input,
    tenantId: input.manager.tenantId,
    manager: personOf(input.manager),
    team: input.team.map(personOf),
  });
  const page = buildPeriodicPage(view);
  return {
    page: page.charts.length > 0 ? page : null,
    markdown: buildPeriodicMarkdown(view, pageUrl),
  };
}
