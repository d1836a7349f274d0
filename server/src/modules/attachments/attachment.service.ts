// Attachments (SPEC §2.1): photos and PDFs on an item, type-checked by their magic bytes, stored with a sha256, and
// recorded as an `attach` event on the item's hash chain in the same transaction.
import { LIMITS } from '@tingquan/common';
import { basename } from 'node:path';
import type { Database } from '../../db/database.ts';
import type { Clock } from '../../lib/clock.ts';
import { toIso } from '../../lib/clock.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { sha256 } from '../../lib/hash.ts';
import { newId } from '../../lib/ids.ts';
import type { Actor } from '../auth/actor.ts';
import { canSee } from '../items/item.policy.ts';
import { findItem, listAssignments, lockItem, officerProjectIds, updateItem } from '../items/item.repository.ts';
import { chainEvent, insertEvents } from '../ledger/event.repository.ts';

/** The declared type is never trusted: the first bytes decide. */
export function sniffMime(buf: Buffer): string | null {
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'image/jpeg';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (buf.length >= 12 && buf.toString('latin1', 0, 4) === 'RIFF' && buf.toString('latin1', 8, 12) === 'WEBP')
    return 'image/webp';
  if (buf.length >= 5 && buf.toString('latin1', 0, 5) === '%PDF-') return 'application/pdf';
  return null;
}

export interface Upload {
  filename: string;
  content: Buffer;
}

export function createAttachmentService(deps: { database: Database; clock: Clock }) {
  const { database, clock } = deps;
  const db = database.db;

  async function visibleItem(actor: Actor, itemId: string, reader = db) {
    const item = await findItem(reader, itemId);
    if (!item) throw notFound();
    if (!canSee(actor, item, await listAssignments(reader, itemId), await officerProjectIds(reader, actor)))
      throw notFound();
    return item;
  }

  async function upload(actor: Actor, itemId: string, file: Upload) {
    if (file.content.length > LIMITS.attachmentBytes)
      throw new AppError('payload_too_large', `an attachment may be at most ${LIMITS.attachmentBytes} bytes`);
    const mime = sniffMime(file.content);
    if (!mime)
      throw new AppError('unsupported_media_type', 'only JPEG, PNG, WebP images and PDF documents are accepted');
    if (file.content.length === 0)
      throw new AppError('validation', 'file: empty', { issues: [{ path: 'file', message: 'empty file' }] });
    const filename =
      basename(file.filename || 'attachment')
        .replace(/[\u0000-\u001f]/g, '')
        .slice(0, 200) || 'attachment';
    const digest = sha256(file.content);
    return db.transaction().execute(async (trx) => {
      // Lock the item like every action does, so that the chain head and the per-item limit hold under concurrency.
      const item = await lockItem(trx, database.dialect, itemId);
      if (!item) throw notFound();
      if (!canSee(actor, item, await listAssignments(trx, itemId), await officerProjectIds(trx, actor)))
        throw notFound();
      const count = await trx
        .selectFrom('attachment')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('item_id', '=', itemId)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= LIMITS.attachmentsPerItem)
        throw new AppError('conflict', `an item may have at most ${LIMITS.attachmentsPerItem} attachments`);
      const now = clock.now();
      const id = newId(now);
      const byRequester = actor.kind === 'tracking' || actor.roles.every((r) => r === 'requester');
      await trx
        .insertInto('attachment')
        .values({
          id,
          item_id: itemId,
          filename,
          mime,
          size: file.content.length,
          sha256: digest,
          content: file.content,
          uploaded_by: actor.id,
          created_at: now,
        })
        .execute();
      const event = chainEvent(
        item.id,
        item.id,
        { seq: item.event_seq, hash: item.event_hash },
        {
          action: 'attach',
          actorId: actor.id,
          actorRole: byRequester ? 'requester' : (actor.roles.find((r) => r !== 'requester') ?? null),
          at: now,
          data: { attachmentId: id, filename, mime, size: file.content.length, sha256: digest },
        },
      );
      await insertEvents(trx, [event]);
      await updateItem(trx, item.id, {
        event_seq: event.seq,
        event_hash: event.hash,
        version: item.version + 1,
        updated_at: now,
      });
      return { id, filename, mime, size: file.content.length, sha256: digest, createdAt: toIso(now)! };
    });
  }

  /** The file itself, for a reader who may see the item; anything else is a 404. */
  async function download(actor: Actor, itemId: string, attachmentId: string) {
    await visibleItem(actor, itemId);
    const row = await db
      .selectFrom('attachment')
      .selectAll()
      .where('id', '=', attachmentId)
      .where('item_id', '=', itemId)
      .executeTakeFirst();
    if (!row) throw notFound('attachment');
    return { filename: row.filename, mime: row.mime, content: Buffer.from(row.content) };
  }

  return { upload, download };
}
export type AttachmentService = ReturnType<typeof createAttachmentService>;
