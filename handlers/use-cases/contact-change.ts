import type { Logger } from 'pino';
import type { ContactsDelta } from '../../domain/org/contacts-change';
import type { InboundEventOf } from '../../domain/messages/inbound-event';
import type { ContactsSource } from '../../domain/org/ports';
import type { ContactsSync } from './contacts-sync';

export interface ContactChangeDeps {
  contactsSync: ContactsSync;
  logger: Logger;
  contactSources: () => Promise<readonly ContactsSource[]>;
}

/**
 * A contact-change event (WeCom change_contact, DingTalk user_add_org …): reads the people or departments it
 * names from the platform and applies just those, with the nightly sync's rules. The event only says *that*
 * something changed; what it is now comes from the API, so replaying an event is harmless.
 */
export async function applyContactChange(
  deps: ContactChangeDeps,
  event: InboundEventOf<'contact_change'>,
  now: Date,
): Promise<void> {
  const log = deps.logger.child({ tenant: event.tenantId, platform: event.platform, change: event.change });
  const source = (await deps.contactSources()).find(
    (s) => s.tenantId === event.tenantId && s.platform === event.platform,
  );
  if (!source) {
    log.warn(
      'contact change for a tenant without an address book to read; the nightly sync will not see it either',
    );
    return;
  }
  const delta = await readDelta(source, event);
  const summary = await deps.contactsSync.applyDelta(
    { tenantId: event.tenantId, platform: event.platform, adminUserIds: source.adminUserIds },
    delta,
    now,
  );
  log.info({ subjects: event.subjectIds.length, ...summary }, 'contact change applied');
}

async function readDelta(
  source: ContactsSource,
  event: InboundEventOf<'contact_change'>,
): Promise<ContactsDelta> {
  const delta: ContactsDelta = { people: [], goneUserIds: [], departments: [] };
  switch (event.change) {
    case 'user_deleted':
      delta.goneUserIds.push(...event.subjectIds);
      break;
    case 'user_created':
    case 'user_updated':
      for (const id of event.subjectIds) {
        const person = await source.fetchPerson(id);
        if (person?.active) delta.people.push(person);
        else delta.goneUserIds.push(id);
      }
      break;
    case 'department_created':
    case 'department_updated':
      for (const key of event.subjectIds) {
        const department = await source.fetchDepartment(key);
        if (department) delta.departments.push(department);
      }
      break;
    case 'department_deleted':
      // Departments are never deleted here: people's old records still point at them (and the platform
      // only deletes an empty department, so nobody moves).
      break;
  }
  return delta;
}
