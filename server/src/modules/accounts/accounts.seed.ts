// Demo accounts: the demo citizen gets a phone (to sign in by code as well as by password) and acts for two demo
// enterprises, confirmed as if through the simulated 电子营业执照. Runs once, with the organisation's seed.
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { DEMO_ACCOUNT_ENTERPRISES, DEMO_ACCOUNT_PEOPLE } from './accounts.seed-data.ts';

export async function seedAccountsDemo(database: Database, clock: Clock): Promise<void> {
  const now = clock.now();
  await database.db.transaction().execute(async (trx) => {
    const ids = new Map<string, string>();
    for (const e of DEMO_ACCOUNT_ENTERPRISES) ids.set(e.uscc, `ent-${e.uscc}`);
    for (const p of DEMO_ACCOUNT_PEOPLE) {
      const user = await trx.selectFrom('app_user').select('id').where('username', '=', p.username).executeTakeFirst();
      if (!user) continue;
      await trx.updateTable('app_user').set({ phone: p.phone }).where('id', '=', user.id).execute();
      await trx
        .insertInto('account_person')
        .values({ user_id: user.id, phone: p.phone, created_at: now, last_sign_in_at: null })
        .onConflict((oc) => oc.doNothing())
        .execute();
      for (const m of p.enterprises) {
        const e = DEMO_ACCOUNT_ENTERPRISES.find((x) => x.uscc === m.uscc)!;
        await trx
          .insertInto('account_enterprise')
          .values({
            id: ids.get(e.uscc)!,
            uscc: e.uscc,
            name: e.name,
            legal_rep_name: e.legalRepName,
            provider: 'simulated',
            confirmed_at: now,
            updated_at: now,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
        await trx
          .insertInto('account_member')
          .values({
            enterprise_id: ids.get(e.uscc)!,
            user_id: user.id,
            role: m.role,
            granted_by: `licence:simulated:${newId(now)}`,
            created_at: now,
            revoked_at: null,
          })
          .onConflict((oc) => oc.doNothing())
          .execute();
      }
    }
  });
}
