import type { EntityManager } from 'typeorm';

/**
 * The people of a record kept in two join tables, users and partner contacts, with cascading
 * keys (erasing a contact removes its rows): visits (`visit_staff`, `visit_contacts`) and
 * reminders (`reminder_users`, `reminder_contacts`). Names here are constants, never input.
 */
export interface PeopleLinks {
  /** The owning record's column in both tables, e.g. `visit_id`. */
  owner: string;
  /** The join table of users (column `user_id`). */
  users: string;
  /** The join table of contacts (column `contact_id`). */
  contacts: string;
}

export interface LinkedPeople {
  userIds: string[];
  contactIds: string[];
}

/** The user and contact ids of these records in one query (a page is never N+1), each list sorted. */
export async function loadPeople(
  manager: EntityManager,
  links: PeopleLinks,
  ownerIds: readonly string[],
): Promise<Map<string, LinkedPeople>> {
  const people = new Map(ownerIds.map((id) => [id, { userIds: [] as string[], contactIds: [] as string[] }]));
  if (ownerIds.length === 0) return people;
  const rows: { owner: string; kind: 'user' | 'contact'; ref: string }[] = await manager.query(
    `SELECT ${links.owner} AS owner, 'user' AS kind, user_id AS ref FROM ${links.users} WHERE ${links.owner} = ANY($1::uuid[])
     UNION ALL
     SELECT ${links.owner} AS owner, 'contact' AS kind, contact_id AS ref FROM ${links.contacts} WHERE ${links.owner} = ANY($1::uuid[])
     ORDER BY ref`,
    [ownerIds],
  );
  for (const row of rows) {
    const entry = people.get(row.owner)!;
    (row.kind === 'user' ? entry.userIds : entry.contactIds).push(row.ref);
  }
  return people;
}

/** Replaces one record's users or contacts with `ids`. */
export async function replacePeople(
  manager: EntityManager,
  links: PeopleLinks,
  kind: 'users' | 'contacts',
  ownerId: string,
  ids: readonly string[],
): Promise<void> {
  const table = kind === 'users' ? links.users : links.contacts;
  const column = kind === 'users' ? 'user_id' : 'contact_id';
  await manager.query(`DELETE FROM ${table} WHERE ${links.owner} = $1`, [ownerId]);
  if (ids.length > 0)
    await manager.query(`INSERT INTO ${table} (${links.owner}, ${column}) SELECT $1, unnest($2::uuid[])`, [
      ownerId,
      ids,
    ]);
}

/**
 * One statement that inserts a new record and its people: `insertRecord`, an INSERT … RETURNING
 * that returns at least `id`, runs as the CTE `record`; the users and contacts in the uuid[]
 * parameters `usersParam` and `contactsParam` (e.g. `$10`) are linked to it, and each of `also`
 * (data-modifying statements that may read `record`, e.g. its audit event) runs as a CTE of its
 * own. The statement returns what `insertRecord` returns. A create costs one round trip, and is
 * atomic without a transaction.
 */
export function insertWithPeopleSql(
  links: PeopleLinks,
  insertRecord: string,
  usersParam: string,
  contactsParam: string,
  also: readonly string[] = [],
): string {
  const ctes = [
    `record AS (${insertRecord})`,
    `users AS (INSERT INTO ${links.users} (${links.owner}, user_id) SELECT record.id, unnest(${usersParam}::uuid[]) FROM record)`,
    `contacts AS (INSERT INTO ${links.contacts} (${links.owner}, contact_id) SELECT record.id, unnest(${contactsParam}::uuid[]) FROM record)`,
    ...also.map((sql, i) => `also${i} AS (${sql})`),
  ];
  return `WITH ${ctes.join(',\n')}\nSELECT * FROM record`;
}
