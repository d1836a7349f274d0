// A submitted item has no acceptance, department, escalation step, merge, project, account or open clock yet, but
// the indexes on those columns still took an entry each for its NULLs: eleven of the item's B-tree inserts at intake,
// the hottest write. Every query on these columns compares them (`=`, `in`, `<=`, ranges), which already excludes
// NULL, so SQLite and PostgreSQL use the same indexes restricted to rows that have a value. Frozen once landed.
import { sql, type Kysely } from 'kysely';

/** [index, columns, the condition the index had before (if any)] */
const INDEXES: [string, string[], string | null][] = [
  ['item_accepted', ['accepted_at'], null],
  ['item_dept_status', ['main_department_id', 'status'], null],
  ['item_project', ['project_id'], null],
  ['item_next_escalation', ['next_escalation_at'], null],
  ['item_primary', ['primary_id'], null],
  ['item_requester_user', ['requester_user_id'], null],
  ['item_closed_at', ['closed_at', 'district_id'], null],
  ['item_sign_open', ['sign_due_at'], 'sign_met is null'],
  ['item_contact_open', ['contact_due_at'], 'contact_met is null'],
  ['item_callback_open', ['callback_due_at'], 'callback_met is null'],
  ['item_rating_open', ['rating_due_at'], 'verified_at is null'],
];

const list = (columns: string[]) => sql.raw(columns.map((c) => `"${c}"`).join(', '));

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, columns, before] of INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute();
    const where = `"${columns[0]}" is not null${before ? ` and ${before}` : ''}`;
    await sql`create index ${sql.id(name)} on "item" (${list(columns)}) where ${sql.raw(where)}`.execute(db);
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, columns, before] of INDEXES) {
    await db.schema.dropIndex(name).ifExists().execute();
    await sql`create index ${sql.id(name)} on "item" (${list(columns)})${before ? sql.raw(` where ${before}`) : sql``}`.execute(
      db,
    );
  }
}
