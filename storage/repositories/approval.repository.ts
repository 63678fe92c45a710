import { In, type EntityManager } from 'typeorm';
import { ConcurrentChangeError, type ApprovalStore } from '../../domain/approval/ports';
import type { RequestType } from '../../domain/approval/request-forms';
import type { ApprovalState } from '../../domain/approval/state';
import { ApprovalRequestEntity, ApprovalTaskEntity } from '../entities/approval.entities';

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The state is JSON; instants come back as Dates (form dates are plain YYYY-MM-DD and stay strings). */
function parseState(json: string): ApprovalState {
  return JSON.parse(json, (_key, value: unknown) =>
    typeof value === 'string' && ISO_INSTANT.test(value) ? new Date(value) : value,
  ) as ApprovalState;
}

export class ApprovalRepository implements ApprovalStore {
  constructor(private readonly manager: EntityManager) {}

  async createDraft(tenantId: string, requesterId: number, type: RequestType, now: Date): Promise<number> {
    const result = await this.manager.insert(ApprovalRequestEntity, {
      tenantId,
      requesterUserId: requesterId,
      type,
      status: 'draft',
      state: '{}',
      version: 0,
      createdAt: now,
      updatedAt: now,
    });
    return Number(result.identifiers[0]?.id);
  }

  async loadForUpdate(tenantId: string, requestId: number): Promise<ApprovalState | null> {
    // MySQL: a row lock, so two approvers deciding at once take turns and the second sees the first's
    // decision. SQLite serialises every write transaction already (storage/database.ts).
    const isMysql =
      this.manager.connection.options.type === 'mysql' &&
      this.manager.queryRunner?.isTransactionActive === true;
    const row = await this.manager.findOne(ApprovalRequestEntity, {
      where: { tenantId, id: requestId },
      ...(isMysql ? { lock: { mode: 'pessimistic_write' as const } } : {}),
    });
    return row && row.status !== 'draft' ? parseState(row.state) : null;
  }

  async save(
    tenantId: string,
    requestId: number,
    state: ApprovalState,
    expectedVersion: number,
    now: Date,
  ): Promise<void> {
    const result = await this.manager.update(
      ApprovalRequestEntity,
      { tenantId, id: requestId, version: expectedVersion },
      { state: JSON.stringify(state), status: state.status, version: state.version, updatedAt: now },
    );
    if (result.affected !== 1) throw new ConcurrentChangeError(requestId);
    await this.manager.delete(ApprovalTaskEntity, { tenantId, requestId });
    const tasks = state.steps
      .filter((s) => s.status === 'pending')
      .flatMap((s) =>
        s.approverIds
          .filter((approverId) => !s.decisions.some((d) => d.approverId === approverId))
          .map((approverUserId) => ({
            tenantId,
            requestId,
            stepId: s.id,
            approverUserId,
            startedAt: s.startedAt ?? now,
          })),
      );
    if (state.status === 'pending' && tasks.length > 0) await this.manager.insert(ApprovalTaskEntity, tasks);
  }

  async listByRequester(tenantId: string, requesterId: number, limit: number): Promise<ApprovalState[]> {
    const rows = await this.manager.find(ApprovalRequestEntity, {
      where: {
        tenantId,
        requesterUserId: requesterId,
        status: In(['pending', 'approved', 'rejected', 'withdrawn']),
      },
      order: { id: 'DESC' },
      take: limit,
    });
    return rows.map((r) => parseState(r.state));
  }

  /** Every pending request in the tenant, oldest first: what the escalation job walks. */
  async listPending(tenantId: string): Promise<ApprovalState[]> {
    const rows = await this.manager.find(ApprovalRequestEntity, {
      where: { tenantId, status: 'pending' },
      order: { id: 'ASC' },
    });
    return rows.map((r) => parseState(r.state));
  }

  async countPendingBy(tenantId: string, requesterId: number): Promise<number> {
    return this.manager.countBy(ApprovalRequestEntity, {
      tenantId,
      requesterUserId: requesterId,
      status: 'pending',
    });
  }

  async listPendingFor(tenantId: string, approverId: number): Promise<ApprovalState[]> {
    const tasks = await this.manager.find(ApprovalTaskEntity, {
      where: { tenantId, approverUserId: approverId },
      order: { requestId: 'ASC' },
    });
    if (tasks.length === 0) return [];
    const rows = await this.manager.find(ApprovalRequestEntity, {
      where: { tenantId, id: In(tasks.map((t) => t.requestId)), status: 'pending' },
      order: { id: 'ASC' },
    });
    return rows.map((r) => parseState(r.state));
  }
}
