// Saves who a session acts as from now on: the person, or one of the enterprises they are a member of.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../lib/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { AccountsContext } from '../accounts.context.ts';
import { findMembership, saveActingChoice } from '../accounts.repository.ts';
import { isAccountHolder } from '../subject.ts';

export async function chooseActing(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  actor: Actor,
  input: { enterpriseId: string | null },
): Promise<void> {
  if (!isAccountHolder(actor)) throw new AppError('forbidden', 'only a person or enterprise account can do this');
  if (!actor.sessionId)
    throw new AppError('bad_request', 'an API token has no session: send the x-acting-for header with each request');
  if (input.enterpriseId && !(await findMembership(trx, actor.id as string, input.enterpriseId)))
    throw new AppError('forbidden', 'you do not act for this enterprise');
  await saveActingChoice(trx, actor.sessionId, input.enterpriseId, ctx.clock.now());
}
