// Deactivation flags for districts, service centres and windows: the admin API retires them instead of deleting
// rows that items still point to. Frozen once landed.
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  for (const table of ['district', 'service_centre', 'service_window']) {
    await db.schema
      .alterTable(table)
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['district', 'service_centre', 'service_window'])
    await db.schema.alterTable(table).dropColumn('active').execute();
}
