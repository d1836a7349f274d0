// The signed-in account: who they are, the enterprises they act for (with the role in each) and who they act as now.
import { AppError } from '../../../lib/errors.ts';
import type { Actor } from '../../auth/actor.ts';
import type { AccountsContext } from '../accounts.context.ts';
import { findPersonByUser, listBindings, listMemberships } from '../accounts.repository.ts';
import { presentAccount } from '../accounts.presenter.ts';
import { isAccountHolder, resolveSubject, type Subject } from '../subject.ts';

export async function readAccount(ctx: AccountsContext, actor: Actor, csrf: string, header?: string | string[]) {
  if (!isAccountHolder(actor)) throw new AppError('forbidden', 'staff accounts have no person or enterprise account');
  const db = ctx.database.db;
  const [personRow, memberships] = await Promise.all([
    findPersonByUser(db, actor.id as string),
    listMemberships(db, actor.id as string),
  ]);
  // A saved choice whose membership was revoked shows as the person here, so the page can offer the choice again.
  const person: Subject = {
    kind: 'person',
    id: actor.id as string,
    name: actor.displayName,
    userId: actor.id as string,
  };
  const acting = header ? await resolveSubject(db, actor, header) : await resolveSubject(db, actor).catch(() => person);
  return presentAccount(actor, personRow?.phone ?? null, memberships, acting, csrf);
}

export async function readBindings(ctx: AccountsContext, actor: Actor) {
  if (!isAccountHolder(actor)) throw new AppError('forbidden', 'only a person account binds enterprises');
  return listBindings(ctx.database.db, actor.id as string);
}
