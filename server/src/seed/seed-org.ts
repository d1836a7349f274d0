// Seeds the organisation, the category tree, the default SLA matrix and the demo accounts (once: a no-op when the
// districts are already there). Ids are readable and stable so that demos, tests and browser flows can name them.
import { DEFAULT_SLA_RULES } from '@tingquan/common';
import type { Database } from '../db/database.ts';
import type { Clock } from '../lib/clock.ts';
import { hashPassword } from '../modules/auth/auth.service.ts';
import { slaRuleToRow } from '../modules/deadlines/sla-rule.row.ts';
import {
  CATEGORIES,
  CITY_CENTRE_WINDOWS,
  CITY_DEPARTMENTS,
  DEMO_PASSWORD,
  DEMO_USERS,
  DISTRICTS,
  DISTRICT_CENTRE_WINDOWS,
  DISTRICT_DEPARTMENTS,
} from './org.data.ts';

export const districtId = (code: string) => `d-${code}`;
export const cityDeptId = (code: string) => `dept-${code}`;
export const districtDeptId = (district: string, code: string) => `dept-${district}-${code}`;
export const centreId = (key: string) => `centre-${key}`;
export const categoryId = (code: string) => `cat-${code.replace(/\./g, '-')}`;
export const userId = (username: string) => `u-${username.replace(/\./g, '-')}`;

export async function seedOrg(database: Database, clock: Clock, opts: { demoUsers?: boolean } = {}): Promise<boolean> {
  const { db } = database;
  const existing = await db.selectFrom('district').select('id').limit(1).executeTakeFirst();
  if (existing) return false;
  const now = clock.now();
  const passwordHash = opts.demoUsers === false ? null : await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('district')
      .values(DISTRICTS.map(([code, name, en], i) => ({ id: districtId(code), code, name, name_en: en, sort: i })))
      .execute();
    await trx
      .insertInto('department')
      .values([
        ...CITY_DEPARTMENTS.map(([code, name, en]) => ({
          id: cityDeptId(code),
          code,
          name,
          name_en: en,
          level: 'city',
          district_id: null,
          active: 1,
        })),
        ...DISTRICTS.flatMap(([dcode, dname, den]) =>
          DISTRICT_DEPARTMENTS.map(([code, name, en]) => ({
            id: districtDeptId(dcode, code),
            code: `${dcode}-${code}`,
            name: `${dname}${name}`,
            name_en: `${den} ${en}`,
            level: 'district',
            district_id: districtId(dcode),
            active: 1,
          })),
        ),
      ])
      .execute();
    const centres = [
      {
        id: centreId('city'),
        name: '沈阳市政务服务中心',
        district_id: null,
        address: '沈阳市浑南区富民街 市政务服务中心',
        windows: CITY_CENTRE_WINDOWS,
      },
      ...DISTRICTS.map(([code, name], i) => ({
        id: centreId(code),
        name: `${name}政务服务中心`,
        district_id: districtId(code),
        address: `${name}政务服务大厅`,
        windows: DISTRICT_CENTRE_WINDOWS[i],
      })),
    ];
    await trx
      .insertInto('service_centre')
      .values(centres.map(({ windows: _w, ...c }) => c))
      .execute();
    await trx
      .insertInto('service_window')
      .values(
        centres.flatMap((c) =>
          Array.from({ length: c.windows }, (_, i) => ({
            id: `${c.id}-w${String(i + 1).padStart(2, '0')}`,
            centre_id: c.id,
            code: `W${String(i + 1).padStart(2, '0')}`,
            name: i === 0 ? '找茬窗口' : `${i + 1}号窗口`,
            kind: 'fault_finding',
          })),
        ),
      )
      .execute();
    let sort = 0;
    for (const [code, name, en, children] of CATEGORIES) {
      await trx
        .insertInto('category')
        .values({
          id: categoryId(code),
          parent_id: null,
          code,
          name,
          name_en: en,
          sort: sort++,
          active: 1,
          attributes: null,
        })
        .execute();
      await trx
        .insertInto('category')
        .values(
          children.map(([c, n, e], i) => ({
            id: categoryId(c),
            parent_id: categoryId(code),
            code: c,
            name: n,
            name_en: e,
            sort: i,
            active: 1,
            attributes: null,
          })),
        )
        .execute();
    }
    await trx
      .insertInto('sla_rule')
      .values(DEFAULT_SLA_RULES.map((r) => slaRuleToRow(`sla-${r.tier}${r.urgent ? '-urgent' : ''}`, r, now)))
      .execute();
    if (passwordHash) {
      await trx
        .insertInto('app_user')
        .values(
          DEMO_USERS.map((u) => {
            const s = u.scope as { district?: string; centre?: string; department?: string };
            return {
              id: userId(u.username),
              username: u.username,
              display_name: u.name,
              password_hash: passwordHash,
              phone: null,
              roles: JSON.stringify(u.roles),
              district_id: s.district ? districtId(s.district) : null,
              department_id: s.department ? cityDeptId(s.department) : null,
              centre_id: s.centre ? centreId(s.centre) : null,
              window_id: s.centre ? `${centreId(s.centre)}-w01` : null,
              active: 1,
              created_at: now,
              failed_logins: 0,
              locked_until: null,
            };
          }),
        )
        .execute();
      await trx
        .insertInto('key_project')
        .values({
          id: 'proj-hunnan-ic',
          code: 'KP-2026-001',
          name: '浑南集成电路产业园项目',
          district_id: districtId('210112'),
          officer_id: userId('officer'),
          description: '重点项目：首席服务官全程跟踪服务',
          status: 'active',
          created_at: now,
        })
        .execute();
    }
  });
  return true;
}
