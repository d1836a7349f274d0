// The simulated 电子营业执照 of the demo and the tests: a register of enterprises (the demo's own, and the policy
// platform's 一企一档 by code), requests kept in account_licence_sim, and a page where the "legal representative"
// approves or declines. It stands where the real provider's app would; nothing else depends on it.
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Clock } from '../../lib/clock.ts';
import { newId } from '../../lib/ids.ts';
import { sha256 } from '../../lib/hash.ts';
import type { AuthorizationOutcome, BusinessLicenceProvider } from './licence-provider.ts';
import { DEMO_ACCOUNT_ENTERPRISES } from './accounts.seed-data.ts';

/** A request the legal representative has not answered within this time expires. */
export const SIM_REQUEST_TTL_MS = 24 * 3_600_000;

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红春晓东海波宁鹏飞雪梅';

/** The legal representative the simulated register names for an enterprise: stable for a code, different across codes. */
export function simulatedLegalRep(uscc: string): string {
  const h = sha256(uscc);
  const at = (i: number, s: string) => s[Number.parseInt(h.slice(i * 4, i * 4 + 4), 16) % s.length];
  return at(0, SURNAMES) + at(1, GIVEN) + (Number.parseInt(h[12], 16) % 2 ? at(2, GIVEN) : '');
}

/** The simulated register: the demo enterprises, then the policy platform's enterprise file, by code. */
export async function simulatedRegister(
  db: Kysely<DB>,
  uscc: string,
): Promise<{ name: string; legalRepName: string } | null> {
  const demo = DEMO_ACCOUNT_ENTERPRISES.find((e) => e.uscc === uscc);
  if (demo) return { name: demo.name, legalRepName: demo.legalRepName };
  const row = await db.selectFrom('enterprise').select('name').where('uscc', '=', uscc).executeTakeFirst();
  return row ? { name: row.name, legalRepName: simulatedLegalRep(uscc) } : null;
}

export function createSimulatedLicenceProvider(deps: {
  db: Kysely<DB>;
  clock: Clock;
  publicUrl: string;
}): BusinessLicenceProvider {
  const { db, clock } = deps;
  return {
    name: 'simulated',
    async requestAuthorization(req) {
      const now = clock.now();
      const ref = newId(now);
      const found = await simulatedRegister(db, req.uscc);
      await db
        .insertInto('account_licence_sim')
        .values({
          ref,
          uscc: req.uscc,
          enterprise_name: found?.name ?? req.enterpriseName,
          legal_rep_name: found?.legalRepName ?? '',
          applicant_name: req.applicant.name,
          applicant_phone_masked: req.applicant.phoneMasked,
          role: req.role,
          status: found ? 'pending' : 'not_found',
          created_at: now,
          expires_at: now + SIM_REQUEST_TTL_MS,
          decided_at: found ? null : now,
        })
        .execute();
      return { ref, confirmUrl: found ? `${deps.publicUrl}/services/licence-sim/${ref}` : null };
    },
    async authorizationStatus(ref): Promise<AuthorizationOutcome> {
      const row = await db.selectFrom('account_licence_sim').selectAll().where('ref', '=', ref).executeTakeFirst();
      if (!row) return { status: 'not_found' };
      if (row.status === 'pending' && Number(row.expires_at) < clock.now()) return { status: 'expired' };
      if (row.status !== 'approved') return { status: row.status as AuthorizationOutcome['status'] };
      return {
        status: 'approved',
        enterprise: { uscc: row.uscc, name: row.enterprise_name, legalRepName: row.legal_rep_name },
      };
    },
  };
}
