// Who an account holder is acting as in a request: themselves (a person) or one of their enterprises. The vault,
// consent links and the data tracker are keyed by the subject's holder key, never by the signed-in user alone.
import type { Kysely } from 'kysely';
import type { EnterpriseRole, SubjectView } from '@tingquan/common/schemas/accounts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../lib/errors.ts';
import type { Actor } from '../auth/actor.ts';
import { actingChoice, findMembership } from './accounts.repository.ts';

/** Request header that chooses the subject for one request: `person`, or an enterprise id the caller is a member of. */
export const ACTING_HEADER = 'x-acting-for';

export type Subject =
  | { kind: 'person'; id: string; name: string; userId: string }
  | { kind: 'enterprise'; id: string; name: string; uscc: string; role: EnterpriseRole; userId: string };

/** `person:<user id>` or `enterprise:<enterprise id>`: how other modules store whose a record is. */
export type HolderKey = `person:${string}` | `enterprise:${string}`;

export function holderKey(subject: Pick<Subject, 'kind' | 'id'>): HolderKey {
  return `${subject.kind}:${subject.id}`;
}

export function parseHolderKey(key: string): { kind: 'person' | 'enterprise'; id: string } | null {
  const m = /^(person|enterprise):(.+)$/.exec(key);
  return m ? { kind: m[1] as 'person' | 'enterprise', id: m[2] } : null;
}

export function subjectView(s: Subject): SubjectView {
  return s.kind === 'person'
    ? { kind: 'person', id: s.id, name: s.name }
    : { kind: 'enterprise', id: s.id, name: s.name, uscc: s.uscc, role: s.role };
}

/** Account holders are requesters signed in themselves (session or their own API token); staff are not holders. */
export function isAccountHolder(actor: Actor | null): actor is Actor {
  return (
    !!actor &&
    actor.id !== null &&
    (actor.kind === 'user' || actor.kind === 'token') &&
    actor.roles.includes('requester')
  );
}

/**
 * The subject of a request: the header's choice, else the session's saved choice, else the person. An enterprise the
 * caller is not (or no longer) a member of is refused, never silently replaced by the person.
 */
export async function resolveSubject(
  db: Kysely<DB>,
  actor: Actor | null,
  header?: string | string[],
): Promise<Subject> {
  if (!isAccountHolder(actor)) throw new AppError('forbidden', 'only a person or enterprise account can do this');
  const userId = actor.id as string;
  const person: Subject = { kind: 'person', id: userId, name: actor.displayName, userId };
  const asked = typeof header === 'string' && header.trim() ? header.trim() : undefined;
  const choice =
    asked !== undefined
      ? asked === 'person'
        ? null
        : asked
      : actor.sessionId
        ? await actingChoice(db, actor.sessionId)
        : null;
  if (!choice) return person;
  const m = await findMembership(db, userId, choice);
  if (!m) throw new AppError('forbidden', 'you do not (or no longer) act for this enterprise: choose who you act as');
  return {
    kind: 'enterprise',
    id: m.enterprise_id,
    name: m.name,
    uscc: m.uscc,
    role: m.role as EnterpriseRole,
    userId,
  };
}
