// Sends a sign-in verification code by SMS through the outbox: six digits, stored hashed, valid five minutes, and
// rate-limited per phone (one a minute, five an hour, ten a day) and per client address (twenty an hour).
import type { Transaction } from 'kysely';
import { maskPhone, PHONE_CODE, type PhoneCodePurpose } from '@tingquan/common/schemas/accounts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../lib/errors.ts';
import { sha256 } from '../../../lib/hash.ts';
import { newId, randomDigits, randomToken } from '../../../lib/ids.ts';
import { toIso } from '../../../lib/clock.ts';
import { enqueue } from '../../outbox/outbox.repository.ts';
import type { AccountsContext } from '../accounts.context.ts';
import { countCodesSince, insertCode, lastCodeAt } from '../accounts.repository.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export const CODE_LIMITS = {
  phoneIntervalMs: MINUTE,
  phonePerHour: 5,
  phonePerDay: 10,
  addressPerHour: 20,
} as const;

export function hashCode(salt: string, phone: string, code: string): string {
  return sha256(`${salt}:${phone}:${code}`);
}

async function assertWithinLimits(trx: Transaction<DB>, phone: string, ip: string | null, now: number) {
  const last = await lastCodeAt(trx, phone);
  if (last && now - Number(last.created_at) < CODE_LIMITS.phoneIntervalMs)
    throw new AppError('rate_limited', 'a code was sent to this phone less than a minute ago');
  if ((await countCodesSince(trx, { phone }, now - HOUR)) >= CODE_LIMITS.phonePerHour)
    throw new AppError('rate_limited', 'too many codes for this phone in the last hour');
  if ((await countCodesSince(trx, { phone }, now - 24 * HOUR)) >= CODE_LIMITS.phonePerDay)
    throw new AppError('rate_limited', 'too many codes for this phone today');
  if (ip && (await countCodesSince(trx, { ip }, now - HOUR)) >= CODE_LIMITS.addressPerHour)
    throw new AppError('rate_limited', 'too many codes requested from this address in the last hour');
}

export async function sendPhoneCode(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  input: { phone: string; purpose: PhoneCodePurpose },
  meta: { ip?: string },
) {
  const now = ctx.clock.now();
  const ip = meta.ip ?? null;
  await assertWithinLimits(trx, input.phone, ip, now);
  const code = randomDigits(PHONE_CODE.digits);
  const salt = randomToken(12);
  const expiresAt = now + PHONE_CODE.ttlMinutes * MINUTE;
  await insertCode(trx, {
    id: newId(now),
    phone: input.phone,
    purpose: input.purpose,
    salt,
    code_hash: hashCode(salt, input.phone, code),
    ip,
    attempts: 0,
    created_at: now,
    expires_at: expiresAt,
    consumed_at: null,
  });
  await enqueue(trx, now, [
    {
      channel: 'sms',
      topic: 'account.code',
      recipient: input.phone,
      payload: {
        text: `【听劝】您的验证码是${code}，${PHONE_CODE.ttlMinutes}分钟内有效。请勿告诉他人。`,
      },
    },
  ]);
  return {
    phoneMasked: maskPhone(input.phone) ?? '',
    expiresAt: toIso(expiresAt) as string,
    retryAfterSeconds: CODE_LIMITS.phoneIntervalMs / 1000,
    ...(ctx.showCodes ? { devCode: code } : {}),
  };
}
