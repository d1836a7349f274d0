// Binding an enterprise to an account through the 电子营业执照: the request goes to the provider (outside any
// transaction: a real provider is a remote call), the legal representative confirms there, and completing the binding
// asks the provider for the outcome and records the enterprise (by 统一社会信用代码, as the register names it) and
// the membership with its role.
import type { Transaction } from 'kysely';
import { maskPhone, type EnterpriseRole } from '@tingquan/common/schemas/accounts';
import type { DB } from '../../../db/schema.ts';
import { AppError, notFound } from '../../../lib/errors.ts';
import { newId } from '../../../lib/ids.ts';
import type { Actor } from '../../auth/actor.ts';
import { appendAudit } from '../../ledger/event.repository.ts';
import { transact, type AccountsContext } from '../accounts.context.ts';
import {
  decideBinding,
  findBinding,
  findEnterpriseByUscc,
  findPersonByUser,
  insertBinding,
  insertEnterprise,
  lockBinding,
  refreshEnterprise,
  upsertMember,
} from '../accounts.repository.ts';
import { isAccountHolder } from '../subject.ts';

function holder(actor: Actor): string {
  if (!isAccountHolder(actor)) throw new AppError('forbidden', 'only a person account can bind an enterprise');
  return actor.id as string;
}

export async function requestBinding(
  ctx: AccountsContext,
  actor: Actor,
  input: { uscc: string; name: string; role: EnterpriseRole },
) {
  const userId = holder(actor);
  const person = await findPersonByUser(ctx.database.db, userId);
  const { ref, confirmUrl } = await ctx.licence.requestAuthorization({
    uscc: input.uscc,
    enterpriseName: input.name,
    applicant: { name: actor.displayName, phoneMasked: maskPhone(person?.phone) ?? '' },
    role: input.role,
  });
  const now = ctx.clock.now();
  const row = {
    id: newId(now),
    user_id: userId,
    uscc: input.uscc,
    name: input.name,
    role: input.role,
    provider: ctx.licence.name,
    provider_ref: ref,
    confirm_url: confirmUrl,
    status: 'pending',
    enterprise_id: null,
    created_at: now,
    decided_at: null,
  };
  await transact(ctx, (trx) => insertBinding(trx, row));
  return row;
}

async function recordApproval(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  binding: { id: string; user_id: string; role: string; provider: string },
  enterprise: { uscc: string; name: string; legalRepName: string },
  now: number,
): Promise<string> {
  const existing = await findEnterpriseByUscc(trx, enterprise.uscc);
  const enterpriseId = existing?.id ?? newId(now);
  if (existing) await refreshEnterprise(trx, existing.id, { ...enterprise, now });
  else await insertEnterprise(trx, { id: enterpriseId, ...enterprise, provider: binding.provider, now });
  await upsertMember(trx, {
    enterpriseId,
    userId: binding.user_id,
    role: binding.role,
    grantedBy: `licence:${binding.provider}`,
    now,
  });
  await appendAudit(trx, ctx.database.dialect, {
    action: 'enterprise_bound',
    actorId: binding.user_id,
    actorRole: 'requester',
    at: now,
    data: { enterpriseId, uscc: enterprise.uscc, role: binding.role, binding: binding.id },
  });
  return enterpriseId;
}

/** Asks the provider how the legal representative answered; a binding still pending is a 409 to try again later. */
export async function completeBinding(ctx: AccountsContext, actor: Actor, bindingId: string) {
  const userId = holder(actor);
  const found = await findBinding(ctx.database.db, bindingId, userId);
  if (!found) throw notFound('binding');
  if (found.status !== 'pending') return found;
  const outcome = await ctx.licence.authorizationStatus(found.provider_ref);
  if (outcome.status === 'pending') throw new AppError('conflict', 'the legal representative has not confirmed yet');
  return transact(ctx, async (trx) => {
    const binding = await lockBinding(trx, ctx.database.dialect, bindingId, userId);
    if (!binding) throw notFound('binding');
    if (binding.status !== 'pending') return binding;
    const now = ctx.clock.now();
    const approved = outcome.status === 'approved' && outcome.enterprise?.uscc === binding.uscc;
    const enterpriseId = approved ? await recordApproval(ctx, trx, binding, outcome.enterprise!, now) : null;
    const status = approved ? 'approved' : outcome.status === 'approved' ? 'declined' : outcome.status;
    await decideBinding(trx, binding.id, { status, enterpriseId, now });
    return { ...binding, status, enterprise_id: enterpriseId, decided_at: now };
  });
}
