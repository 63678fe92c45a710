import { decideReminders, dropThoseOnLeave, reminderWorkDates } from '../domain/attendance/reminders';
import type { Reply } from '../domain/messages/reply';
import { forEachTenant } from './each-tenant';
import type { Job } from './job';
import type { JobStores, TenantJobDeps } from './ports';

export type AttendanceRemindersDeps = TenantJobDeps<
  Pick<
    JobStores,
    'attendanceSettings' | 'reminderSettings' | 'users' | 'punches' | 'leaveCalendar' | 'outbox'
  >
>;

/**
 * Punch-in and missing punch-out reminders for every tenant (docs/product.md "Attendance": Reminders). One job
 * every minute decides both: they read the same settings, people and punches, and each tenant's zone and
 * shift decide what is due, so a fixed cron in one zone could not. The cron's zone is UTC for that reason.
 * A reminder stays due for a span of minutes (see domain/attendance/reminders.ts) and is queued with a key
 * per person, kind and work date, so a missed minute is caught up and a rerun queues nothing twice.
 */
export function attendanceRemindersJob(): Job<AttendanceRemindersDeps> {
  return {
    name: 'attendance-reminders',
    cron: '0 * * * * *',
    timezone: 'UTC',
    leaseMs: 50_000,
    run: (deps, now) =>
      forEachTenant(deps, 'attendance reminders', (tenantId) => remindTenant(deps, tenantId, now)),
  };
}

/** Queues the reminders due in one tenant at `now`; returns how many were due (some may have been queued before). */
async function remindTenant(deps: AttendanceRemindersDeps, tenantId: string, now: Date): Promise<number> {
  const stores = deps.stores();
  const [settings, reminders] = await Promise.all([
    stores.attendanceSettings.read(tenantId),
    stores.reminderSettings.read(tenantId),
  ]);
  const workDates = reminderWorkDates(now, settings, reminders).sort();
  const [from, to] = [workDates[0], workDates.at(-1)];
  if (from === undefined || to === undefined) return 0;

  const people = await stores.users.findActiveInTenant(tenantId);
  const punches = await stores.punches.findForUsers(
    tenantId,
    people.map((p) => p.id),
    from,
    to,
  );
  const due = await dropThoseOnLeave(
    tenantId,
    decideReminders({ now, settings, reminders, people, punches }),
    stores.leaveCalendar,
  );
  const byId = new Map(people.map((p) => [p.id, p]));
  const messages = due.flatMap((reminder) => {
    const person = byId.get(reminder.userId);
    if (!person) return [];
    const reply: Reply = { kind: 'text', text: reminder.text };
    return [
      {
        tenantId,
        platform: person.platform,
        recipient: person.platformUserId,
        idempotencyKey: reminder.idempotencyKey,
        payload: JSON.stringify(reply),
      },
    ];
  });
  if (messages.length === 0) return 0;
  // Through a transaction: on SQLite a bare write would join whichever transaction holds the shared connection.
  // Due now by the system clock: `now` is business time, which tests move freely.
  await deps.withStores((tx) => tx.outbox.enqueue(messages, new Date()));
  return messages.length;
}
