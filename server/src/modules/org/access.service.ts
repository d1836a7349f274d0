// Integration access (API tokens, signed webhooks) and the signed-in user's in-app notifications. Secrets are shown
// once at creation: tokens are stored hashed, webhook secrets only ever leave as HMAC signatures.
import type { tokenBody, webhookBody } from '@tingquan/common';
import type { z } from 'zod';
import { AppError, invalidField, notFound } from '../../lib/errors.ts';
import { newId, randomToken } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import type { AuthService } from '../auth/auth.service.ts';
import { createAdminWriter, type AdminDeps } from './admin-write.ts';
import { findToken, findUser, findWebhook, listNotifications, listTokens, listWebhooks } from './org.repository.ts';
import { presentNotification, presentToken, presentWebhook } from './org.presenter.ts';

export function createAccessService(deps: AdminDeps & { auth: AuthService }) {
  const { clock } = deps;
  const db = deps.database.db;
  const write = createAdminWriter(deps);

  // ---- API tokens ----
  const tokens = async () => (await listTokens(db)).map(presentToken);

  async function createToken(actor: Actor, b: z.output<typeof tokenBody>) {
    const user = await findUser(db, b.userId);
    if (!user || !user.active) throw invalidField('userId', 'unknown user');
    return write(actor, async ({ trx, audit }) => {
      const created = await deps.auth.createToken(trx, { name: b.name, userId: b.userId, kind: b.kind });
      await audit('admin.token.create', { id: created.id, name: b.name, userId: b.userId, kind: b.kind });
      return created;
    });
  }

  async function revokeToken(actor: Actor, id: string) {
    const row = await findToken(db, id);
    if (!row) throw notFound('API token');
    if (row.revoked_at) return presentToken(row);
    return write(actor, async ({ trx, now, audit }) => {
      await trx
        .updateTable('api_token')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .execute();
      await audit('admin.token.revoke', { id });
      return presentToken((await findToken(trx, id))!);
    });
  }

  // ---- webhooks ----
  const webhooks = async () => (await listWebhooks(db)).map(presentWebhook);

  async function createWebhook(actor: Actor, b: z.output<typeof webhookBody>) {
    const secret = `whsec_${randomToken()}`;
    const id = newId(clock.now());
    return write(actor, async ({ trx, now, audit }) => {
      await trx
        .insertInto('webhook')
        .values({ id, url: b.url, secret, events: JSON.stringify(b.events), active: 1, created_at: now })
        .execute();
      await audit('admin.webhook.create', { id, url: b.url, events: b.events });
      return { ...presentWebhook((await findWebhook(trx, id))!), secret };
    });
  }

  async function setWebhookActive(actor: Actor, id: string, active: boolean) {
    if (!(await findWebhook(db, id))) throw notFound('webhook');
    return write(actor, async ({ trx, audit }) => {
      await trx
        .updateTable('webhook')
        .set({ active: active ? 1 : 0 })
        .where('id', '=', id)
        .execute();
      await audit(`admin.webhook.${active ? 'activate' : 'deactivate'}`, { id });
      return presentWebhook((await findWebhook(trx, id))!);
    });
  }

  // ---- the reader's own notifications ----
  async function notifications(actor: Actor, q: { page: number; pageSize: number; unread?: 'true' | 'false' }) {
    if (!actor.id) throw new AppError('unauthenticated', 'sign in first');
    const { rows, total, unread } = await listNotifications(db, actor.id, {
      page: q.page,
      pageSize: q.pageSize,
      unreadOnly: q.unread === 'true',
    });
    return { total, unread, page: q.page, pageSize: q.pageSize, items: rows.map(presentNotification) };
  }

  /** Marks one of the reader's own notifications read; someone else's is a 404. */
  async function markRead(actor: Actor, id: string) {
    const row = await db
      .selectFrom('notification')
      .selectAll()
      .where('id', '=', id)
      .where('user_id', '=', actor.id ?? '')
      .executeTakeFirst();
    if (!row) throw notFound('notification');
    if (row.read_at) return presentNotification(row);
    const now = clock.now();
    await db
      .updateTable('notification')
      .set({ read_at: now })
      .where('id', '=', id)
      .where('read_at', 'is', null)
      .execute();
    return presentNotification({ ...row, read_at: now });
  }

  return { tokens, createToken, revokeToken, webhooks, createWebhook, setWebhookActive, notifications, markRead };
}
export type AccessService = ReturnType<typeof createAccessService>;
