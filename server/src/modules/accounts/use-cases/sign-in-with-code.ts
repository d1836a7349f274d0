// Signs a person in with a phone verification code, registering the account on first use. A wrong code counts an
// attempt (five kill the code); a right one is used up, so it signs in exactly once.
import type { Transaction } from 'kysely';
import { PHONE_CODE } from '@tingquan/common/schemas/accounts';
import type { DB } from '../../../db/schema.ts';
import { safeEqual } from '../../../lib/hash.ts';
import { newId } from '../../../lib/ids.ts';
import { appendAudit } from '../../ledger/event.repository.ts';
import type { AccountsContext } from '../accounts.context.ts';
import {
  consumeCode,
  findPersonByPhone,
  insertPerson,
  lockLiveCode,
  recordAttempt,
  touchSignIn,
} from '../accounts.repository.ts';
import { hashCode } from './send-phone-code.ts';

export type SignInResult =
  | { ok: true; userId: string; created: boolean; token: string; csrf: string; sessionId: string }
  | { ok: false; reason: 'wrong_code' | 'inactive' };

/** Returns a failure instead of throwing, so that the counted attempt commits with the caller's transaction. */
export async function signInWithCode(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  input: { phone: string; code: string; name?: string },
  meta: { ip?: string; userAgent?: string },
): Promise<SignInResult> {
  const now = ctx.clock.now();
  const code = await lockLiveCode(trx, ctx.database.dialect, {
    phone: input.phone,
    purpose: 'sign_in',
    now,
    maxAttempts: PHONE_CODE.maxAttempts,
  });
  if (!code) return { ok: false, reason: 'wrong_code' };
  if (!safeEqual(hashCode(code.salt, input.phone, input.code), code.code_hash)) {
    await recordAttempt(trx, code.id, code.attempts + 1);
    return { ok: false, reason: 'wrong_code' };
  }
  if (!(await consumeCode(trx, code.id, now))) return { ok: false, reason: 'wrong_code' };

  let person = await findPersonByPhone(trx, input.phone);
  let created = false;
  if (!person) {
    const userId = newId(now);
    const name = input.name ?? `用户${input.phone.slice(-4)}`;
    await insertPerson(trx, { userId, username: `m${input.phone}`, name, phone: input.phone, now });
    await appendAudit(trx, ctx.database.dialect, {
      action: 'account_registered',
      actorId: userId,
      actorRole: 'requester',
      at: now,
      data: { method: 'phone_code' },
    });
    person = { id: userId, display_name: name, active: 1, phone: input.phone };
    created = true;
  } else if (!person.active) {
    return { ok: false, reason: 'inactive' };
  } else {
    await touchSignIn(trx, person.id, now);
  }
  const session = await ctx.openSession(trx, person.id, { ...meta, method: 'phone_code' });
  return { ok: true, userId: person.id, created, ...session };
}
