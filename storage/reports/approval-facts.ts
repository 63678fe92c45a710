import type { EntityManager } from 'typeorm';
import { describeForm, requestNumber } from '../../cards/approval.card';
import { REQUEST_TYPE_LABELS } from '../../domain/approval/request-forms';
import { REQUEST_STATUS_LABELS, type ApprovalState } from '../../domain/approval/state';
import type {
  ApprovalFacts,
  FiledApprovalFact,
  PendingApprovalFact,
  Period,
} from '../../domain/reports/facts';
import { ApprovalRepository } from '../repositories/approval.repository';

const HOUR_MS = 3_600_000;

/** Approvals as reports read them, through the approvals area's repository. */
export class ApprovalReportFacts implements ApprovalFacts {
  private readonly approvals: ApprovalRepository;
  /**
   * The tenant's pending requests, read once per instance: a digest run asks for every manager in turn, and
   * an instance lives for one run (or one event), so the list is as fresh as the run.
   */
  private readonly pending = new Map<string, Promise<ApprovalState[]>>();

  constructor(manager: EntityManager) {
    this.approvals = new ApprovalRepository(manager);
  }

  async pendingOlderThan(
    tenantId: string,
    userIds: number[],
    hours: number,
    asOf: Date,
  ): Promise<PendingApprovalFact[]> {
    const scope = new Set(userIds);
    const out: PendingApprovalFact[] = [];
    let pending = this.pending.get(tenantId);
    if (!pending) this.pending.set(tenantId, (pending = this.approvals.listPending(tenantId)));
    for (const state of await pending) {
      for (const step of state.steps) {
        if (step.status !== 'pending' || step.startedAt === null) continue;
        const pendingHours = (asOf.getTime() - step.startedAt.getTime()) / HOUR_MS;
        const waitingOn = step.approverIds.filter((id) => !step.decisions.some((d) => d.approverId === id));
        const inScope = scope.has(state.request.requesterId) || waitingOn.some((id) => scope.has(id));
        if (pendingHours < hours || !inScope) continue;
        out.push({
          requestNo: requestNumber(state),
          typeLabel: REQUEST_TYPE_LABELS[state.request.form.type],
          requesterId: state.request.requesterId,
          waitingOn,
          pendingHours,
        });
      }
    }
    return out;
  }

  async filedByRep(tenantId: string, userId: number, period: Period): Promise<FiledApprovalFact[]> {
    const mine = await this.approvals.listByRequester(tenantId, userId, 100);
    return mine
      .filter((s) => s.submittedAt && s.submittedAt >= period.from && s.submittedAt < period.to)
      .sort((a, b) => (a.submittedAt?.getTime() ?? 0) - (b.submittedAt?.getTime() ?? 0))
      .map((s) => ({
        requestNo: requestNumber(s),
        typeLabel: REQUEST_TYPE_LABELS[s.request.form.type],
        summary: describeForm(s.request.form),
        statusLabel: REQUEST_STATUS_LABELS[s.status],
      }));
  }
}
