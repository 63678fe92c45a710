import { In, type EntityManager } from 'typeorm';
import type {
  DailyReport,
  DailyReportComment,
  DailyReportRead,
  DailyReportStore,
} from '../../domain/reports/ports';
import {
  DailyReportCommentEntity,
  DailyReportEntity,
  DailyReportReadEntity,
  type DailyReportRow,
} from '../entities/report.entities';
import { insertUnlessExists } from '../unique-violation';

function toReport(row: DailyReportRow): DailyReport {
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    reportDate: row.reportDate,
    status: row.status === 'submitted' ? 'submitted' : 'draft',
    activity: row.activity ? (JSON.parse(row.activity) as string[]) : [],
    plan: row.plan,
    problems: row.problems,
    submittedAt: row.submittedAt,
  };
}

export class DailyReportRepository implements DailyReportStore {
  constructor(private readonly manager: EntityManager) {}

  async findForDay(tenantId: string, userId: number, reportDate: string): Promise<DailyReport | null> {
    const row = await this.manager.findOneBy(DailyReportEntity, { tenantId, userId, reportDate });
    return row ? toReport(row) : null;
  }

  async findById(tenantId: string, id: number): Promise<DailyReport | null> {
    const row = await this.manager.findOneBy(DailyReportEntity, { tenantId, id });
    return row ? toReport(row) : null;
  }

  async saveDraft(
    tenantId: string,
    userId: number,
    reportDate: string,
    fields: { plan?: string; problems?: string },
    now: Date,
  ): Promise<DailyReport> {
    // The unique (tenant, user, date) key settles two first edits racing: the loser updates the winner's row.
    await insertUnlessExists(() =>
      this.manager.insert(DailyReportEntity, {
        tenantId,
        userId,
        reportDate,
        status: 'draft',
        activity: null,
        plan: null,
        problems: null,
        submittedAt: null,
        createdAt: now,
        updatedAt: now,
      }),
    );
    if (fields.plan !== undefined || fields.problems !== undefined)
      await this.manager.update(
        DailyReportEntity,
        { tenantId, userId, reportDate, status: 'draft' },
        { ...fields, updatedAt: now },
      );
    const saved = await this.findForDay(tenantId, userId, reportDate);
    if (!saved) throw new Error(`daily report of user ${userId} on ${reportDate} vanished`);
    return saved;
  }

  async submit(tenantId: string, id: number, activity: string[], now: Date): Promise<boolean> {
    const result = await this.manager.update(
      DailyReportEntity,
      { tenantId, id, status: 'draft' },
      { status: 'submitted', activity: JSON.stringify(activity), submittedAt: now, updatedAt: now },
    );
    return result.affected === 1;
  }

  async addComment(
    tenantId: string,
    reportId: number,
    authorId: number,
    body: string,
    now: Date,
  ): Promise<void> {
    await this.manager.insert(DailyReportCommentEntity, {
      tenantId,
      reportId,
      authorId,
      body,
      createdAt: now,
    });
  }

  async submittedOn(tenantId: string, userIds: number[], reportDate: string): Promise<Set<number>> {
    if (userIds.length === 0) return new Set();
    const rows = await this.manager.find(DailyReportEntity, {
      select: { userId: true },
      where: { tenantId, reportDate, status: 'submitted', userId: In(userIds) },
    });
    return new Set(rows.map((r) => r.userId));
  }

  async commentsOf(tenantId: string, reportId: number): Promise<DailyReportComment[]> {
    const rows = await this.manager.find(DailyReportCommentEntity, {
      where: { tenantId, reportId },
      order: { id: 'ASC' },
    });
    return rows.map((r) => ({ authorId: r.authorId, body: r.body, at: r.createdAt }));
  }

  async markRead(tenantId: string, reportId: number, readerId: number, now: Date): Promise<boolean> {
    return insertUnlessExists(() =>
      this.manager.insert(DailyReportReadEntity, { tenantId, reportId, readerId, readAt: now }),
    );
  }

  async readsOf(tenantId: string, reportId: number): Promise<DailyReportRead[]> {
    const rows = await this.manager.find(DailyReportReadEntity, {
      where: { tenantId, reportId },
      order: { readAt: 'ASC' },
    });
    return rows.map((r) => ({ readerId: r.readerId, at: r.readAt }));
  }
}
