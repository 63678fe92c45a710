import type { ContactsSnapshot, PlatformDepartment, PlatformPerson, StoredOrg } from './contacts-sync';

/**
 * What the platform told us about the few people and departments one contact-change event names, read
 * from its API right after the event. A person or department the API no longer knows is `gone`.
 */
export interface ContactsDelta {
  people: PlatformPerson[];
  goneUserIds: string[];
  departments: Array<PlatformDepartment & { leaders?: string[] }>;
}

/**
 * The address book as it stands after the delta: what we store, with the named entries replaced. Planned
 * with the nightly merge (planContactsSync), so an event applies exactly the rules the nightly sync does,
 * and changes nothing about anybody it does not name. Departments are never deleted (a department gone
 * from the platform keeps its rows for the records that point at it).
 */
export function snapshotAfterDelta(stored: StoredOrg, delta: ContactsDelta): ContactsSnapshot {
  const leadersOf = new Map<string, string[]>();
  for (const l of stored.leaders)
    leadersOf.set(l.userId, [...(leadersOf.get(l.userId) ?? []), l.departmentKey]);
  const people = new Map<string, PlatformPerson>(
    stored.members
      .filter((m) => m.active)
      .map((m) => [
        m.userId,
        {
          userId: m.userId,
          name: m.name,
          departmentKeys: m.departmentKey === null ? [] : [m.departmentKey],
          leaderOf: leadersOf.get(m.userId) ?? [],
          active: true,
        },
      ]),
  );
  const departments = new Map<string, PlatformDepartment>(
    stored.departments.map((d) => [d.key, { key: d.key, name: d.name, parentKey: d.parentKey }]),
  );

  for (const d of delta.departments) {
    departments.set(d.key, { key: d.key, name: d.name, parentKey: d.parentKey });
    if (d.leaders === undefined) continue;
    // The department's leader list is the platform's word: who leads it now, and who no longer does.
    for (const person of people.values()) {
      const leads = d.leaders.includes(person.userId);
      const listed = person.leaderOf.includes(d.key);
      if (leads && !listed) person.leaderOf = [...person.leaderOf, d.key];
      if (!leads && listed) person.leaderOf = person.leaderOf.filter((k) => k !== d.key);
    }
  }
  for (const p of delta.people) people.set(p.userId, p);
  for (const id of delta.goneUserIds) people.delete(id);
  return { departments: [...departments.values()], people: [...people.values()] };
}
