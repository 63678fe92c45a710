import { requestNumber } from '../cards/approval.card';
import { dueEscalations, type DueEscalation } from '../domain/approval/escalation';
import type { ApprovalState } from '../domain/approval/state';
import type { Reply } from '../domain/messages/reply';
import { displayName, type UserProfile } from '../domain/org/user';
import type { NewOutboxMessage } from '../domain/messages/outbox';
import { escalationNotices } from './approval-escalation.notices';
import { forEachTenant } from './each-tenant';
import type { Job } from './job';
import type { JobStores, TenantJobDeps } from './ports';

type EscalationStores = Pick<
  JobStores,
  'approvalSettings' | 'approvals' | 'orgSnapshot' | 'users' | 'outbox' | 'auditLog'
>;

export type ApprovalEscalationDeps = TenantJobDeps<EscalationStores>;

export const APPROVAL_ESCALATION_JOB = 'approval-escalation';

/**
 * 审批超时提醒 (docs/product.md "Approvals": overdue pending steps are escalated). Every 15 minutes, for every
 * tenant: an approver who has left a step pending for the tenant's limit (default 24 h) is reminded, and
 * after twice that their manager (else the admins) is told. An escalation stays due until the step is
 * decided, so a missed run is caught up; each message is queued under its own key, so reruns and other
 * instances queue nothing twice. The limit is in hours, not local time, so the cron's zone is UTC.
 */
export function approvalEscalationJob(): Job<ApprovalEscalationDeps> {
  return {
    name: APPROVAL_ESCALATION_JOB,
    cron: '0 */15 * * * *',
    timezone: 'UTC',
    leaseMs: 10 * 60_000,
    run: (deps, now) =>
      forEachTenant(deps, 'approval escalation', (tenantId) => escalateTenant(deps, tenantId, now)),
  };
}

interface PlannedEscalation {
  state: ApprovalState;
  escalation: DueEscalation;
  messages: Array<{ recipientId: number; message: NewOutboxMessage }>;
}

/** Queues the escalations due in one tenant at `now` that were not queued before; returns how many messages. */
async function escalateTenant(deps: ApprovalEscalationDeps, tenantId: string, now: Date): Promise<number> {
  const stores = deps.stores();
  const { escalationHours } = await stores.approvalSettings.read(tenantId);
  const due = (await stores.approvals.listPending(tenantId)).flatMap((state) =>
    dueEscalations(state, now, escalationHours).map((escalation) => ({ state, escalation })),
  );
  if (due.length === 0) return 0;

  const [org, people] = await Promise.all([
    stores.orgSnapshot.snapshot(tenantId),
    stores.users.findActiveInTenant(tenantId),
  ]);
  const active = new Map(people.map((p) => [p.id, p]));
  const names = await namesOf(
    stores,
    tenantId,
    active,
    due.flatMap(({ state, escalation }) => [state.request.requesterId, escalation.approverId]),
  );
  const planned: PlannedEscalation[] = due.map(({ state, escalation }) => ({
    state,
    escalation,
    // Someone who has left gets nothing (their manager is told at level 2: they are not in the org snapshot).
    messages: escalationNotices({
      state,
      escalation,
      limitHours: escalationHours,
      org,
      nameOf: (id) => names.get(id) ?? `#${id}`,
    }).flatMap((notice) => {
      const person = active.get(notice.recipientId);
      const reply: Reply = { kind: 'text', text: notice.text };
      return person
        ? [
            {
              recipientId: person.id,
              message: {
                tenantId,
                platform: person.platform,
                recipient: person.platformUserId,
                idempotencyKey: notice.idempotencyKey,
                payload: JSON.stringify(reply),
              },
            },
          ]
        : [];
    }),
  }));
  if (planned.every((p) => p.messages.length === 0)) return 0;

  // One transaction: a message is queued and its audit entry written together, or neither. Only a run
  // overlapping this one (the lease ran out) could audit an escalation twice; the outbox's unique key still
  // keeps its message single.
  return deps.withStores(async (tx) => {
    const already = await tx.outbox.findQueuedKeys(
      tenantId,
      planned.flatMap((p) => p.messages.map((m) => m.message.idempotencyKey)),
    );
    // Due now by the system clock: `now` is business time, which tests move freely.
    const queuedAt = new Date();
    let queued = 0;
    for (const { state, escalation, messages } of planned) {
      const fresh = messages.filter((m) => !already.has(m.message.idempotencyKey));
      if (fresh.length === 0) continue;
      await tx.outbox.enqueue(
        fresh.map((m) => m.message),
        queuedAt,
      );
      await tx.auditLog.append(
        auditEntryOf(
          tenantId,
          state,
          escalation,
          escalationHours,
          fresh.map((m) => m.recipientId),
          now,
        ),
      );
      queued += fresh.length;
    }
    return queued;
  });
}

function auditEntryOf(
  tenantId: string,
  state: ApprovalState,
  escalation: DueEscalation,
  limitHours: number,
  recipientIds: number[],
  now: Date,
) {
  const id = requestNumber(state);
  const { stepId, approverId, level, dueAt } = escalation;
  return {
    tenantId,
    actorUserId: null,
    action: 'approval.escalated',
    subject: `approval:${id} escalation:${state.round}:${stepId}:${approverId}:${level}`,
    before: undefined,
    after: { requestId: id, round: state.round, stepId, approverId, level, limitHours, dueAt, recipientIds },
    at: now,
  };
}

/** Display names; a requester or approver who has since left is looked up by id. */
async function namesOf(
  stores: Pick<EscalationStores, 'users'>,
  tenantId: string,
  active: Map<number, UserProfile>,
  ids: number[],
): Promise<Map<number, string>> {
  const names = new Map<number, string>();
  for (const id of new Set(ids)) {
    const user = active.get(id) ?? (await stores.users.findById(tenantId, id));
    if (user) names.set(id, displayName(user));
  }
  return names;
}
