// The simulated 电子营业执照's page: the legal representative sees the request and approves or declines it once.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import type { AccountsContext } from '../accounts.context.ts';
import { decideLicenceSim, findLicenceSim } from '../accounts.repository.ts';

export async function readLicenceSim(ctx: AccountsContext, ref: string) {
  if (ctx.licence.name !== 'simulated') throw notFound('request');
  const row = await findLicenceSim(ctx.database.db, ref);
  if (!row) throw notFound('request');
  const expired = row.status === 'pending' && Number(row.expires_at) < ctx.clock.now();
  return { ...row, status: expired ? 'expired' : row.status };
}

export async function decideLicenceRequest(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  ref: string,
  approve: boolean,
): Promise<void> {
  if (ctx.licence.name !== 'simulated') throw notFound('request');
  const row = await findLicenceSim(trx, ref);
  if (!row) throw notFound('request');
  if (!(await decideLicenceSim(trx, ref, approve ? 'approved' : 'declined', ctx.clock.now())))
    throw new AppError('invalid_transition', 'this request was already answered or has expired');
}
