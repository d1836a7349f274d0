// Members of an enterprise: its legal representative or an admin adds a person (who already has an account) as an
// admin or agent, or revokes them; the legal representative's own membership comes only from the licence.
import type { Kysely, Transaction } from 'kysely';
import { MEMBER_MANAGERS, type EnterpriseRole } from '@tingquan/common/schemas/accounts';
import type { DB } from '../../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../../lib/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import { appendAudit } from '../../ledger/event.repository.ts';
import type { AccountsContext } from '../accounts.context.ts';
import { findMembership, findPersonByPhone, listMembers, revokeMember, upsertMember } from '../accounts.repository.ts';
import { isAccountHolder } from '../subject.ts';

/** The caller's membership; a non-member learns nothing (404), a member without the right gets 403. */
async function managerOf(trx: Kysely<DB>, actor: Actor, enterpriseId: string) {
  if (!isAccountHolder(actor)) throw notFound('enterprise');
  const m = await findMembership(trx, actor.id as string, enterpriseId);
  if (!m) throw notFound('enterprise');
  return m;
}

export async function listEnterpriseMembers(ctx: AccountsContext, actor: Actor, enterpriseId: string) {
  await managerOf(ctx.database.db, actor, enterpriseId);
  return listMembers(ctx.database.db, enterpriseId);
}

export async function addMember(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  actor: Actor,
  enterpriseId: string,
  input: { phone: string; role: Exclude<EnterpriseRole, 'legal_rep'> },
) {
  const m = await managerOf(trx, actor, enterpriseId);
  if (!MEMBER_MANAGERS.includes(m.role as EnterpriseRole))
    throw new AppError('forbidden', 'only the legal representative or an admin manages members');
  const person = await findPersonByPhone(trx, input.phone);
  if (!person) throw invalidField('body.phone', 'no account with this phone: the person signs in once first');
  const current = await findMembership(trx, person.id, enterpriseId);
  if (current?.role === 'legal_rep') throw new AppError('conflict', 'the legal representative keeps that role');
  const now = ctx.clock.now();
  await upsertMember(trx, { enterpriseId, userId: person.id, role: input.role, grantedBy: actor.id, now });
  await appendAudit(trx, ctx.database.dialect, {
    action: 'enterprise_member_added',
    actorId: actor.id,
    actorRole: 'requester',
    at: now,
    data: { enterpriseId, userId: person.id, role: input.role },
  });
  return listMembers(trx, enterpriseId);
}

export async function removeMember(
  ctx: AccountsContext,
  trx: Transaction<DB>,
  actor: Actor,
  enterpriseId: string,
  userId: string,
) {
  const m = await managerOf(trx, actor, enterpriseId);
  if (!MEMBER_MANAGERS.includes(m.role as EnterpriseRole))
    throw new AppError('forbidden', 'only the legal representative or an admin manages members');
  const target = await findMembership(trx, userId, enterpriseId);
  if (!target) throw notFound('member');
  if (target.role === 'legal_rep') throw new AppError('conflict', 'the legal representative cannot be revoked here');
  const now = ctx.clock.now();
  await revokeMember(trx, enterpriseId, userId, now);
  await appendAudit(trx, ctx.database.dialect, {
    action: 'enterprise_member_revoked',
    actorId: actor.id,
    actorRole: 'requester',
    at: now,
    data: { enterpriseId, userId },
  });
  return listMembers(trx, enterpriseId);
}
